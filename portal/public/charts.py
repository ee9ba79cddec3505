"""Hand-written server-side SVG charts: no JavaScript, no library, no CDN (issue 6).

Every chart is role="img" with a <title> and a <desc>; the page puts the same numbers in a table right below it,
so the SVG is never the only way to read them. All text is escaped here: callers pass plain strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_COLOUR = "#1f5fa8"  # the site's brand blue: 6.6:1 on white
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#d0d7de"
FONT = "font-family=\"'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif\""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed next to the bar, e.g. "1,234" or "87.5%"


def _nice_max(value: float) -> float:
    """The axis maximum: 1, 2, 4 or 5 times a power of ten, at least `value` (never 0)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 4, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


def _text_width(text: str) -> float:
    """Approximate width at 13px: CJK and full-width characters are square, Latin about half as wide."""
    return sum(13.0 if ord(c) > 0x2E80 else 7.0 for c in text)


def _shorten(text: str, width: float) -> str:
    """The label cut to fit `width` pixels, with an ellipsis when cut (the table below has it in full)."""
    if _text_width(text) <= width:
        return text
    while text and _text_width(text) + 13 > width:
        text = text[:-1]
    return text + "…"


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def horizontal_bars(chart_id: str, title: str, desc: str, bars: Sequence[Bar], *, maximum: float | None = None
                    ) -> Markup:  # fmt: skip
    """One labelled bar per row (departments, categories, lists, shares); `maximum` fixes the scale (e.g. 100)."""
    row, label_w, value_w, bar_w, top = 26, 240, 90, 460, 8
    width, height = label_w + bar_w + value_w, top * 2 + row * max(len(bars), 1)
    scale = maximum if maximum is not None else _nice_max(max((b.value for b in bars), default=0))
    parts = _open(chart_id, title, desc, width, height)
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" stroke="{GRID_COLOUR}"/>')
    for i, bar in enumerate(bars):
        y = top + i * row
        length = 0.0 if scale <= 0 else max(0.0, min(bar.value / scale, 1.0)) * bar_w
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="{TEXT_COLOUR}">'
            f"{escape(_shorten(bar.label, label_w - 16))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{BAR_COLOUR}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 17}" font-size="13" fill="{TEXT_COLOUR}">'
            f"{escape(bar.shown)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text node above went through escape()


def columns(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> Markup:
    """Vertical columns over time (months); labels under every column, value above it when there is room."""
    col, left, top, plot_h, bottom = 34, 56, 16, 220, 56
    width, height = left + col * max(len(bars), 1) + 16, top + plot_h + bottom
    scale = _nice_max(max((b.value for b in bars), default=0))
    parts = _open(chart_id, title, desc, width, height)
    for step in range(5):  # grid lines with their values, so the chart reads without the table too
        y = top + plot_h - plot_h * step / 4
        tick = scale * step / 4
        shown = f"{tick:,.0f}" if tick == int(tick) else f"{tick:,.1f}"
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{TEXT_COLOUR}">'
            f"{shown}</text>"
        )
    for i, bar in enumerate(bars):
        x, mid, base = left + i * col, left + i * col + col / 2, top + plot_h + 14
        h = plot_h * (bar.value / scale if scale else 0)
        parts.append(
            f'<rect x="{x + 5}" y="{top + plot_h - h:.1f}" width="{col - 10}" height="{h:.1f}" fill="{BAR_COLOUR}"/>'
            f'<text x="{mid:.1f}" y="{base}" font-size="11" fill="{TEXT_COLOUR}" text-anchor="end" '
            f'transform="rotate(-45 {mid:.1f} {base})">{escape(bar.label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text node above went through escape()
