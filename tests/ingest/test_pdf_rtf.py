"""PDF (text layer) and RTF readers, on real files written with fpdf2 and as Word writes RTF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fpdf import FPDF

from qualcode.ingest import ReadError, read_document

TURNS = [
    (
        "INTERVIEWER",
        "Thank you for agreeing to talk to me. Could you tell me what your "
        "organisation does in the prisons you work with?",
    ),
    ("RESPONDENT", "We run music workshops in three prisons, mostly for men on remand. " * 9),
    ("INTERVIEWER", "How has commissioning changed things for you?"),
    (
        "RESPONDENT",
        "Honestly it has been hard. The pre-qualification questionnaires are "
        "enormous and we are a small charity with two members of staff. " * 7,
    ),
] * 3


class _AgencyPdf(FPDF):
    """An agency's layout: a running title above and "Page N of M" below every page."""

    def header(self) -> None:
        self.set_font("Helvetica", "I", 9)
        self.cell(0, 8, "Northside Transcription - Interview 4 - Confidential", align="C")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def agency_pdf(path: Path, turns: list[tuple[str, str]] = TURNS) -> Path:
    pdf = _AgencyPdf()
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for who, words in turns:
        pdf.multi_cell(0, 6, f"{who}: {words}")
        pdf.ln(4)
    pdf.output(str(path))
    return path


def test_pdf_agency_transcript_turns_across_pages_without_headers_or_footers(
    tmp_path: Path,
) -> None:
    doc = read_document(agency_pdf(tmp_path / "interview 4.pdf"))
    assert doc.format == "pdf" and doc.title == "interview 4"
    assert "Page" not in doc.text and "Northside" not in doc.text
    assert [p.speaker for p in doc.passages] == ["Interviewer", "Respondent"] * 6
    # Each turn is one paragraph: its wrapped lines (and a page break inside it) joined.
    expected = [f"{who}: {' '.join(words.split())}" for who, words in TURNS]
    assert [doc.text[p.start : p.end] for p in doc.passages] == expected
    assert max(p.end - p.start for p in doc.passages) < 1_500


def test_pdf_single_page_drops_a_bare_page_number_and_keeps_a_split_hyphen(
    tmp_path: Path,
) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Q: Who decides?")
    pdf.ln(10)
    pdf.cell(0, 6, "A: The commissioners, and the well-")
    pdf.ln(6)
    pdf.cell(0, 6, "known prime contractors.")
    pdf.set_y(-15)
    pdf.cell(0, 10, "- 1 -", align="C")
    path = tmp_path / "notes.pdf"
    pdf.output(str(path))
    doc = read_document(path)
    assert doc.text == (
        "Q: Who decides?\n\nA: The commissioners, and the well-known prime contractors."
    )
    assert [p.speaker for p in doc.passages] == ["Q", "A"]


def test_pdf_otter_layout_keeps_turns_that_open_every_page(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in range(4):
        pdf.add_page()
        for who, minute in (("Sara Lee", page * 2), ("Tom Okafor", page * 2 + 1)):
            pdf.multi_cell(0, 6, f"{who}  {minute}:05", new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 6, f"Words {page}.", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    path = tmp_path / "otter.pdf"
    pdf.output(str(path))
    doc = read_document(path)
    assert doc.layout == "otter" and doc.speakers == ["Sara Lee", "Tom Okafor"]
    assert [doc.text[p.start : p.end] for p in doc.passages][:3] == [
        "Sara Lee: Words 0.",
        "Tom Okafor: Words 0.",
        "Sara Lee: Words 1.",
    ]
    assert len(doc.passages) == 8
    assert doc.passages[2].meta == {"begin": "00:02:05.000"}


def test_pdf_unicode_text_and_ligatures(tmp_path: Path) -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("needs the DejaVu Sans font to write Unicode text into a PDF")
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 6, "Respondent: ﬁnd the eﬀort; It’s £200 – “ﬂat”, Zoë — Łódź.")
    path = tmp_path / "unicode.pdf"
    pdf.output(str(path))
    assert read_document(path).text == (
        "Respondent: find the effort; It’s £200 – “flat”, Zoë — Łódź."
    )


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    from PIL import Image

    scan = io.BytesIO()
    Image.new("RGB", (400, 560), "white").save(scan, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(scan, x=10, y=10, w=190)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError) as raised:
        read_document(path)
    assert str(raised.value) == "scan.pdf: no text layer; run OCR first"


def test_pdf_with_a_scanned_page_among_text_pages_warns(tmp_path: Path) -> None:
    from PIL import Image

    scan = io.BytesIO()
    Image.new("RGB", (400, 560), "white").save(scan, format="PNG")
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 6, "Interviewer: First page.")
    pdf.add_page()
    pdf.image(scan, x=10, y=10, w=190)
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))
    doc = read_document(path)
    assert doc.text == "Interviewer: First page."
    assert doc.warnings == ["mixed.pdf: no text on page 2 of 2 (scanned? run OCR)"]


def test_pdf_with_a_password_is_refused_and_one_without_is_read(tmp_path: Path) -> None:
    def encrypted(user_password: str, name: str) -> Path:
        pdf = FPDF()
        pdf.set_encryption(owner_password="agency", user_password=user_password)
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 6, "Interviewer: Hello there.")
        pdf.output(str(tmp_path / name))
        return tmp_path / name

    with pytest.raises(ReadError) as raised:
        read_document(encrypted("secret", "locked.pdf"))
    assert str(raised.value) == (
        "locked.pdf: the PDF is password-protected; save a copy without a password"
    )
    # Only an owner password (printing/copying limits): the text is readable.
    assert read_document(encrypted("", "limited.pdf")).text == "Interviewer: Hello there."


def test_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
    with pytest.raises(ReadError, match=r"^broken\.pdf: not a valid PDF"):
        read_document(path)


# As Word writes RTF: \rtf1\ansi\ansicpg1252 header, a font table, \par paragraphs, \'xx
# bytes in Windows-1252, \uN? escapes for other characters, \line soft breaks.
WORD_RTF = (
    r"{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0\stshfdbch31505"
    r"{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2{\*\panose 02020603050405020304}"
    r"Times New Roman;}{\f37\fbidi \fswiss\fcharset0\fprq2 Calibri;}}"
    r"{\colortbl;\red0\green0\blue0;}{\*\generator Microsoft Word 16.0;}"
    r"{\info{\author Sara Lee}{\creatim\yr2024\mo3\dy12}}"
    "\r\n"
    r"\pard\plain \ltrpar\ql \li0\ri0\sa160\sl259\slmult1\f37\fs22 {\rtlch\fcs1 \af37 "
    r"Interviewer: What\'92s changed since 2019?}{\par }"
    "\r\n"
    r"\pard {Siobhan: It\'92s been hard \'96 we lost \'a3200,000 and the caf\'e9 closed."
    r"\line Na\u239\'efve of us, really. \u8220\'93Partnership\u8221\'94 isn\rquote t easy.\par }"
    "\r\n"
    r"\pard {Interviewer: And the prisons?\par }"
    "\r\n"
    r"\pard {Siobhan: Sessions cancelled \u8212\'97 again.\par }}"
)


def test_rtf_as_word_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "siobhan.rtf"
    path.write_bytes(WORD_RTF.encode("ascii"))
    doc = read_document(path)
    assert doc.format == "rtf" and doc.title == "siobhan"
    assert doc.text == (
        "Interviewer: What’s changed since 2019?\n\n"
        "Siobhan: It’s been hard – we lost £200,000 and the café closed.\n"
        "Naïve of us, really. “Partnership” isn’t easy.\n\n"
        "Interviewer: And the prisons?\n\n"
        "Siobhan: Sessions cancelled — again."
    )
    assert [p.speaker for p in doc.passages] == ["Interviewer", "Siobhan"] * 2
    assert doc.speakers == ["Siobhan"]
    assert "Sara Lee" not in doc.text and "Times New Roman" not in doc.text


def test_rtf_that_is_not_rtf(tmp_path: Path) -> None:
    path = tmp_path / "notes.rtf"
    path.write_bytes(b"Interviewer: plain text with the wrong extension")
    with pytest.raises(ReadError, match=r"^notes\.rtf: not an RTF file"):
        read_document(path)


def test_rtf_table_rows_with_a_label_cell_read_as_turns(tmp_path: Path) -> None:
    # Word writes a row's properties before its cells and again before \row.
    def row(label: str, words: str) -> str:
        props = r"\trowd\irow0\trgaph108\cellx2000\cellx9000"
        return rf"{props}\pard\intbl {label}\cell\pard\intbl {words}\cell{{{props}\row}}"

    rtf = (
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}\pard Interview 3 | 2024\par "
        + row("Interviewer", r"How is funding?")
        + row("Siobhan", r"It\'92s hard.\par Really hard.")
        + row("Interviewer", r"And the prisons?")
        + row("Siobhan", r"Sessions cancelled.")
        + r"\pard After.\par}"
    )
    path = tmp_path / "table.rtf"
    path.write_bytes(rtf.encode("ascii"))
    doc = read_document(path)
    assert doc.text == (
        "Interview 3 | 2024\n\nInterviewer: How is funding?\n\n"
        "Siobhan: It’s hard.\nReally hard.\n\nInterviewer: And the prisons?\n\n"
        "Siobhan: Sessions cancelled.\n\nAfter."
    )
    assert [p.speaker for p in doc.passages] == [
        None, "Interviewer", "Siobhan", "Interviewer", "Siobhan", "Siobhan"
    ]  # fmt: skip
