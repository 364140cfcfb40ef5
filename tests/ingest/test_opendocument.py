"""The OpenDocument (.odt) reader, on files written by odfdo (a maintained ODF library)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from odfdo import (
    Annotation,
    Document,
    Element,
    Header,
    LineBreak,
    List,
    Note,
    Paragraph,
    Spacer,
    Span,
    Tab,
    Table,
)

from qualcode.ingest import ReadError, read_document

ODT_ERROR = "not a valid OpenDocument text (corrupt or not an .odt)"
TEXT_NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'


def passages(path: Path) -> list[tuple[str | None, str]]:
    doc = read_document(path)
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


def test_headings_spaces_tabs_breaks_notes_and_lists(make_odt: Callable[..., Path]) -> None:
    def build(body: Any) -> None:
        body.append(Header(1, "Interview 7"))
        say = Paragraph("Interviewer: Say")
        say.append(Spacer(3))
        say.append("more.")
        body.append(say)
        turn = Paragraph("Siobhan: First line")
        turn.append(LineBreak())
        turn.append(Span("second\u00a0line"))
        turn.append(Tab())
        turn.append("end")
        turn.append(Note(note_id="n1", citation="1", body="Footnote naming Jo Pinder."))
        turn.append(" of it.")
        body.append(turn)
        body.append(List(["Siobhan: A listed point.", "Another point."]))
        body.append(Paragraph("Cafe\u0301 at the end."))

    path = make_odt(build)
    doc = read_document(path)
    assert doc.format == "odt"
    assert "Pinder" not in doc.text
    assert passages(path) == [
        (None, "Interview 7"),
        ("Interviewer", "Interviewer: Say   more."),
        ("Siobhan", "Siobhan: First line\nsecond line\tend of it."),
        ("Siobhan", "Siobhan: A listed point."),
        ("Siobhan", "Another point."),
        ("Siobhan", "Caf\u00e9 at the end."),
    ]
    assert doc.speakers == ["Siobhan"]


def test_table_rows_with_a_label_cell_read_as_turns(make_odt: Callable[..., Path]) -> None:
    def build(body: Any) -> None:
        body.append(Paragraph("Before the table."))
        turns = Table("Turns", width=2, height=2)
        for row, (label, text) in enumerate([("Interviewer", "What changed?"), ("Mark", "Money.")]):
            turns.set_value((0, row), label)
            turns.set_value((1, row), text)
        body.append(turns)
        costs = Table("Costs", width=3, height=1)
        for column, value in enumerate(["Cost", "£5", "per session"]):
            costs.set_value((column, 0), value)
        body.append(costs)

    assert read_document(make_odt(build)).text == (
        "Before the table.\n\nInterviewer: What changed?\n\nMark: Money.\n\n"
        "Cost\n\n£5\n\nper session"
    )


def test_tracked_deletions_comments_and_contents_are_not_text(
    make_odt: Callable[..., Path],
) -> None:
    changes = Element.from_tag(
        f'<text:tracked-changes {TEXT_NS}><text:changed-region text:id="c1"><text:deletion>'
        "<text:p>Deleted words about Jo Pinder.</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
    )
    contents = Element.from_tag(
        f"<text:table-of-content {TEXT_NS}><text:index-body><text:p>Interview 9 ... 1</text:p>"
        "</text:index-body></text:table-of-content>"
    )

    def build(body: Any) -> None:
        body.append(changes)
        body.append(contents)
        body.append(Header(1, "Interview 9"))
        turn = Paragraph("Interviewer: Kept")
        turn.append(Element.from_tag(f'<text:change {TEXT_NS} text:change-id="c1"/>'))
        turn.append(" words.")
        turn.append(Annotation("A comment naming Jo Pinder.", creator="ana"))
        turn.append(" And after the comment.")
        body.append(turn)

    doc = read_document(make_odt(build))
    assert doc.text == "Interview 9\n\nInterviewer: Kept words. And after the comment."


def test_indentation_in_the_xml_is_one_space_and_space_runs_are_bounded(
    make_odt: Callable[..., Path],
) -> None:
    def build(body: Any) -> None:
        body.append(
            Element.from_tag(
                f"<text:p {TEXT_NS}>\n    Interviewer:   written\n    by a tool that indents"
                '<text:s text:c="999999999"/>end.</text:p>'
            )
        )

    text = read_document(make_odt(build)).text
    assert text.startswith("Interviewer: written by a tool that indents ")
    assert text.endswith("end.") and len(text) < 200


def test_a_package_named_only_by_its_manifest_is_read(
    make_odt: Callable[..., Path], tmp_path: Path
) -> None:
    written = make_odt(lambda body: body.append(Paragraph("Interviewer: Hello.")))
    path = tmp_path / "nomimetype.odt"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            if info.filename != "mimetype":
                out.writestr(info, source.read(info))
    assert read_document(path).text == "Interviewer: Hello."


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _spreadsheet() -> bytes:
    buffer = io.BytesIO()
    Document("spreadsheet").save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.odt", b"PK\x03\x04garbage"),
        ("text.odt", b"plain text renamed to .odt"),
        ("nocontent.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"})),
        (
            "badxml.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a"}),
        ),
        ("sheet.odt", _spreadsheet()),
    ],
)
def test_corrupt_or_other_files_get_one_clear_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{name}: {ODT_ERROR}"


def test_a_blank_document_has_no_text(make_odt: Callable[..., Path]) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(make_odt(lambda body: body.append(Paragraph(" ")), name="blank.odt"))
    assert str(caught.value) == "blank.odt: the document contains no text"
