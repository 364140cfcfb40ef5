"""Property test through a real project: random edits keep the store sound and the words right."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from revise_scripts import Script, scripts, spans
from sqlalchemy import select

from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import build_document
from qualcode.revise import replace_text, text_at_version
from qualcode.store.check import check_project
from qualcode.store.codes import add_code, find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project, create_project
from qualcode.store.documents import add_document
from qualcode.store.models import Coding, Document, OrphanedCoding


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    project = create_project(str(tmp_path_factory.mktemp("store") / "props.qc"))
    with project.write() as session:
        add_code(session, "theme", "Theme", coder="prop")
    yield project
    project.close()


@st.composite
def cases(draw: st.DrawFn) -> tuple[Script, list[tuple[int, int, int]]]:
    script = draw(scripts())
    return script, draw(spans(len(script.old)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(cases())
def test_random_edits_through_the_store(
    store: Project, case: tuple[Script, list[tuple[int, int, int]]]
) -> None:
    script, codings = case
    old, new = script.old, script.new
    assume(normalise_text(old) == old and normalise_text(new) == new and new.strip())
    with store.write() as session:
        document = add_document(session, build_document("props.txt", "txt", old))
        theme = find_code(session, "theme")
        ids: dict[int, tuple[int, int]] = {}
        for _, start, end in {(s, e): (i, s, e) for i, s, e in codings}.values():
            ids[add_coding(session, document, theme, "prop", start, end).id] = (start, end)
        replace_text(session, document, new, "prop")
        document_id = document.id
    try:
        assert check_project(store).ok
        with store.read() as session:
            document = session.get_one(Document, document_id)
            assert document.text == new and text_at_version(session, document, 1) == old
            kept = {
                c.id: c
                for c in session.scalars(select(Coding).where(Coding.document_id == document_id))
            }
            orphaned = {
                o.coding_id: o
                for o in session.scalars(
                    select(OrphanedCoding).where(OrphanedCoding.document_id == document_id)
                )
            }
            for coding_id, (start, end) in ids.items():
                if coding_id in orphaned:
                    assert orphaned[coding_id].text == old[start:end]
                    assert not script.untouched(start, end)
                    continue
                merged = coding_id not in kept
                if not merged and script.untouched(start, end):
                    assert new[kept[coding_id].start : kept[coding_id].end] == old[start:end]
                assert merged or not script.deleted(start, end)
    finally:
        with store.write() as session:
            session.delete(session.get_one(Document, document_id))
