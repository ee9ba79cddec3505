"""Compiled message catalogues (.mo): find the missing or stale ones, compile them.

Flask-Babel reads only .mo files and silently falls back to the English message ids when one is missing, while
the page still says <html lang="zh-CN">. So production refuses to start without current catalogues, and init-db
compiles them.
"""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def stale(translations: Path) -> list[Path]:
    """The .mo files (one per .po) that are missing or older than their .po."""
    found = []
    for po in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            found.append(mo)
    return found


def compile_stale(translations: Path) -> list[Path]:
    """Compiles every missing or stale .mo (what `pybabel compile` does), each replaced atomically; the paths."""
    done = []
    for mo in stale(translations):
        with mo.with_suffix(".po").open("rb") as fh:
            catalog = read_po(fh)
        part = mo.with_name(f"messages.mo.{os.getpid()}.part")
        with part.open("wb") as out:
            write_mo(out, catalog)
        os.replace(part, mo)
        done.append(mo)
    return done
