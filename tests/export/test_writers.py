"""Every export format from one quote set: structure, styles, escaping, one row per quote."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.styles.styles import Styles
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook  # type: ignore[import-untyped]

from qualcode.errors import QualcodeError
from qualcode.export.build import build_quote_set
from qualcode.export.model import QuoteOptions, QuoteSet
from qualcode.export.write import format_for, write_quote_set
from qualcode.store.db import Project


@pytest.fixture
def quote_set(small_project: Project) -> QuoteSet:
    with small_project.read() as session:
        return build_quote_set(session, QuoteOptions(context=1))


def style_name(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def written(quote_set: QuoteSet, tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"quotes.{fmt}"
    write_quote_set(quote_set, path, fmt)
    return path


def test_docx_has_headings_styles_and_contents(quote_set: QuoteSet, tmp_path: Path) -> None:
    document = WordDocument(str(written(quote_set, tmp_path, "docx")))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(style_name(paragraph), []).append(paragraph.text)
    assert by_style["Title"] == ["Quotes by theme"]
    assert by_style["Heading 1"] == ["Funding", "Prisons"]
    assert by_style["Heading 2"] == ["Contracts", "Grants"]
    assert "Money matters." in by_style["Code Definition"]
    assert "5 quotes from 3 participants" in by_style["Quote Counts"]
    quotes = [p for p in document.paragraphs if style_name(p) == "Interview Quote"]
    assert len(quotes) == 7
    labels = [r.text for p in quotes for r in p.runs if r.style.name == "Quote Label"]
    assert labels[:2] == [
        " [Interviewee 2, housing charity]",
        " [Interviewee 1, drug treatment charity]",
    ]
    assert all(r.style.type == 2 for p in quotes for r in p.runs if r.style.name == "Quote Label")
    xml = document.element.xml
    assert 'TOC \\o "1-3"' in xml and 'w:fldCharType="begin"' in xml
    assert document.core_properties.author == ""


def test_docx_looks_each_style_up_once(
    quote_set: QuoteSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-docx searches the styles part on every lookup by name: a big export did that
    for every paragraph and run. The real lookup runs; the test only counts the calls."""
    looked_up: list[str] = []
    original = Styles.__getitem__

    def counted(styles: Styles, name: str) -> Any:
        looked_up.append(name)
        return original(styles, name)

    monkeypatch.setattr(Styles, "__getitem__", counted)
    written(quote_set, tmp_path, "docx")
    assert "Interview Quote" in looked_up
    assert len(looked_up) == len(set(looked_up)), sorted(looked_up)


def test_html_is_escaped_and_self_contained(quote_set: QuoteSet, tmp_path: Path) -> None:
    html = written(quote_set, tmp_path, "html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in html
    assert "<b>bold" not in html
    for external in ("http://", "https://", "<script", "<link", "<img", "@import", "url("):
        assert external not in html
    assert "default-src 'none'" in html
    assert "<h2>Funding</h2>" in html and "<h3>Contracts</h3>" in html
    assert '<figcaption class="label">[Interviewee 2, housing charity]</figcaption>' in html


def test_markdown_reads_as_text(quote_set: QuoteSet, tmp_path: Path) -> None:
    markdown = written(quote_set, tmp_path, "md").read_text(encoding="utf-8")
    assert markdown.startswith("# Quotes by theme\n")
    assert "\n## Funding\n" in markdown and "\n### Contracts\n" in markdown
    assert "*5 quotes from 3 participants*" in markdown
    assert "> “Contracts are short.” *Grants are shorter.* [Interviewee 10]" in markdown
    assert "\\*notes\\*" in markdown and "\\<b>" in markdown


def test_csv_and_xlsx_have_one_row_per_quote(quote_set: QuoteSet, tmp_path: Path) -> None:
    with written(quote_set, tmp_path, "csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7
    first = rows[0]
    assert first["group_path"] == "funding"
    assert first["code_paths"] == "funding"
    assert first["label"] == "Interviewee 2, housing charity"
    assert first["organisation_type"] == "Housing charity" and first["size"] == "large"
    assert int(first["start"]) < int(first["end"]) and first["document"] == "2"
    assert rows[1]["code_paths"] == "funding / contracts"
    assert not any(value.startswith("=") for row in rows for value in row.values())
    book = load_workbook(written(quote_set, tmp_path, "xlsx"))
    sheet = book["Quotes"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["group", "group_path", "codes", "code_paths", "quote"]
    assert sheet.max_row == 8 and sheet.freeze_panes == "A2"
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    groups = book["Groups"]
    assert [c.value for c in groups[2]][:2] == ["funding", "Funding"]


def test_json_for_scripts(quote_set: QuoteSet, tmp_path: Path) -> None:
    data = json.loads(written(quote_set, tmp_path, "json").read_text(encoding="utf-8"))
    assert data["format"] == "qualcode-quotes" and data["counts"] == {
        "quotes": 6,
        "participants": 3,
    }
    funding = data["groups"][0]
    assert funding["counts"] == {"quotes": 5, "participants": 3}
    assert [g["key"] for g in funding["groups"]] == ["contracts", "grants"]
    quote = funding["groups"][0]["quotes"][0]
    assert set(quote) >= {"text", "label", "document", "start", "end", "codes", "attributes"}
    assert data["options"]["replacements"] == "placeholders"


def test_format_from_extension() -> None:
    assert format_for(Path("a.DOCX"), None) == "docx"
    assert format_for(Path("a.markdown"), None) == "md"
    assert format_for(Path("a.txt"), "json") == "json"
    with pytest.raises(QualcodeError, match="cannot tell the format"):
        format_for(Path("a.txt"), None)
    with pytest.raises(QualcodeError, match="--format must be one of"):
        format_for(Path("a.md"), "pdf")


def test_empty_selection_still_writes(small_project: Project, tmp_path: Path) -> None:
    with small_project.read() as session:
        empty = build_quote_set(session, QuoteOptions(where={"size": ["none"]}))
    for fmt in ("md", "docx", "html", "csv", "xlsx", "json"):
        assert written(empty, tmp_path, fmt).stat().st_size > 0


def test_participant_groups_show_each_quotes_codes(small_project: Project, tmp_path: Path) -> None:
    with small_project.read() as session:
        by_person = build_quote_set(session, QuoteOptions(group_by="participant"))
    markdown = written(by_person, tmp_path, "md").read_text(encoding="utf-8")
    assert "## Interviewee 1\n" in markdown and "\n## Interviewee 10\n" in markdown
    assert "[Interviewee 1, drug treatment charity] (codes: contracts, grants)" in markdown
    html = written(by_person, tmp_path, "html").read_text(encoding="utf-8")
    assert '<span class="codes">(codes: contracts, grants)</span>' in html


def test_options_in_exports_are_redacted_too(small_project: Project, tmp_path: Path) -> None:
    options = QuoteOptions(where={"name": ["Marcus Ellery"]}, label_template="{label} Marcus")
    with small_project.read() as session:
        quote_set = build_quote_set(session, options)
    data = json.loads(written(quote_set, tmp_path, "json").read_text(encoding="utf-8"))
    assert data["options"]["where"] == {"name": ["[name]"]}
    assert data["options"]["label_template"] == "{label} [name]"
