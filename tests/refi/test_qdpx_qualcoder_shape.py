"""A .qdpx shaped as QualCoder writes it: categories as non-codable codes, `sources/` in lower
case, GUID-named plain-text files, selections whose name is the coded text, a Description on a
selection as the coding's memo, a creating user the Users list does not hold, and Cases."""

from __future__ import annotations

import zipfile
from pathlib import Path

from refi_helpers import span
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.refi import api
from qualcode.store.db import open_project
from qualcode.store.models import Code, Coder, Coding, Document

TEXT = (
    "Interviewer: How did the new contract change things?\n"
    "Nadia: We went from holding the contract ourselves to sitting under a prime. "
    "They take a management fee and pass the risk down to us.\n"
    "Interviewer: And the volunteers?\n"
    "Nadia: Our mentors are all volunteers, and when the prison locks down they can't get in "
    "for weeks. Some of them drift away.\n"
)
USERS = {
    "ana": "5d2b49d0-9562-4dd3-9ee3-ce2b965e4101",
    "ben": "5d2b49d0-9562-4dd3-9ee3-ce2b965e4102",
}
CODES = {
    "Commissioning": "0b0c3c1e-7f6e-4c55-9a51-3f0f2f6a0001",  # a category: isCodable="false"
    "Prime contractors": "0b0c3c1e-7f6e-4c55-9a51-3f0f2f6a0002",
    "Volunteers": "0b0c3c1e-7f6e-4c55-9a51-3f0f2f6a0003",
    "Prison lockdowns": "0b0c3c1e-7f6e-4c55-9a51-3f0f2f6a0004",
}
FILE_GUID = "8e7fddfe-db36-48dc-b464-80c3a4dec001"
PRIME = "sitting under a prime. They take a management fee and pass the risk down to us."
LOCKDOWN = "when the prison locks down they can't get in for weeks"


def _selection(phrase: str, code: str, user: str, guid: str, memo: str = "") -> str:
    start, end = span(TEXT, phrase)
    description = f"<Description>{memo}</Description>\n" if memo else ""
    return (
        f'<PlainTextSelection guid="{guid}1" startPosition="{start}" endPosition="{end}" '
        f'name="{phrase}" creatingUser="{USERS[user]}" creationDateTime="2024-05-02T10:11:12Z">\n'
        f"{description}"
        f'<Coding guid="{guid}2" creatingUser="{USERS[user]}" >\n'
        f'<CodeRef targetGUID="{CODES[code]}" />\n</Coding>\n</PlainTextSelection>\n'
    )


def qualcoder_qde() -> str:
    users = "".join(f'<User guid="{g}" name="{n}" />\n' for n, g in USERS.items())
    selections = (
        _selection(PRIME, "Prime contractors", "ana", "aaaaaaaa-0000-4000-8000-00000000000",
                   memo="Fee and risk passed down: bid candy?")
        + _selection(PRIME, "Prime contractors", "ben", "bbbbbbbb-0000-4000-8000-00000000000")
        + _selection(LOCKDOWN, "Prison lockdowns", "ana", "cccccccc-0000-4000-8000-00000000000")
        + _selection("Our mentors are all volunteers", "Volunteers", "ben",
                     "dddddddd-0000-4000-8000-00000000000")
    )  # fmt: skip
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="Resettlement study" '
        'origin="QualCoder 3.6" creatingUserGUID="11111111-2222-4333-8444-555555555555" '
        'creationDateTime="2024-05-01T09:00:00Z" xmlns="urn:QDA-XML:project:1.0">\n'
        f"<Users>\n{users}</Users>\n"
        "<CodeBook>\n<Codes>\n"
        f'<Code guid="{CODES["Volunteers"]}" name="Volunteers" isCodable="true" color="#F781F3">\n'
        "<Description>Unpaid mentors and their work</Description>\n</Code>\n"
        f'<Code guid="{CODES["Commissioning"]}" name="Commissioning" isCodable="false">\n'
        "<Description>How money reaches charities</Description>\n"
        f'<Code guid="{CODES["Prime contractors"]}" name="Prime contractors" isCodable="true" '
        'color="#81BEF7">\n</Code>\n</Code>\n'
        f'<Code guid="{CODES["Prison lockdowns"]}" name="Prison lockdowns" isCodable="true" '
        'color="#F5A9A9">\n</Code>\n'
        "</Codes>\n</CodeBook>\n"
        '<Cases>\n<Case guid="e92903a3-0fdb-473d-9ae2-58b8d1d60001" name="Nadia">\n'
        f'<SourceRef targetGUID="{FILE_GUID}"/>\n</Case>\n</Cases>\n'
        f'<Sources>\n<TextSource plainTextPath="internal://{FILE_GUID}.txt" '
        f'creatingUser="{USERS["ana"]}" creationDateTime="2024-05-01T09:30:00Z" '
        f'guid="{FILE_GUID}" name="Interview 4 mentoring charity">\n'
        f"{selections}</TextSource>\n</Sources>\n"
        "<Description>Charities in resettlement: pilot</Description>\n"
        "</Project>"
    )


def write_qdpx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qualcoder_qde())
        archive.writestr(f"sources/{FILE_GUID}.txt", TEXT)
    return path


def test_a_qualcoder_export_comes_in_whole(tmp_path: Path) -> None:
    target = tmp_path / "study.qc"
    summary, _ = api.import_qdpx(str(target), write_qdpx(tmp_path / "qualcoder.qdpx"), coder="me")
    assert summary.origin == "QualCoder 3.6"
    with open_project(str(target)) as project, project.read() as session:
        documents = session.scalars(select(Document)).all()
        # the text as stored: the file's closing line break is not kept, offsets are unchanged
        stored = TEXT.rstrip("\n")
        assert [(d.title, d.text) for d in documents] == [("Interview 4 mentoring charity", stored)]
        codes = {c.name: c for c in session.scalars(select(Code))}
        assert set(codes) == set(CODES)
        prime = codes["Prime contractors"]
        assert prime.parent is not None and prime.parent.name == "Commissioning"
        assert codes["Volunteers"].parent is None
        coded = sorted(
            (stored[c.start : c.end], c.code.name, c.coder.name, c.memo)
            for c in session.scalars(select(Coding))
        )
        assert coded == sorted([
            (PRIME, "Prime contractors", "ana", "Fee and risk passed down: bid candy?"),
            (PRIME, "Prime contractors", "ben", None),
            (LOCKDOWN, "Prison lockdowns", "ana", None),
            ("Our mentors are all volunteers", "Volunteers", "ben", None),
        ])  # fmt: skip
        assert {"ana", "ben"} <= {c.name for c in session.scalars(select(Coder))}


def test_importing_the_qualcoder_export_again_changes_nothing(tmp_path: Path) -> None:
    target, source = tmp_path / "study.qc", write_qdpx(tmp_path / "qualcoder.qdpx")
    runner = CliRunner()
    first = runner.invoke(app, ["import", str(target), str(source), "--coder", "me"])
    assert first.exit_code == 0, first.output
    with open_project(str(target)) as project, project.read() as session:
        before = session.query(Coding).count(), session.query(Document).count()
    assert before == (4, 1)
    again = runner.invoke(app, ["import", str(target), str(source), "--coder", "me"])
    assert again.exit_code == 0, again.output
    with open_project(str(target)) as project, project.read() as session:
        assert (session.query(Coding).count(), session.query(Document).count()) == before
