"""Archive bombs (.docx, .odt, .qdpx) are refused in one line, before they expand, leaving
nothing behind; honest archives, nested zips and entity tricks are handled."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks.bombs import docx_bomb, lying_docx, nested_docx, odt_bomb, qdpx_bomb
from qualcode.errors import QualcodeError
from qualcode.importing import import_one
from qualcode.ingest import ReadError, read_document
from qualcode.ingest.archive import MB, check_archive
from qualcode.refi import api
from qualcode.store.db import Project
from qualcode.store.models import Document, Passage


def _count(project: Project, model: type[Document] | type[Passage]) -> int:
    with project.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_docx_expanding_past_the_cap_is_refused_and_nothing_imported(
    project: Project, tmp_path: Path
) -> None:
    path = docx_bomb(tmp_path / "interview.docx", 110)
    assert path.stat().st_size < 1 * MB
    tracemalloc.start()
    try:
        outcome = import_one(project, path, coder="tester")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome.status == "failed"
    assert outcome.message == "interview.docx: refused: expands to more than 100 MB (a zip bomb?)"
    assert peak < 20 * MB
    assert _count(project, Document) == 0 and _count(project, Passage) == 0


@pytest.mark.parametrize(
    ("build", "name", "member"),
    [(docx_bomb, "interview.docx", "word/document.xml"), (odt_bomb, "notes.odt", "content.xml")],
)
def test_a_member_that_compresses_like_a_bomb_is_refused(
    tmp_path: Path, build: object, name: str, member: str
) -> None:
    path = build(tmp_path / name, 5)  # type: ignore[operator]
    with pytest.raises(ReadError, match=rf"^{name}: refused: {member} expands [\d,]+ times"):
        read_document(path)


def test_a_header_that_understates_a_member_is_caught_before_the_reader_trusts_it(
    tmp_path: Path,
) -> None:
    # zipfile reads a whole member in one call and only then cuts it to the header's size:
    # a 1 KB header over 40 MB of XML would expand all 40 MB inside python-docx.
    path = lying_docx(tmp_path / "interview.docx", 40)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1024
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match="expands past the size its header gives"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * MB


def test_a_qdpx_with_a_bomb_source_is_refused_and_no_project_created(tmp_path: Path) -> None:
    path = qdpx_bomb(tmp_path / "project.qdpx", 5)
    target = tmp_path / "imported.qc"
    with pytest.raises(QualcodeError, match=r"^project.qdpx: refused: sources/interview.txt"):
        api.import_qdpx(str(target), path, coder="tester")
    assert not target.exists()


def test_qdpx_sources_share_one_cap(tmp_path: Path) -> None:
    path = qdpx_bomb(tmp_path / "project.qdpx", 101, stored=True)
    with pytest.raises(QualcodeError, match=r"refused: expands to more than 100 MB"):
        api.import_qdpx(str(tmp_path / "imported.qc"), path, coder="tester")


def test_the_cap_counts_every_member(tmp_path: Path) -> None:
    path = docx_bomb(tmp_path / "prose.docx", 3, varied=True)
    check_archive("prose.docx", path)
    with pytest.raises(ReadError, match=r"^prose.docx: refused: expands to more than 2 MB"):
        check_archive("prose.docx", path.read_bytes(), limit=2 * MB)


def test_a_blank_picture_that_compresses_a_thousand_times_is_not_a_bomb(tmp_path: Path) -> None:
    import docx

    width, height = 1600, 1200  # a 24-bit BMP of white: 5.8 MB that deflates to a few KB
    pixels = b"\xff" * (width * 3 * height)
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    header = b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info))
    document = docx.Document()
    document.add_paragraph("Interviewer: The diagram she drew is below.")
    document.add_picture(io.BytesIO(header + info + pixels))
    path = tmp_path / "with-picture.docx"
    document.save(str(path))
    assert read_document(path).text == "Interviewer: The diagram she drew is below."


def test_a_zip_nested_inside_a_docx_is_left_packed(tmp_path: Path) -> None:
    document = read_document(nested_docx(tmp_path / "nested.docx", 40))
    assert document.text == "Interviewer: How do you find commissioning?"


def test_a_truncated_docx_is_refused_as_corrupt(tmp_path: Path) -> None:
    data = docx_bomb(tmp_path / "big.docx", 3, varied=True).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2] + data[-2000:])
    with pytest.raises(ReadError, match=r"^cut.docx: "):
        read_document(path)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha ha ha ha ha ha ha ha ha ha">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>"
)


def _replace_member(data: bytes, member: str, content: bytes, target: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, content if info.filename == member else source.read(info))
    return target


def test_entity_expansion_in_office_xml_is_not_performed(tmp_path: Path) -> None:
    # Checked, not redone: python-docx and the OpenDocument reader parse without
    # resolving entities.
    word = docx_bomb(tmp_path / "a.docx", 0.01).read_bytes()
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Laughs: &i;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _replace_member(word, "word/document.xml", (LAUGHS + body).encode(), tmp_path / "l.docx")
    try:
        assert "ha ha" not in read_document(path).text
    except ReadError as exc:
        assert str(exc).startswith("l.docx: ")
    odt = odt_bomb(tmp_path / "a.odt", 0.01).read_bytes()
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        "<text:p>Laughs: &i;</text:p></office:text></office:body></office:document-content>"
    )
    path = _replace_member(odt, "content.xml", (LAUGHS + content).encode(), tmp_path / "l.odt")
    try:
        assert "ha ha" not in read_document(path).text
    except ReadError as exc:
        assert str(exc).startswith("l.odt: ")
