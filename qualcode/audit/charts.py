"""A small self-contained SVG bar chart (no plotting library, nothing fetched when viewed)."""

from __future__ import annotations

from collections.abc import Sequence
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
