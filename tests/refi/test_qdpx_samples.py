"""Real exports from NVivo, ATLAS.ti and qualitative-coding import with the counts they hold."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]
from refi_helpers import qde_of, shared

from qualcode.refi import api
from qualcode.store.db import open_project
from qualcode.store.models import Code, Coder, Coding, Document

NS = {"q": "urn:QDA-XML:project:1.0"}


def counts(target: Path) -> tuple[int, int, int, set[str]]:
    with open_project(str(target)) as project, project.read() as session:
        return (
            session.query(Document).count(),
            session.query(Code).count(),
            session.query(Coding).count(),
            {c.name for c in session.query(Coder)},
        )


def test_nvivo_export(tmp_path: Path) -> None:
    target = tmp_path / "nvivo.qc"
    summary, _ = api.import_qdpx(str(target), shared("nvivo-export.qdpx"), coder="me")
    assert counts(target) == (0, 262, 0, {"me", "chrisp", "cp"})
    assert summary.origin == "NVivo for Mac 15.0.0"
    # Both sources hold a one-line-break plain text (their .docx copies are empty too).
    assert len(summary.remarks) == 2
    assert all("plain text is empty; skipped" in remark for remark in summary.remarks)
    with open_project(str(target)) as project, project.read() as session:
        keys = {c.key for c in session.query(Code)}
        nested = session.query(Code).filter(Code.key == "restructure-curriculum").one()
        assert nested.parent is not None and nested.parent.key == "restructuring-high-school"
    assert {"programming", "programming-2", "citizenship", "citizenship-2"} <= keys


def test_atlasti_export(tmp_path: Path) -> None:
    target = tmp_path / "atlas.qc"
    summary, _ = api.import_qdpx(str(target), shared("atlasti-export.qdpx"), coder="me")
    assert counts(target) == (0, 3, 0, {"me", "Enric Llagostera", "ATLAS.ti"})
    assert summary.remarks == []
    with open_project(str(target)) as project, project.read() as session:
        top = session.query(Code).filter(Code.parent_id.is_(None)).one()
        assert top.name == "Commits" and len(top.children) == 2


def test_qualitative_coding_export(tmp_path: Path) -> None:
    path = shared("qualitative-coding-demo.qdpx")
    target = tmp_path / "qc.qc"
    summary, _ = api.import_qdpx(str(target), path, coder="me")
    assert counts(target) == (2, 262, 205, {"me", "cp"})
    assert summary.remarks == []
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("sources/board_2017.txt").decode("utf-8")
        tree = etree.fromstring(archive.read("project.qde"))
    selections = [
        (int(s.get("startPosition")), int(s.get("endPosition")))
        for s in tree.iterfind(".//q:PlainTextSelection", NS)
    ]
    with open_project(str(target)) as project, project.read() as session:
        document = session.query(Document).filter(Document.title == "board_2017").one()
        spans = sorted({(c.start, c.end) for c in session.query(Coding)})
        assert all(c.document_id == document.id for c in session.query(Coding))
        assert session.query(Document).filter(Document.title == "admin-1").count() == 1
        # Trailing spaces went in normalisation, yet each coding covers the same words.
        assert len(document.text) < len(raw)
        for (start, end), (new_start, new_end) in zip(sorted(set(selections)), spans, strict=True):
            assert raw[start:end].split() == document.text[new_start:new_end].split()


def test_an_imported_project_exports_valid_with_its_original_guids(
    tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    path = shared("qualitative-coding-demo.qdpx")
    target = tmp_path / "qc.qc"
    api.import_qdpx(str(target), path, coder="me")
    out = tmp_path / "again.qdpx"
    with open_project(str(target)) as project:
        summary = api.export_qdpx(project, out)
    assert (summary.documents, summary.codes, summary.codings) == (2, 262, 205)
    again = etree.fromstring(qde_of(out))
    assert project_schema.validate(again), project_schema.error_log
    with zipfile.ZipFile(path) as archive:
        original = etree.fromstring(archive.read("project.qde"))

    def guids(tree: etree._Element, tag: str) -> set[str]:
        return {e.get("guid").lower() for e in tree.iterfind(f".//q:{tag}", NS)}

    assert guids(again, "Code") == guids(original, "Code")
    assert guids(again, "User") >= guids(original, "User")  # and the importing coder
