"""Bad .qdpx files fail in one line and leave nothing behind; other tools' quirks are handled."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from qualcode.codebook.yamlio import load_codebook
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.refi import api
from qualcode.refi.importer import ImportSummary
from qualcode.refi.qdaxml import RefiError
from qualcode.store.db import open_project
from qualcode.store.models import Coding, Document, Memo

CODE = "11111111-1111-4111-8111-111111111111"
SOURCE = "22222222-2222-4222-8222-222222222222"
USER = "33333333-3333-4333-8333-333333333333"
NOTE = "44444444-4444-4444-8444-444444444444"


def qde(sources: str = "", extra: str = "", code: str = CODE) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Tool project" origin="Some Tool 1.0">'
        f'<Users><User guid="{USER}" name="Dana"/></Users>'
        f'<CodeBook><Codes><Code guid="{code}" name="Funding pots" isCodable="true"/>'
        f"</Codes></CodeBook><Sources>{sources}</Sources>{extra}</Project>"
    )


def selection(start: int, end: int, code: str = CODE, note: str = "") -> str:
    ref = f'<NoteRef targetGUID="{note}"/>' if note else ""
    return (
        f'<PlainTextSelection guid="55555555-5555-4555-8555-5555555555{start:02d}" '
        f'startPosition="{start}" endPosition="{end}"><Coding guid="66666666-6666-4666-8666-'
        f'6666666666{start:02d}" creatingUser="{USER}"><CodeRef targetGUID="{code}"/>'
        f"</Coding>{ref}</PlainTextSelection>"
    )


def text_source(
    body: str, path: str = f"internal://{SOURCE}.txt", name: str = "Interview A"
) -> str:
    return f'<TextSource guid="{SOURCE}" name="{name}" plainTextPath="{path}">{body}</TextSource>'


def qdpx(tmp_path: Path, project: str | bytes | None, files: dict[str, bytes]) -> Path:
    path = tmp_path / "in.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        if project is not None:
            archive.writestr("project.qde", project)
        for name, data in files.items():
            archive.writestr(name, data)
    return path


TEXT = "Q: Where does the money come from?\nA: The same funding pots as everyone."


def import_new(tmp_path: Path, path: Path) -> ImportSummary:
    summary, created = api.import_qdpx(str(tmp_path / "new.qc"), path, coder="me")
    assert created
    return summary


SOURCE_FILE = {f"sources/{SOURCE}.txt": TEXT.encode()}
BAD = {
    "no project.qde inside": (None, {"sources/x.txt": b"x"}),
    "not valid XML": ("<Project name='x'><Users>", {}),
    "not a <Project>": ("<CodeBook/>", {}),
    "outside the text": (qde(text_source(selection(40, 999))), SOURCE_FILE),
    "not in the codebook": (qde(text_source(selection(3, 9, code=NOTE))), SOURCE_FILE),
    "not a whole number": (qde(text_source(selection(3, 9))).replace('"3"', '"x"'), SOURCE_FILE),
    "no valid guid": (qde(code="not-a-guid"), {}),
    "DTD": ('<!DOCTYPE Project [<!ENTITY e "x">]><Project name="&e;"/>', {}),
}


@pytest.mark.parametrize("message", list(BAD))
def test_bad_files_fail_in_one_line_and_create_nothing(tmp_path: Path, message: str) -> None:
    project, files = BAD[message]
    path = qdpx(tmp_path, project, files)
    with pytest.raises(RefiError, match=re.escape(message)) as caught:
        api.import_qdpx(str(tmp_path / "new.qc"), path, coder="me")
    assert "\n" not in str(caught.value)
    assert not list(tmp_path.glob("new.qc*"))


def test_a_file_that_is_not_a_zip_says_so(tmp_path: Path) -> None:
    path = tmp_path / "in.qdpx"
    path.write_bytes(b"just some text")
    with pytest.raises(RefiError, match=r"not a \.qdpx file"):
        api.import_qdpx(str(tmp_path / "new.qc"), path, coder="me")
    assert not list(tmp_path.glob("new.qc*"))


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(RefiError, match="no such file"):
        api.import_qdpx(str(tmp_path / "new.qc"), tmp_path / "absent.qdpx", coder="me")


def test_a_failure_while_storing_removes_the_new_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = qdpx(
        tmp_path, qde(text_source(selection(40, 52))), {f"sources/{SOURCE}.txt": TEXT.encode()}
    )

    def broken(*args: object, **kwargs: object) -> None:
        raise RefiError("disk on fire")

    monkeypatch.setattr("qualcode.refi.api.store_refi", broken)
    with pytest.raises(RefiError, match="disk on fire"):
        api.import_qdpx(str(tmp_path / "new.qc"), path, coder="me")
    assert not list(tmp_path.glob("new.qc*"))


def test_a_failure_in_an_existing_project_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "existing.qc"
    new_project(str(target), load_codebook(DEFAULT_CODEBOOK), coder="t")[0].close()
    bad = qde(text_source(selection(3, 9)), code=CODE).replace(
        f'targetGUID="{CODE}"', 'targetGUID="x"'
    )
    path = qdpx(tmp_path, bad, {f"sources/{SOURCE}.txt": TEXT.encode()})
    with pytest.raises(RefiError):
        api.import_qdpx(str(target), path, coder="me")
    with open_project(str(target)) as project, project.read() as session:
        assert session.query(Document).count() == 0
    assert target.exists()


def test_crlf_bom_source_in_a_capitalised_sources_folder(tmp_path: Path) -> None:
    raw = "\ufeff" + TEXT.replace("\n", "  \r\n\r\n\r\n")
    text = raw[1:]  # positions count code points of the text, after its byte-order mark
    start = text.index("funding pots")
    body = selection(start, start + len("funding pots"), note=NOTE)
    notes = (
        f'<Notes><Note guid="{NOTE}" creatingUser="{USER}"><PlainTextContent>Pots!'
        "</PlainTextContent></Note></Notes><Sets/>"
    )
    path = qdpx(tmp_path, qde(text_source(body), notes),
                {f"Sources/{SOURCE}.txt": raw.encode("utf-8")})  # fmt: skip
    summary = import_new(tmp_path, path)
    assert (summary.documents, summary.codings, summary.memos) == (1, 1, 1)
    with open_project(str(tmp_path / "new.qc")) as project, project.read() as session:
        coding = session.query(Coding).one()
        assert coding.document.text[coding.start : coding.end] == "funding pots"
        assert "\r" not in coding.document.text
        assert coding.coder.name == "Dana" and coding.origin == "import"
        memo = session.query(Memo).one()
        assert memo.passage_id is not None and memo.text == "Pots!"


def test_inline_text_pdf_representation_and_non_text_sources(tmp_path: Path) -> None:
    inline = (
        f'<TextSource guid="{SOURCE}" name="Inline"><PlainTextContent>{TEXT}</PlainTextContent>'
        f"{selection(3, 8)}</TextSource>"
    )
    pdf = (
        '<PDFSource guid="77777777-7777-4777-8777-777777777777" name="Report.pdf" '
        'path="internal://r.pdf"><PDFSelection guid="77777777-7777-4777-8777-777777777778" '
        'page="1" firstX="0" firstY="0" secondX="1" secondY="1"/><Representation '
        'guid="77777777-7777-4777-8777-777777777779" plainTextPath="internal://r.txt"/>'
        "</PDFSource>"
    )
    audio = '<AudioSource guid="88888888-8888-4888-8888-888888888888" name="Call.mp3"/>'
    docx = (
        '<TextSource guid="99999999-9999-4999-8999-999999999999" name="Notes" '
        'richTextPath="internal://n.docx"/>'
    )
    outside = text_source("", path="relative://elsewhere/x.txt", name="Outside").replace(
        SOURCE, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    )
    path = qdpx(tmp_path, qde(inline + pdf + audio + docx + outside),
                {"sources/r.txt": b"A report about commissioning."})  # fmt: skip
    summary = import_new(tmp_path, path)
    assert (summary.documents, summary.codings) == (2, 1)
    remarks = "\n".join(summary.remarks)
    assert "'Report.pdf': codings drawn on PDF pages are not imported" in remarks
    assert "'Call.mp3': audio, not text; skipped" in remarks
    assert "'Notes': its document internal://n.docx is missing from the .qdpx; skipped" in remarks
    assert "'Outside': its plain text is outside the .qdpx" in remarks
    with open_project(str(tmp_path / "new.qc")) as project, project.read() as session:
        assert sorted(d.title for d in session.query(Document)) == ["Inline", "Report.pdf"]


def test_cases_become_participants_without_identifiers(tmp_path: Path) -> None:
    variable = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
    extra_before = (
        f'<Variables><Variable guid="{variable}" name="sector" typeOfVariable="Text"/></Variables>'
        '<Cases><Case guid="cccccccc-cccc-4ccc-8ccc-cccccccccccc" name="P3"><VariableValue>'
        f'<VariableRef targetGUID="{variable}"/><TextValue>housing</TextValue></VariableValue>'
        f'<SourceRef targetGUID="{SOURCE}"/></Case></Cases>'
    )
    project_xml = qde(text_source("")).replace("<Sources>", extra_before + "<Sources>")
    path = qdpx(tmp_path, project_xml, SOURCE_FILE)
    assert import_new(tmp_path, path).participants == 1
    with open_project(str(tmp_path / "new.qc")) as project, project.read() as session:
        document = session.query(Document).one()
        assert document.participant is not None
        assert document.participant.label == "P3"
        assert document.participant.attributes == {"sector": "housing"}
