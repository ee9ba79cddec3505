"""Fixtures of the security tests: the submission tests' site and staff, enterprise accounts, a department user,
and `bare_site`, a site whose requests run without the test's app context (as under gunicorn)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from portal import create_app
from portal.accounts.services import create_user
from portal.db_setup import load_list_types, load_measures
from portal.domain.roles import Role
from portal.extensions import db, limiter
from portal.importers.run import import_file
from tests.conftest import DATA, TODAY
from tests.enterprise.helpers import _fast_enterprise_hashes
from tests.submissions import fixtures as base
from tests.submissions.fixtures import MARKET_DEPT, PASSWORD

_fast_hashes = base._fast_hashes
site = base.site
client = base.client
staff = base.staff
__all__ = ["_fast_enterprise_hashes", "_fast_hashes", "client", "site", "staff"]

DEPT_EMAIL = "dept@example.gov.cn"


@pytest.fixture
def department(site: Flask, staff: dict[Role, int]) -> str:
    create_user(db.session, DEPT_EMAIL, PASSWORD, Role.DEPARTMENT, department_uscc=MARKET_DEPT)
    return DEPT_EMAIL


def build_site(folder: Path, **overrides: object) -> Flask:
    """A site with the data-standard examples and one account per staff role; no app context left pushed."""
    folder.mkdir(parents=True, exist_ok=True)
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
                      "SEARCH_DIR": str(folder / "search"), "UPLOAD_DIR": str(folder / "uploads"),
                      **overrides})  # fmt: skip
    app.instance_path = str(folder)
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        db.session.commit()
        for kind in ("penalty", "permit", "list"):
            path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
            import_file(db.session, path, kind, today=TODAY)
        for role, email in base.EMAILS.items():
            department = MARKET_DEPT if role in (Role.VERIFIER, Role.DEPARTMENT) else None
            create_user(db.session, email, PASSWORD, role, department_uscc=department)
        if app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):  # never clear a shared Redis
            limiter.reset()
        db.session.remove()
    return app


@pytest.fixture
def bare_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    app = build_site(tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()
