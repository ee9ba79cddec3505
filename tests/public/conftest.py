"""Fixtures of the public-site tests: compiled catalogues and the data-standard examples imported on TODAY."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from portal.extensions import db
from portal.importers.run import import_file
from tests.conftest import DATA, TODAY


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
