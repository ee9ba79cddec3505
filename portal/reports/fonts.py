"""Finds and registers an embeddable Chinese TrueType font for reportlab, once per process.

reportlab embeds TrueType (glyf) outlines only: the OpenType/CFF Noto CJK files cannot be used, so the known
TrueType CJK fonts are tried in order. A deployment may point REPORT_FONT_PATH (and REPORT_FONT_INDEX for a .ttc)
at another TrueType font. No font found is a clear error, never a PDF with empty boxes.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_NAME = "ReportCJK"
# (path, subfont index of a .ttc) — Debian fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-uming.
KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
)
_lock = threading.Lock()
_registered: str | None = None


class FontMissing(RuntimeError):
    """No embeddable Chinese font: install fonts-wqy-zenhei (Debian) or set REPORT_FONT_PATH."""


def candidates(configured: str | None = None, index: int = 0) -> list[tuple[str, int]]:
    found = [(configured, index)] if configured else []
    return found + list(KNOWN_FONTS)


def register(configured: str | None = None, index: int = 0) -> str:
    """The registered font's name; the first usable candidate wins. Raises FontMissing."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        tried = []
        for path, subfont in candidates(configured, index):
            if not Path(path).is_file() or not os.access(path, os.R_OK):
                tried.append(path)
                continue
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=subfont))
            except TTFError:
                tried.append(path)
                continue
            _registered = FONT_NAME
            return FONT_NAME
        raise FontMissing(
            "no embeddable Chinese TrueType font found (tried: " + ", ".join(tried) + "); "
            "install the Debian package fonts-wqy-zenhei or set PORTAL_REPORT_FONT_PATH"
        )
