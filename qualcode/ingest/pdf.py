"""Reader for PDF transcripts with a text layer (pypdf): lines rebuilt into paragraphs."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import unicodedata
from collections import Counter

from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.segment import LABEL, classify_label
from qualcode.ingest.types import ReadDocument

# A page number alone: "3", "- 3 -", "Page 3", "Page 3 of 12", "3 / 12", "p. 3".
_PAGE_NUMBER = re.compile(
    r"[-–—(\[]?\s*(?:page|p\.?)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*[-–—)\]]?", re.I
)
# Lines that open a turn whatever came before: "[00:01] …", "0:13 …", "Name: …".
_TIMED_START = re.compile(r"[\[(]?\d{1,2}:\d{2}")
# A timestamp anywhere in a line ("Sara Lee  0:13"): such a line is a turn, not a running head.
_TIME = re.compile(r"\d:\d\d")
_LABEL_START = re.compile(rf"[*_]{{0,2}}(?P<label>{LABEL})[*_]{{0,2}}[ \t]*:")
_LABEL_TIME = re.compile(
    rf"[*_]{{0,2}}{LABEL}[*_]{{0,2}}[ \t]+[\[(]?\d{{1,2}}:\d{{2}}(?::\d{{2}})?[\])]?"
)
# Typeset ligatures (ﬁ, ﬂ, ﬀ …) as the letters they join, so that "ﬁnd" is found by "find".
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
# Top and bottom lines of a page that may be a running header or footer, on pages with more
# lines than that (a short page is mostly its own words).
_EDGE_LINES = 2
_FULL_PAGE = 3 * _EDGE_LINES
# A line at least this share of the page's longest line was wrapped at the right margin.
_FULL_LINE = 0.75


def read_pdf(name: str, data: bytes) -> ReadDocument:
    """Read a PDF's text layer; an image-only or password-protected PDF is refused."""
    pages = _page_lines(name, data)
    if not any(line for page in pages for line in page):
        raise fail(name, "no text layer; run OCR first")
    text = _paragraphs(_drop_running_lines(pages))
    document = read_transcript(name, "pdf", normalise_text(text))
    blank = [str(n) for n, page in enumerate(pages, 1) if not any(page)]
    if not blank:
        return document
    noun = "page" if len(blank) == 1 else "pages"
    warning = f"{name}: no text on {noun} {', '.join(blank)} of {len(pages)} (scanned? run OCR)"
    return dataclasses.replace(document, warnings=[*document.warnings, warning])


def _page_lines(name: str, data: bytes) -> list[list[str]]:
    """Each page's lines (spaces collapsed; "" for a vertical gap), from pypdf's layout mode."""
    # Imported here: only PDF imports pay for loading pypdf.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its repair notes are not for the user
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        pages = [_page_text(page) for page in reader.pages]
    except (FileNotDecryptedError, DependencyError):
        raise fail(name, "the PDF is password-protected; save a copy without a password") from None
    except RecursionError:
        raise fail(name, "not a valid PDF (too deeply nested)") from None
    except Exception:  # PyPdfError and the zlib, struct, key and type errors of a broken file
        raise fail(name, "not a valid PDF (corrupt or not a .pdf)") from None
    return [
        [" ".join(line.split()) for line in normalise_text(t.translate(_LIGATURES)).split("\n")]
        for t in pages
    ]


def _page_text(page: object) -> str:
    """Layout mode keeps vertical gaps as blank lines (paragraph breaks); plain mode is the
    fallback for pages whose fonts layout mode cannot measure."""
    try:
        return str(page.extract_text(extraction_mode="layout"))  # type: ignore[attr-defined]
    except Exception:  # layout mode's font metrics fail on some valid files; plain mode reads them
        return str(page.extract_text())  # type: ignore[attr-defined]


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.casefold())


def _edges(lines: list[str]) -> dict[int, int]:
    """Line index → edge position (0, 1 from the top; -1, -2 from the bottom)."""
    numbers = [i for i, line in enumerate(lines) if line]
    if len(numbers) < _FULL_PAGE:
        return {}
    edge = {i: n for n, i in enumerate(numbers[:_EDGE_LINES])}
    edge.update({i: -1 - n for n, i in enumerate(reversed(numbers[-_EDGE_LINES:]))})
    return edge


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without page numbers and running headers or footers (a line at the same place at
    the top or bottom of at least half the pages, digits aside)."""
    counts = Counter(
        (position, _edge_key(lines[i])) for lines in pages for i, position in _edges(lines).items()
    )
    running = {
        key for key, n in counts.items() if len(pages) >= 2 and n * 2 >= len(pages) and n >= 2
    }
    out = []
    for lines in pages:
        edge = _edges(lines)
        numbers = [i for i, line in enumerate(lines) if line]
        ends = set(numbers[:1] + numbers[-1:])  # a bare page number: first or last line
        out.append(
            [
                line
                for i, line in enumerate(lines)
                if not (i in ends and _PAGE_NUMBER.fullmatch(line))
                and (i not in edge or _kept(line, (edge[i], _edge_key(line)) in running))
            ]
        )
    return out


def _kept(line: str, running: bool) -> bool:
    """An edge line stays unless it is a running line; a turn that happens to recur at the top
    of pages ("Interviewer: Okay.", "Sara Lee  0:13") stays."""
    return not running or _starts_turn(line) or _TIME.search(line) is not None


def _starts_turn(line: str) -> bool:
    if _TIMED_START.match(line) or line.startswith("[") or _LABEL_TIME.fullmatch(line):
        return True
    m = _LABEL_START.match(line)
    return m is not None and classify_label(m.group("label")) is not None


def _paragraphs(pages: list[list[str]]) -> str:
    """Lines wrapped at the right margin joined into paragraphs, across page breaks too;
    a short line, a gap or a new turn ends a paragraph. A hyphen at a line's end is kept
    (a split word and a hyphenated compound look alike) and the next line follows it."""
    paragraphs: list[str] = []
    open_paragraph = False  # the last paragraph's last line reached the right margin
    widest = max((len(line) for page in pages for line in page), default=0)
    for page in pages:
        lines = "\n".join(page).strip("\n").split("\n")  # a page's margins end no paragraph
        for line in lines:
            if not line:
                open_paragraph = False
                continue
            if open_paragraph and not _starts_turn(line):
                joiner = "" if paragraphs[-1].endswith("-") else " "
                paragraphs[-1] += joiner + line
            else:
                paragraphs.append(line)
            # A "Sara Lee  0:13" line heads the words below it: it never runs on.
            open_paragraph = len(line) >= widest * _FULL_LINE and not _LABEL_TIME.fullmatch(line)
    return "\n\n".join(paragraphs)
