"""qualcode → .qdpx → qualcode keeps documents, codes, codings, coders, memos and cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]
import pytest
from refi_helpers import qde_of

from qualcode.codebook.yamlio import load_codebook
from qualcode.errors import QualcodeError
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.refi import api
from qualcode.store.codes import codebook_spec
from qualcode.store.db import Project, open_project
from qualcode.store.models import Code, Coder, Coding, Document, Memo, Participant, Passage


def snapshot(project: Project) -> dict[str, Any]:
    """Everything a round trip must keep, keyed by names rather than ids."""
    with project.read() as session:
        titles = {d.id: d.title for d in session.query(Document)}
        passages = {p.id: (titles[p.document_id], p.start, p.end) for p in session.query(Passage)}
        keys = {c.id: c.key for c in session.query(Code)}
        coders = {c.id: c.name for c in session.query(Coder)}
        return {
            "codebook": codebook_spec(session),
            "documents": sorted(
                (d.title, d.text, d.attributes, d.participant.label if d.participant else None)
                for d in session.query(Document)
            ),
            "codings": sorted(
                (titles[c.document_id], c.code.key, c.coder.name, c.start, c.end, c.memo or "")
                for c in session.query(Coding)
            ),
            "memos": sorted(
                (
                    m.text,
                    coders[m.coder_id],
                    passages.get(m.passage_id) if m.passage_id else None,
                    titles.get(m.document_id) if m.document_id else None,
                    keys.get(m.code_id) if m.code_id else None,
                )
                for m in session.query(Memo)
            ),
            "participants": sorted((p.label, p.attributes) for p in session.query(Participant)),
        }


def test_round_trip_keeps_everything(coded_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    api.export_qdpx(coded_project, out)
    summary, created = api.import_qdpx(str(tmp_path / "back.qc"), out, coder="someone-else")
    assert created
    assert (summary.documents, summary.codes_added, summary.codings, summary.memos) == (
        2, 34, 5, 5
    )  # fmt: skip
    assert summary.participants == 1 and not summary.remarks
    with open_project(str(tmp_path / "back.qc")) as back:
        original, restored = snapshot(coded_project), snapshot(back)
    for part in ("codebook", "documents", "codings", "memos", "participants"):
        assert restored[part] == original[part], part


def test_a_second_export_writes_the_same_guids(coded_project: Project, tmp_path: Path) -> None:
    first = tmp_path / "first.qdpx"
    api.export_qdpx(coded_project, first)
    api.import_qdpx(str(tmp_path / "back.qc"), first, coder="t")
    second = tmp_path / "second.qdpx"
    with open_project(str(tmp_path / "back.qc")) as back:
        api.export_qdpx(back, second)

    def guids(path: Path, tag: str) -> dict[str, str]:
        tree = etree.fromstring(qde_of(path))
        return {e.get("name"): e.get("guid") for e in tree.iter(f"{{*}}{tag}")}

    for tag in ("Code", "TextSource", "Case"):
        assert guids(second, tag) == guids(first, tag), tag
    users = guids(first, "User")
    assert {k: v for k, v in guids(second, "User").items() if k in users} == users


def test_import_into_an_empty_project_merges_codes_by_key(
    coded_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "study.qdpx"
    api.export_qdpx(coded_project, out)
    target = tmp_path / "fresh.qc"
    new_project(str(target), load_codebook(DEFAULT_CODEBOOK), coder="t")[0].close()
    summary, created = api.import_qdpx(str(target), out, coder="t")
    assert not created
    assert (summary.codes_added, summary.codes_updated, summary.codings) == (0, 0, 5)


def test_import_into_a_project_with_documents_is_refused(
    coded_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "study.qdpx"
    api.export_qdpx(coded_project, out)
    before = snapshot(coded_project)
    with pytest.raises(QualcodeError, match="already has 2 documents"):
        api.import_qdpx(coded_project.target, out, coder="t")
    assert snapshot(coded_project) == before


def test_round_trip_into_sqlite_and_postgresql(
    coded_project: Project, tmp_path: Path, project_ref: str
) -> None:
    out = tmp_path / "study.qdpx"
    api.export_qdpx(coded_project, out)
    summary, created = api.import_qdpx(project_ref, out, coder="t")
    assert not created and (summary.documents, summary.codings, summary.memos) == (2, 5, 5)
    with open_project(project_ref) as back:
        original, restored = snapshot(coded_project), snapshot(back)
        again = tmp_path / "again.qdpx"
        api.export_qdpx(back, again)
    for part in ("documents", "codings", "memos", "participants"):
        assert restored[part] == original[part], part
    assert restored["codebook"].codes == original["codebook"].codes
