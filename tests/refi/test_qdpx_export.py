"""A project as a .qdpx: schema-valid project.qde, sources as LF UTF-8 text, nothing private."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]
from refi_helpers import assert_valid, qde_of

from qualcode.codebook.types import CodebookSpec
from qualcode.project import new_project
from qualcode.refi import api
from qualcode.store.db import Project
from qualcode.store.models import Coding, Document, Identifier, Memo

NS = {"q": "urn:QDA-XML:project:1.0"}


def export(project: Project, tmp_path: Path, name: str = "out.qdpx") -> Path:
    out = tmp_path / name
    api.export_qdpx(project, out)
    return out


def test_project_qde_is_valid_against_project_xsd(
    coded_project: Project, tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    assert_valid(project_schema, qde_of(export(coded_project, tmp_path)))


def test_an_empty_project_is_valid_too(tmp_path: Path, project_schema: etree.XMLSchema) -> None:
    project, _ = new_project(str(tmp_path / "e.qc"), CodebookSpec(name="Empty"), coder="t")
    with project:
        assert_valid(project_schema, qde_of(export(project, tmp_path)))


def test_sources_are_lf_utf8_named_by_guid_and_positions_fit_them(
    coded_project: Project, tmp_path: Path
) -> None:
    out = export(coded_project, tmp_path)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        tree = etree.fromstring(archive.read("project.qde"))
        texts = {name: archive.read(name) for name in names if name.startswith("sources/")}
    assert names[0] == "project.qde"
    assert len(texts) == 2
    for source in tree.iterfind(".//q:TextSource", NS):
        guid = source.get("guid")
        assert source.get("plainTextPath") == f"internal://{guid}.txt"
        data = texts[f"sources/{guid}.txt"]
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        text = data.decode("utf-8")
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert 0 <= start < end <= len(text)
    with coded_project.read() as session:
        by_title = {d.title: d.text for d in session.query(Document)}
        codings = session.query(Coding).all()
        music_text = by_title["notes"]
        emoji = next(c for c in codings if c.code.key == "partnership-levels")
    assert "🙂" in music_text[emoji.start : emoji.end]  # code points, as REFI counts them
    assert any(t.decode("utf-8") == music_text for t in texts.values())


def test_no_private_identifier_reaches_project_qde(coded_project: Project, tmp_path: Path) -> None:
    qde = qde_of(export(coded_project, tmp_path)).decode("utf-8")
    with coded_project.read() as session:
        identifiers = [i.value for i in session.query(Identifier)]
    assert "Priya Sharma" in identifiers and "Hope Housing" in identifiers
    for value in identifiers:
        assert value not in qde
    tree = etree.fromstring(qde.encode())
    cases = tree.findall(".//q:Case", NS)
    assert [case.get("name") for case in cases] == ["Interviewee 7"]
    assert "<Identifier" not in qde


def test_users_codes_codings_memos_and_cases_are_all_there(
    coded_project: Project, tmp_path: Path
) -> None:
    tree = etree.fromstring(qde_of(export(coded_project, tmp_path)))
    users = {u.get("name"): u.get("guid") for u in tree.iterfind(".//q:User", NS)}
    assert {"ana", "ben", "tester"} <= set(users)
    codes = tree.findall(".//q:Code", NS)
    assert len(codes) == 34 and all(c.get("isCodable") == "true" for c in codes)
    codings = tree.findall(".//q:Coding", NS)
    assert len(codings) == 5
    assert {c.get("creatingUser") for c in codings} == {users["ana"], users["ben"]}
    shared = [s for s in tree.iterfind(".//q:PlainTextSelection", NS) if len(s) == 2]
    assert shared, "two coders' codings of one span share one selection"
    notes = tree.findall(".//q:Note", NS)
    assert len(notes) == 5  # passage, document, code, project memos and a coding's memo
    refs = {r.get("targetGUID") for r in tree.iter("{*}NoteRef")}
    assert refs == {n.get("guid") for n in notes}
    case = tree.find(".//q:Case", NS)
    values = {v.find("q:TextValue", NS).text for v in case.iterfind("q:VariableValue", NS)}
    assert values == {"small"}
    assert len(case.findall("q:SourceRef", NS)) == 1


def test_exports_are_stable_and_private_on_disk(coded_project: Project, tmp_path: Path) -> None:
    first = etree.fromstring(qde_of(export(coded_project, tmp_path, "a.qdpx")))
    second = etree.fromstring(qde_of(export(coded_project, tmp_path, "b.qdpx")))
    for tree in (first, second):
        tree.attrib.pop("modifiedDateTime")
    assert etree.tostring(first) == etree.tostring(second)
    mode = stat.S_IMODE((tmp_path / "a.qdpx").stat().st_mode)
    assert mode == 0o600


def test_characters_xml_cannot_carry_are_dropped_not_fatal(
    coded_project: Project, tmp_path: Path, project_schema: etree.XMLSchema
) -> None:
    with coded_project.write() as session:
        session.add(Memo(coder_id=1, text="Bell\x07 and form\x0cfeed"))
    out = export(coded_project, tmp_path)
    assert_valid(project_schema, qde_of(out))
    assert b"Bell and formfeed" in qde_of(out)
