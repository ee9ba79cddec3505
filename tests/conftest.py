"""Fixtures: app (fresh instance in tmp_path), client, runner, db session, PostgreSQL URL, sample files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from portal import ROOT, create_app
from portal.db_setup import load_list_types, load_measures
from portal.extensions import db

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 23)  # fixed "today" for import tests: data-standard §9 examples are valid on it


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


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see only the settings they pass: no PORTAL_* from the developer's shell."""
    for key in list(os.environ):
        if key.startswith("PORTAL_"):
            monkeypatch.delenv(key)


def pg_reachable(url: str) -> bool:
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
    except sa.exc.OperationalError:
        return False
    return True


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    if not pg_reachable(url):
        pytest.skip("PostgreSQL not reachable at TEST_DATABASE_URL")
    return url


def _make_app(tmp_path: Path, database_uri: str) -> Flask:
    app = create_app(
        {
            "ENV_NAME": "test",
            "SQLALCHEMY_DATABASE_URI": database_uri,
            "SEARCH_DIR": str(tmp_path / "search"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
        }
    )
    app.instance_path = str(tmp_path)
    return app


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_uri(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on SQLite and on PostgreSQL (a fresh schema per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'portal.db'}"
        return
    url = request.getfixturevalue("pg_url")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    yield url


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = _make_app(tmp_path, f"sqlite:///{tmp_path / 'portal.db'}")
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        db.session.commit()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app_any_db(tmp_path: Path, any_db_uri: str) -> Iterator[Flask]:
    app = _make_app(tmp_path, any_db_uri)
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        db.session.commit()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask):  # type: ignore[no-untyped-def]
    return db.session
