"""The rare quirks of real files: other date formats, full-width USCCs, other 文号 brackets."""

from __future__ import annotations

import string
from datetime import date

FULL_WIDTH = str.maketrans(string.digits + string.ascii_uppercase,
                            "".join(chr(0xFF10 + i) for i in range(10)) + "".join(chr(0xFF21 + i) for i in range(26)))
BRACKETS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"))


def fmt_date(d: date, style: int) -> str:
    """The date formats of real files (data-standard §2): 0 ISO, 1 2025/3/7, 2 2025年3月7日, 3 2025.03.07, 4 compact."""
    if style == 0:
        return d.isoformat()
    if style == 1:
        return f"{d.year}/{d.month}/{d.day}"
    if style == 2:
        return f"{d.year}年{d.month}月{d.day}日"
    if style == 3:
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    return f"{d.year}{d.month:02d}{d.day:02d}"


def messy(m: float) -> tuple[int, bool]:
    """One draw decides a row's rare quirks: (date style, full-width USCC) — 3 % other date formats, 1 % full width."""
    return (1 + int(m * 133.34) if m < 0.03 else 0), 0.03 <= m < 0.04
