"""Small self-contained SVG charts: bars and a heat map (no plotting library, nothing fetched)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def bar_chart(
    labels: Sequence[str],
    series: dict[str, list[int]],
    *,
    title: str,
    width: int = 760,
    height: int = 260,
) -> str:
    """Grouped bars: one group per label, one bar per series, with axis, ticks and a legend."""
    left, right, top, bottom = 48, 12, 28, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for values in series.values() for v in values), default=0) or 1
    names = list(series)
    group_w = plot_w / max(len(labels), 1)
    bar_w = min(40.0, max(1.0, group_w * 0.8 / max(len(names), 1)))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#555"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#555"/>',
    ]
    for tick in (0, peak // 2, peak) if peak > 1 else (0, peak):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{tick}</text>'
        )
    every = max(1, len(labels) // 12)
    for g, label in enumerate(labels):
        x0 = left + (g + 0.5) * group_w - bar_w * len(names) / 2
        for s, name in enumerate(names):
            value = series[name][g]
            h = plot_h * value / peak
            colour = PALETTE[s % len(PALETTE)]
            parts.append(
                f'<rect x="{x0 + s * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(name)}, {escape(label)}: '
                f"{value}</title></rect>"
            )
        if g % every == 0:
            parts.append(
                f'<text x="{left + (g + 0.5) * group_w:.1f}" y="{top + plot_h + 16}" '
                f'font-size="11" text-anchor="middle">{escape(label)}</text>'
            )
    for s, name in enumerate(names):
        x = left + s * 120
        parts.append(
            f'<rect x="{x}" y="{height - 18}" width="12" height="12" '
            f'fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="{height - 8}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _label_width(labels: Sequence[str], size: float = 6.6) -> int:
    return int(min(220, max((len(label) for label in labels), default=4) * size + 12))


def _legend_positions(names: Sequence[str], left: int, width: int) -> list[tuple[int, int]]:
    """Where each legend entry goes: (x, row), wrapping to a new row at the right edge."""
    found: list[tuple[int, int]] = []
    x, row = left, 0
    for name in names:
        step = 16 + int(len(name) * 7.2) + 18
        if x > left and x + step > width:
            x, row = left, row + 1
        found.append((x, row))
        x += step
    return found


def hbar_chart(
    labels: Sequence[str], series: dict[str, list[int]], *, title: str, width: int = 760
) -> str:
    """Grouped horizontal bars: one row per label (a code), one bar per series, value at its end."""
    names = list(series)
    bar_h = 11 if len(names) > 1 else 14
    row_h = bar_h * len(names) + 8
    left, right, top = _label_width(labels), 40, 22
    legend = _legend_positions(names, left, width)
    legend_rows = 1 + max((row for _, row in legend), default=0)
    height = top + row_h * len(labels) + 10 + 18 * legend_rows
    plot_w = width - left - right
    peak = max((v for values in series.values() for v in values), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="14" font-size="12" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + row_h * len(labels)}" '
        'stroke="#555"/>',
    ]
    for r, label in enumerate(labels):
        y0 = top + r * row_h + 4
        parts.append(
            f'<text x="{left - 6}" y="{y0 + row_h / 2:.1f}" font-size="11" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for s, name in enumerate(names):
            value = series[name][r]
            w = plot_w * value / peak
            y = y0 + s * bar_h
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 1}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(label)}, {escape(name)}: '
                f"{value}</title></rect>"
            )
            if value:
                parts.append(
                    f'<text x="{left + w + 3:.1f}" y="{y + bar_h - 2}" font-size="9">{value}</text>'
                )
    base = top + row_h * len(labels) + 10
    for s, (name, (x, row)) in enumerate(zip(names, legend, strict=True)):
        y = base + 18 * row
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{PALETTE[s % len(PALETTE)]}"/>'
            f'<text x="{x + 16}" y="{y + 10}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def heatmap(labels: Sequence[str], value: Callable[[int, int], int], *, title: str) -> str:
    """A square matrix of counts shaded from white to blue, labels left and (rotated) on top.

    `value(i, j)` is the count in row i, column j. Shades scale to the largest count off the
    diagonal; the diagonal (each label's own total) is outlined and lightly grey.
    """
    n = len(labels)
    cell = 26 if n <= 16 else 20 if n <= 30 else 14
    margin = _label_width(labels)
    left, top = margin, int(margin * 0.87) + 24  # column labels are turned 60 degrees
    width, height = left + cell * n + margin // 2 + 10, top + cell * n + 10
    peak = max((value(i, j) for i in range(n) for j in range(n) if i != j), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="14" font-size="12" font-weight="bold">{escape(title)}</text>',
    ]
    for i, label in enumerate(labels):
        cy = top + i * cell + cell / 2 + 4
        cx = left + i * cell + cell / 2 + 4
        parts.append(
            f'<text x="{left - 6}" y="{cy:.1f}" font-size="11" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<text x="{cx:.1f}" y="{top - 6}" font-size="11" '
            f'transform="rotate(-60 {cx:.1f} {top - 6})">{escape(label)}</text>'
        )
    for i in range(n):
        for j in range(n):
            count = value(i, j)
            shade = 0.15 if i == j and count else min(1.0, count / peak)
            base = (120, 120, 120) if i == j else (8, 81, 156)
            rgb = tuple(round(255 - shade * (255 - c)) for c in base)
            stroke = ' stroke="#333" stroke-width="1.5"' if i == j else ' stroke="#ddd"'
            x, y = left + j * cell, top + i * cell
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" '
                f'fill="rgb{rgb}"{stroke}><title>{escape(labels[i])} × {escape(labels[j])}: '
                f"{count}</title></rect>"
            )
            if count and cell >= 20:
                colour = "#fff" if shade > 0.55 else "#222"
                parts.append(
                    f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" font-size="10" '
                    f'text-anchor="middle" fill="{colour}">{count}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
