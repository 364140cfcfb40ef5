"""Quote sets as one self-contained HTML page: escaped text, inline styles, nothing fetched."""

from __future__ import annotations

from html import escape

from qualcode.export.markdown import header_line
from qualcode.export.model import Quote, QuoteGroup, QuoteSet

STYLE = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #222; margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, sans-serif; line-height: 1.25; }
nav ul { list-style: none; padding-left: 1rem; }
.summary, .counts { color: #555; font-size: 0.9rem; }
.definition { font-style: italic; }
figure.quote { margin: 1rem 0 1.25rem; border-left: 3px solid #999; padding-left: 1rem; }
figure.quote blockquote { margin: 0; white-space: pre-line; }
.context { color: #777; }
figcaption.label { color: #444; font-size: 0.9rem; margin-top: 0.25rem; }
.codes { color: #777; }
aside.memo { margin: -0.5rem 0 1.25rem 1rem; font-size: 0.9rem; white-space: pre-line; }
aside.memo .by { font-style: italic; color: #555; }
"""
POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _anchor(group: QuoteGroup) -> str:
    return "g-" + "-".join("".join(c if c.isalnum() else "-" for c in p) for p in group.path)


def _quote(quote: Quote, show_codes: bool) -> str:
    parts = []
    if quote.before.strip():
        parts.append(f'<span class="context">{escape(quote.before.strip())}</span> ')
    parts.append(f"“{escape(quote.text)}”")
    if quote.after.strip():
        parts.append(f' <span class="context">{escape(quote.after.strip())}</span>')
    codes = f' <span class="codes">{escape(quote.codes_note())}</span>' if show_codes else ""
    memos = "".join(
        f'<aside class="memo"><span class="by">{escape(memo.heading())}:</span> '
        f"{escape(memo.text)}</aside>"
        for memo in quote.memos or ()
    )
    return (
        f'<figure class="quote"><blockquote>{"".join(parts)}</blockquote>'
        f'<figcaption class="label">[{escape(quote.label)}]{codes}</figcaption></figure>{memos}'
    )


def _group(group: QuoteGroup, out: list[str]) -> None:
    level = min(group.level + 1, 6)
    out.append(f'<section id="{escape(_anchor(group))}">')
    out.append(f"<h{level}>{escape(group.title)}</h{level}>")
    if group.description.strip():
        out.append(f'<p class="definition">{escape(group.description.strip())}</p>')
    out.append(f'<p class="counts">{escape(group.counts_text())}</p>')
    out.extend(_quote(quote, group.show_codes) for quote in group.quotes)
    for child in group.children:
        _group(child, out)
    out.append("</section>")


def _contents(groups: list[QuoteGroup]) -> str:
    if not groups:
        return ""
    items = "".join(
        f'<li><a href="#{escape(_anchor(g))}">{escape(g.title)}</a> '
        f"({g.quote_count}){_contents(g.children)}</li>"
        for g in groups
    )
    return f"<ul>{items}</ul>"


def render_html(quote_set: QuoteSet) -> str:
    """The whole quote set as one HTML document."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(quote_set.title)}</title><style>{STYLE}</style></head>",
        "<body><main>",
        f"<h1>{escape(quote_set.title)}</h1>",
        f'<p class="summary">{escape(header_line(quote_set))}</p>',
    ]
    if quote_set.groups:
        out.append(f"<nav><h2>Contents</h2>{_contents(quote_set.groups)}</nav>")
    else:
        out.append("<p>No coded passages match this selection.</p>")
    for group in quote_set.groups:
        _group(group, out)
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"
