"""`init-db` builds the schema from the Alembic migrations, on SQLite and PostgreSQL, and they match the models."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import Flask
from flask.testing import FlaskCliRunner

from portal import create_app
from portal.extensions import db
from portal.models import Base, ListType, Measure

LIST_TYPES = 71  # catalogue/list-types.csv (DOMAIN §4)
MEASURES = 120  # catalogue/measures.csv (DOMAIN §11)


@pytest.fixture(autouse=True)
def _drop_alembic_console_handler() -> Iterator[None]:
    """migrations/env.py applies alembic.ini's logging (a console handler on the root logger); remove it after."""
    root = logging.getLogger()
    before = set(root.handlers)
    yield
    for handler in root.handlers[:]:
        if type(handler) is logging.StreamHandler and handler not in before:
            root.removeHandler(handler)


@pytest.fixture
def empty_app(tmp_path: Path, any_db_uri: str) -> Iterator[Flask]:
    """An app on an empty database: no create_all, the migrations alone must build the schema."""
    app = create_app(
        {
            "ENV_NAME": "test",
            "SQLALCHEMY_DATABASE_URI": any_db_uri,
            "SEARCH_DIR": str(tmp_path / "search"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
        }
    )
    app.instance_path = str(tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def cli(empty_app: Flask) -> FlaskCliRunner:
    return empty_app.test_cli_runner()


def _head(app: Flask) -> str:
    head = ScriptDirectory(app.extensions["migrate"].directory).get_current_head()
    assert head is not None
    return head


def _counts(app: Flask) -> tuple[int, int]:
    with app.app_context():
        list_types = db.session.scalar(sa.select(sa.func.count()).select_from(ListType))
        measures = db.session.scalar(sa.select(sa.func.count()).select_from(Measure))
        db.session.remove()
    return int(list_types or 0), int(measures or 0)


def test_init_db_upgrades_an_empty_database_to_head_and_loads_the_catalogue(
    empty_app: Flask, cli: FlaskCliRunner
) -> None:
    result = cli.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == f"database ready (list types {LIST_TYPES}, measures {MEASURES})"
    with empty_app.app_context():
        tables = set(sa.inspect(db.engine).get_table_names())
        version = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
        db.session.remove()
    assert set(Base.metadata.tables) <= tables
    assert {"penalties", "permits", "list_entries", "subjects", "list_types", "measures"} <= tables
    assert version == _head(empty_app)
    assert _counts(empty_app) == (LIST_TYPES, MEASURES)


def test_running_init_db_twice_keeps_the_schema_and_does_not_duplicate_the_catalogue(
    empty_app: Flask, cli: FlaskCliRunner
) -> None:
    first = cli.invoke(args=["init-db"])
    second = cli.invoke(args=["init-db"])
    assert (first.exit_code, second.exit_code) == (0, 0), second.output
    assert second.stdout.strip().splitlines()[-1] == f"database ready (list types {LIST_TYPES}, measures {MEASURES})"
    assert _counts(empty_app) == (LIST_TYPES, MEASURES)


def test_autogenerate_finds_no_difference_between_the_models_and_the_migrations(cli: FlaskCliRunner) -> None:
    assert cli.invoke(args=["init-db"]).exit_code == 0
    result = cli.invoke(args=["db", "check"])
    assert "New upgrade operations detected" not in result.output
    assert result.exit_code == 0, result.output
