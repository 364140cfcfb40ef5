"""Drawing one passage as terminal lines: gutter, wrapped text with coded spans, code margin."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

from qualcode.numbering import passage_number
from qualcode.store.workbench import CodeRow, CodingView, PassageRow

GUTTER = 10
MIN_MARGIN = 12
MIN_TEXT = 20
PARAGRAPH = re.compile(r"\n[ \t]*\n")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Break text into lines of at most width characters, at spaces where possible.

    Single line breaks (hard-wrapped transcripts) flow like spaces; blank lines between
    paragraphs are kept. Offsets index the original text.
    """
    width = max(1, width)
    flat = text.replace("\n", " ")
    lines: list[tuple[int, int]] = []
    position = 0
    breaks = [match.span() for match in PARAGRAPH.finditer(text)]
    for gap_start, gap_end in [*breaks, (len(text), len(text))]:
        start, end = position, gap_start
        while end - start > width:
            cut = flat.rfind(" ", start, start + width + 1)
            if cut <= start:
                lines.append((start, start + width))
                start += width
            else:
                lines.append((start, cut))
                start = cut + 1
        lines.append((start, end))
        if gap_end > gap_start:
            lines.append((gap_start, gap_start))
        position = gap_end
    return lines


def make_look(widget: Widget, prefix: str, parts: tuple[str, ...], codes: list[CodeRow]) -> Look:
    """Resolve a widget's component styles and the codes' colours into drawing styles."""
    background = widget.background_colors[1]

    def part(name: str) -> Style:
        style = widget.get_component_rich_style(f"{prefix}--{name}", partial=True)
        tint = widget.get_component_styles(f"{prefix}--{name}").background
        if tint.a > 0:  # a translucent tint is laid over the widget's background
            style += Style(bgcolor=(background + tint).rich_color)
        return style

    code_bg: dict[int, Style] = {}
    code_fg: dict[int, Style] = {}
    code_key: dict[int, str] = {}
    for code in codes:
        colour = Color.parse(code.colour or "#888888")
        code_bg[code.id] = Style(bgcolor=colour.blend(background, 0.55).rich_color)
        code_fg[code.id] = Style(color=colour.rich_color)
        code_key[code.id] = code.key
    text = Style(color=widget.styles.color.rich_color, bgcolor=background.rich_color)
    styles = {name: part(name) for name in parts}
    label = max((len(key) for key in code_key.values()), default=0)
    return Look(
        text=text, **styles, code_bg=code_bg, code_fg=code_fg, code_key=code_key, label=label
    )


def margin_width(width: int, label: int) -> int:
    """Columns for the code margin: the longest label whole, up to a third of the width."""
    return min(label + 4, max(MIN_MARGIN, (width - GUTTER) // 3))


def text_width(width: int, label: int) -> int:
    """Columns left for the passage text once the gutter and margin are drawn."""
    return max(MIN_TEXT, width - GUTTER - margin_width(width, label))


@dataclass(frozen=True)
class Look:
    """The styles a transcript is drawn with, resolved from the app's stylesheet."""

    text: Style
    cursor: Style
    selected: Style
    span: Style
    speaker: Style
    gutter: Style
    mark: Style
    margin: Style
    code_bg: dict[int, Style] = field(default_factory=dict)
    code_fg: dict[int, Style] = field(default_factory=dict)
    code_key: dict[int, str] = field(default_factory=dict)
    label: int = 0  # the longest code key, for the margin's width

    def label_width(self, others: bool) -> int:
        """The widest margin label: a code key, after a coder's initials when all are shown."""
        return self.label + (4 if others else 0)


@dataclass(frozen=True)
class PassageState:
    """One passage with what is layered on it for drawing."""

    row: PassageRow
    codings: list[CodingView]
    cursor: bool = False
    selected: bool = False
    span: tuple[int, int] | None = None
    memo: bool = False
    reviewed: bool = False
    others: bool = False


def _runs(state: PassageState, look: Look, start: int, end: int, base: Style) -> list[Segment]:
    """Segments of text[start:end], split wherever a coding, the span or the speaker changes."""
    row = state.row
    offset = row.start
    ranges: list[tuple[int, int, int]] = []
    for coding in state.codings:
        low, high = max(coding.start - offset, start), min(coding.end - offset, end)
        if low < high:
            ranges.append((low, high, coding.code_id))
    speaker_end = 0
    if row.speaker and row.text.startswith(row.speaker):
        speaker_end = len(row.speaker) + (row.text[len(row.speaker) : len(row.speaker) + 1] == ":")
    cuts = {start, end, speaker_end}
    for low, high, _ in ranges:
        cuts.update((low, high))
    if state.span is not None:
        cuts.update(state.span)
    edges = sorted(c for c in cuts if start <= c <= end)
    segments = []
    for low, high in itertools.pairwise(edges):
        style = base
        if low < speaker_end:
            style += look.speaker
        covering = [r for r in ranges if r[0] <= low and r[1] >= high]
        if covering:
            narrowest = min(covering, key=lambda r: r[1] - r[0])
            style += look.code_bg.get(narrowest[2], Style())
            if len({r[2] for r in covering}) > 1:
                style += Style(underline=True)
        if state.span is not None and state.span[0] <= low and high <= state.span[1]:
            style += look.span
        segments.append(Segment(row.text[low:high].replace("\n", " "), style))
    return segments


def _margin(state: PassageState, look: Look, lines: int, room: int) -> list[list[Segment]]:
    """The codes covering the passage, one per line, with '+N more' when they do not fit."""
    seen: list[tuple[int, str]] = []
    for coding in state.codings:
        item = (coding.code_id, coding.coder if state.others else "")
        if item not in seen:
            seen.append(item)
    entries: list[list[Segment]] = []
    for position, (code_id, coder) in enumerate(seen):
        if position == lines - 1 and len(seen) > lines:
            entries.append([Segment(f"  +{len(seen) - position} more", look.margin)])
            break
        key = look.code_key.get(code_id, "?")
        label = f"{coder[:3]}·{key}" if coder else key
        if len(label) > room:
            label = label[: room - 1] + "…"
        entries.append(
            [Segment(" ■ ", look.code_fg.get(code_id, look.margin)), Segment(label, look.margin)]
        )
    return entries


def passage_strips(state: PassageState, look: Look, width: int) -> list[Strip]:
    """The lines of one passage (and a blank line after it) at a given terminal width."""
    label = look.label_width(state.others)
    columns = text_width(width, label)
    lines = wrap(state.row.text, columns)
    base = look.text
    if state.selected:
        base += look.selected
    if state.cursor:
        base += look.cursor
    margin = _margin(state, look, len(lines), margin_width(width, label) - 4)
    marker = "▌" if state.cursor else ("┃" if state.selected else " ")
    strips = []
    for number, (start, end) in enumerate(lines):
        index = f"{passage_number(state.row.index):>5} " if number == 0 else " " * 6
        flags = ("✓" if state.reviewed else " ") + ("✎" if state.memo else " ") + " "
        flags = flags if number == 0 else "   "
        gutter = [
            Segment(marker, base + look.mark),
            Segment(index, base + look.gutter),
            Segment(flags, base + look.mark),
        ]
        body = Strip(_runs(state, look, start, end, base)).adjust_cell_length(columns, base)
        side = margin[number] if number < len(margin) else []
        right = Strip(side).adjust_cell_length(width - GUTTER - columns, base)
        strips.append(Strip.join([Strip(gutter), body, right]))
    strips.append(Strip.blank(width, look.text))
    return strips
