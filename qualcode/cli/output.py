"""The CLI's consoles, which print every user value as plain text, and labelled message lines."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RichCast
from rich.segment import Segment
from rich.text import Text

# Control characters other than tab and newline: a terminal would obey an escape sequence in
# a coder's name or a file name (colours, retitling the window, hidden hyperlinks).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Renderables whose own segments are only box lines and padding: what they hold (cells, titles)
# reaches the terminal through its own `render` call. Named, not imported: --help needs neither.
_CONTAINERS = frozenset({("rich.table", "Table"), ("rich.padding", "Padding")})


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


class PlainConsole(Console):
    """A console on which user text stays text: `[/x]`, `[laughs]`, `[link=…]` are not markup,
    `:b:` is no emoji, nothing is highlighted, and control characters are shown as symbols
    (␛) instead of reaching the terminal. Styled output is built from `Text` parts."""

    def __init__(self, *, stderr: bool = False) -> None:
        super().__init__(stderr=stderr, markup=False, emoji=False, highlight=False)

    def render_str(self, text: str, **options: Any) -> Text:
        # Strings (most table cells) are pictured before a table measures them, so a column
        # is wide enough for the symbols; `render` catches what comes as ready-made Text.
        return super().render_str(_CONTROL.sub(_picture, text), **options)

    def render(
        self, renderable: ConsoleRenderable | RichCast | str, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        segments = super().render(renderable, options)
        # Only what can hold a control character is pictured: a table or padding draws lines
        # and spaces and renders each cell through `render` again; a string was pictured by
        # `render_str`. Picturing every level over again was a sixth of laying out `show`.
        kind = type(renderable)
        if (kind.__module__, kind.__name__) in _CONTAINERS or isinstance(renderable, str):
            return segments
        if isinstance(renderable, Text) and not _CONTROL.search(renderable.plain + renderable.end):
            return segments
        return self._pictured(segments)

    @staticmethod
    def _pictured(segments: Iterable[Segment]) -> Iterator[Segment]:
        for segment in segments:
            if segment.control is None and _CONTROL.search(segment.text):
                segment = Segment(_CONTROL.sub(_picture, segment.text), segment.style)
            yield segment


console = PlainConsole()
error_console = PlainConsole(stderr=True)


def labelled(label: str, message: object, style: str = "bold red") -> Text:
    """`label:` in `style` then the message as literal text (the one way to mix the two)."""
    return Text.assemble((f"{label}:", style), " ", str(message))


def warn(message: str) -> None:
    """Print a one-line warning on stderr."""
    error_console.print(labelled("warning", message, "bold yellow"), soft_wrap=True)
