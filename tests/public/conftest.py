"""Fixtures of the public-site tests: compiled catalogues and the data-standard examples imported on TODAY."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import TODAY, import_examples


@pytest.fixture
def examples(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The three data-standard §9 example files imported (SQLite), with the site's clock on TODAY."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    return app


@pytest.fixture
def examples_any_db(app_any_db: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The same on SQLite and on PostgreSQL."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    return app_any_db
