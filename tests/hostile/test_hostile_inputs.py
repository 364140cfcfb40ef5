"""Hostile input everywhere: every case ends in a clear error or a correct result, never a crash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.codebook.types import CodebookError
from qualcode.codebook.yamlio import parse_codebook
from qualcode.errors import QualcodeError
from qualcode.importing import import_one
from qualcode.ingest import SUPPORTED_EXTENSIONS, ReadError, read_document
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.models import Document, Passage
from qualcode.tables.codings import locate

SLOW = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=500).map(lambda t: b"\x00".join(t.encode("utf-8", "replace").split(b" "))),
    st.just(b"\xff\xfe" + b"\x00" * 50),
    st.just(b"Interviewer: " + b"x" * 1_000_000),
    st.just(b"PK\x03\x04" + b"\x00" * 100),
)


def _zip_with(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def _check_read(path: Path, data: bytes) -> None:
    try:
        read = read_document(path, data=data)
    except ReadError as exc:
        message = str(exc)
        assert message.startswith(path.name) and "\n" not in message
        return
    assert read.text.strip()
    assert "\r" not in read.text and "\x00" not in read.text
    last = 0
    for passage in read.passages:
        assert last <= passage.start < passage.end <= len(read.text)
        last = passage.end


@SLOW
@given(data=hostile_bytes, extension=st.sampled_from([*SUPPORTED_EXTENSIONS, ".pdf", ""]))
def test_readers_give_a_document_or_one_clear_error(
    tmp_path: Path, data: bytes, extension: str
) -> None:
    _check_read(tmp_path / f"notes{extension}", data)


@SLOW
@given(member=st.sampled_from(["word/document.xml", "content.xml", "[Content_Types].xml"]),
       payload=st.binary(max_size=300))  # fmt: skip
def test_broken_office_archives_are_refused(tmp_path: Path, member: str, payload: bytes) -> None:
    archive = _zip_with(member, payload)
    for extension in (".docx", ".odt"):
        _check_read(tmp_path / f"broken{extension}", archive)


@SLOW
@given(data=hostile_bytes)
def test_a_failed_import_writes_nothing(project: Project, tmp_path: Path, data: bytes) -> None:
    with project.read() as session:
        before = session.scalar(select(func.count(Document.id)))
    path = tmp_path / "hostile.txt"
    path.write_bytes(data)
    outcome = import_one(project, path)
    with project.read() as session:
        after = session.scalar(select(func.count(Document.id)))
        passages = session.scalar(select(func.count(Passage.id)))
    if outcome.status == "failed":
        assert after == before and "\n" not in outcome.message
    else:
        assert outcome.status in {"imported", "duplicate"}
        assert passages is not None and passages >= 1


@SLOW
@given(text=st.text(max_size=800))
def test_codebook_parser_accepts_or_explains(text: str) -> None:
    try:
        spec = parse_codebook(text, "hostile.yaml")
    except CodebookError as exc:
        assert str(exc).startswith("hostile.yaml")
        return
    keys = [code.key for code, _ in spec.walk()]
    assert len(keys) == len(set(keys))


@SLOW
@given(start=st.integers(-(10**12), 10**12), end=st.integers(-(10**12), 10**12))
def test_spans_are_checked(project: Project, transcript: Path, start: int, end: int) -> None:
    import_one(project, transcript)
    with project.write() as session:
        document = session.get_one(Document, 1)
        code = find_code(session, "volunteers")
        try:
            coding = add_coding(session, document, code, "fuzzer", start, end)
        except QualcodeError:
            assert not 0 <= start < end <= len(document.text)
            session.rollback()
            return
        assert 0 <= coding.start < coding.end <= len(document.text)
        session.rollback()


@SLOW
@given(quote=st.text(max_size=60))
def test_locating_a_quote_finds_it_or_explains(quote: str) -> None:
    text = "Interviewer: Where?\n\nSam: In the prison. In the prison, again.\n"
    try:
        start, end = locate(text, quote)
    except QualcodeError as exc:
        assert str(exc)
        return
    assert 0 <= start < end <= len(text)
    assert " ".join(text[start:end].split()) == " ".join(quote.split())


cli_value = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["-1", "0", "1", "99999999999999999999", "1:0", "0:0", ":", "a:b", "\x00",
                     "../../etc/passwd", "' OR 1=1 --", "interview-07.txt"]),
)  # fmt: skip


@SLOW
@given(doc=cli_value, span=cli_value, code=cli_value, passage=cli_value)
def test_cli_arguments_never_crash(
    project_ref: str, doc: str, span: str, code: str, passage: str
) -> None:
    runner = CliRunner()
    for args in (
        ["code", "add", project_ref, "--doc", doc, "--span", span, "--code", code],
        ["code", "add", project_ref, "--doc", doc, "--passage", passage, "--code", code],
        ["show", project_ref, doc],
        ["search", project_ref, span],
        ["code", "list", project_ref, "--code", code],
        ["code", "remove", project_ref, "--id", passage],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code in {0, 1, 2}, (args, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )


@pytest.mark.parametrize("project_ref", ["sqlite"], indirect=True)
def test_nul_and_huge_lines_import_cleanly(project_ref: str, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Interviewer: hello\n\nSam: " + b"word " * 400_000 + b"\n")
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Interviewer: a\x00b\n")
    runner = CliRunner()
    result = runner.invoke(app, ["import", project_ref, str(huge), str(nul)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "huge.txt: imported" in result.stdout
