"""Quote sets as one self-contained HTML page from the quotes.html template (text escaped)."""

from __future__ import annotations

from pathlib import Path

from qualcode.export.markdown import header_line
from qualcode.export.model import QuoteGroup, QuoteSet
from qualcode.export.templating import render_page


def anchor(group: QuoteGroup) -> str:
    """The id a group's section has in the page, from its path of keys."""
    return "g-" + "-".join("".join(c if c.isalnum() else "-" for c in p) for p in group.path)


def render_html(quote_set: QuoteSet, template: Path | None = None) -> str:
    """The whole quote set as one HTML document (`template`: the user's own page)."""
    # Only anonymised values go to the template: never the options (a pseudonym key's names).
    return render_page(
        "quotes.html",
        template,
        title=quote_set.title,
        summary=header_line(quote_set),
        groups=quote_set.groups,
        anchor=anchor,
    )
