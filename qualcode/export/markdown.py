"""Quote sets as Markdown that reads well as plain text and renders as headings and quotes."""

from __future__ import annotations

import re

from qualcode.export.model import Quote, QuoteGroup, QuoteMemo, QuoteSet
from qualcode.wording import plural

SPECIAL = re.compile(r"([\\`*_<|~])")
# What makes a line a heading, quote, list item or heading underline: "# ", "> ", "- ", "1. ".
LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+(?=[.)]))", re.MULTILINE)
# A line indented four columns would be a code block: its indent goes (Markdown drops it anyway).
CODE_INDENT = re.compile(r"^(?= {0,3}\t| {4})[ \t]+", re.MULTILINE)
# "[1]: http://…" defines a link that "[words][1]" or "[1]" anywhere would then become.
LINK_DEFINITION = re.compile(r"^([ \t]*)\[(?=[^\]\n]*\]:)", re.MULTILINE)
ENTITY = re.compile(r"&(?=#?\w+;)")  # "&copy;" would render as ©


def _line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"


def escape(text: str) -> str:
    """Text with Markdown's emphasis, code, HTML, entity, table and strike-through characters
    neutralised, and no line able to start a heading, block quote, list or code block; links
    cannot form."""
    escaped = SPECIAL.sub(r"\\\1", CODE_INDENT.sub("", text)).replace("](", "]\\(")
    escaped = LINK_DEFINITION.sub(r"\1\\[", ENTITY.sub(r"\\&", escaped))
    return LINE_START.sub(_line_start, escaped)


def header_line(quote_set: QuoteSet) -> str:
    """One line saying what the export holds and how it was made."""
    options = quote_set.described
    return (
        f"{quote_set.summary()} · coders: {options['coders']} · context: "
        f"{plural(options['context_sentences'], 'sentence')} · identifiers replaced by "
        f"{options['replacements']} · exported {quote_set.generated_at}"
    )


def quote_markdown(quote: Quote, show_codes: bool = False) -> str:
    """A quote as a block quote: context in italics, the quote in curly quotes, its label."""
    body = f"“{escape(quote.text)}”"
    if quote.before.strip():
        body = f"*{escape(quote.before.strip())}* {body}"
    if quote.after.strip():
        body = f"{body} *{escape(quote.after.strip())}*"
    body = f"{body} [{escape(quote.label)}]"
    if show_codes:
        body = f"{body} {escape(quote.codes_note())}"
    lines = [line.strip() for line in body.split("\n")]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return quoted + "".join(f"\n\n{memo_markdown(memo)}" for memo in quote.memos or ())


def memo_markdown(memo: QuoteMemo) -> str:
    """A memo under its quote: a list item, whose heading says whose memo and on what."""
    text = "\n  ".join(escape(line.strip()) for line in memo.text.split("\n"))
    return f"- *{escape(memo.heading())}:* {text}"


def _group(group: QuoteGroup, out: list[str]) -> None:
    out.append(f"{'#' * min(group.level + 1, 6)} {escape(group.title)}\n")
    if group.description.strip():
        out.append(f"{escape(group.description.strip())}\n")
    out.append(f"*{group.counts_text()}*\n")
    for quote in group.quotes:
        out.append(quote_markdown(quote, group.show_codes) + "\n")
    for child in group.children:
        _group(child, out)


def render_markdown(quote_set: QuoteSet) -> str:
    """The whole quote set as one Markdown document."""
    out = [f"# {escape(quote_set.title)}\n", f"{escape(header_line(quote_set))}\n"]
    if not quote_set.groups:
        out.append("No coded passages match this selection.\n")
    for group in quote_set.groups:
        _group(group, out)
    return "\n".join(out)
