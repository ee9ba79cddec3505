"""API fixtures: the data-standard examples imported on TODAY and indexed by the default backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from tests.conftest import TODAY, import_examples


@pytest.fixture
def indexed(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    reindex(db.session, get_backend(app), TODAY)
    return app


@pytest.fixture
def api(indexed: Flask) -> FlaskClient:
    return indexed.test_client()
