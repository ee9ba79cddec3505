"""Fixtures of the public-site tests: compiled catalogues and the data-standard examples imported on TODAY."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask

from portal import ROOT
from portal.extensions import db
from portal.importers.run import import_file
from tests.conftest import DATA, TODAY


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues() -> None:
    """What `make translations` does, so a bare `pytest` after editing a .po renders the new text.

    The .mo files are build output (gitignored); each is replaced atomically.
    """
    for po_path in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        part = mo_path.with_name(f"messages.mo.{os.getpid()}.part")
        with part.open("wb") as out:
            write_mo(out, catalog)
        os.replace(part, mo_path)


def _import_examples(folder: Path) -> None:
    for kind in ("penalty", "permit", "list"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
        result = import_file(db.session, path, kind, today=TODAY)
        assert result.summary == "imported=3 updated=0 rejected=0"


@pytest.fixture
def examples(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The three data-standard §9 example files imported (SQLite), with the site's clock on TODAY."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    _import_examples(tmp_path)
    return app


@pytest.fixture
def examples_any_db(app_any_db: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The same on SQLite and on PostgreSQL."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    _import_examples(tmp_path)
    return app_any_db
