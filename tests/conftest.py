"""Fixtures: app (fresh instance in tmp_path), client, runner, auth, db session, PostgreSQL URL, sample files.

Also the helpers every package shares: the data-standard examples imported, a form read and posted as a browser
would (hidden fields and CSRF token included, so form tests run with CSRF on), the in-memory notification outbox.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.test import TestResponse

from portal import ROOT, create_app
from portal.db_setup import load_list_types, load_measures
from portal.domain.roles import Role
from portal.extensions import db
from portal.importers.run import import_file

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


@pytest.fixture(autouse=True)
def _no_real_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any SMTP connection fails the test (indico's disallow.py): notifications go to the in-memory outbox."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("tests never send mail: use the memory notifier (TestConfig.NOTIFIER)")

    monkeypatch.setattr("smtplib.SMTP.__init__", refuse)
    monkeypatch.setattr("smtplib.SMTP_SSL.__init__", refuse)


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


# -- shared helpers ------------------------------------------------------------------------------------------------


def import_examples(folder: Path, today: date = TODAY) -> None:
    """The three data-standard §9 example files, imported through the real importer on `today`."""
    for kind in ("penalty", "permit", "list"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
        result = import_file(db.session, path, kind, today=today)
        assert result.summary == "imported=3 updated=0 rejected=0"


def import_more_examples(folder: Path, today: date = TODAY) -> None:
    """The data-standard examples of 行政强制, 荣誉 and 信用承诺 (issue 16), imported like import_examples."""
    for kind in ("coercion", "honour", "commitment"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
        result = import_file(db.session, path, kind, today=today)
        assert result.summary == "imported=3 updated=0 rejected=0"


def count(model: Any) -> int:
    """Rows of a model's table."""
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


_INPUT = re.compile(r"<input[^>]*>")


def hidden_fields(html: str) -> dict[str, str]:
    """name -> value of every hidden input of a page (CSRF token, one-time token…)."""
    found = {}
    for match in _INPUT.finditer(html):
        tag = match.group(0)
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            found[name.group(1)] = value.group(1) if value else ""
    return found


def csrf_of(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on `url`."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    fields = hidden_fields(page.get_data(as_text=True))
    assert "csrf_token" in fields, f"no CSRF token on {url}"
    return fields["csrf_token"]


def post_form(
    client: FlaskClient, page_url: str, data: dict[str, Any], post_url: str | None = None, **kwargs: Any
) -> TestResponse:
    """GET the page, then POST its hidden fields and `data` to `post_url` (default: the page) as a browser would."""
    page = client.get(page_url)
    assert page.status_code == 200, (page_url, page.status_code)
    fields = hidden_fields(page.get_data(as_text=True))
    return client.post(post_url or page_url, data={**fields, **data}, **kwargs)


def outbox(app: Flask) -> list[Any]:
    """Messages the in-memory notifier collected (tests never send mail or SMS)."""
    return app.extensions["notifier"].outbox  # type: ignore[no-any-return]


class FreshClient(FlaskClient):
    """Each request starts with an empty `g`, as it would with its own app context.

    The `app` fixture keeps one app context open for the whole test, so without this flask-login's current
    user, Flask-WTF's CSRF token and Flask-Babel's locale (all cached in `g`) would leak between requests.
    """

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        if g:
            values = vars(g._get_current_object())  # type: ignore[attr-defined]
            values.clear()
        return super().open(*args, **kwargs)


class AuthActions:
    """Sign in as each kind of user through the real login forms, CSRF token included (flaskr's AuthActions).

    Accounts are made by tests/factories.py with factories.PASSWORD. Each method returns the client signed in;
    `citizen` is the anonymous public, who never signs in.
    """

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app, self.client = app, client

    def login(self, email: str, password: str | None = None, client: FlaskClient | None = None) -> TestResponse:
        """The staff sign-in form; a success is a 302 to the back office."""
        from tests import factories

        form = {"email": email, "password": password or factories.PASSWORD}
        return post_form(client or self.client, "/accounts/login", form)

    def staff(self, role: Role, email: str | None = None, *, department_uscc: str | None = None) -> FlaskClient:
        """A fresh client signed in as a new account of `role` (or the existing account `email`)."""
        from portal.models import User
        from tests import factories

        if email is None or db.session.scalar(sa.select(User.id).where(User.email == email)) is None:
            extra = {"department_uscc": department_uscc} if department_uscc else {}
            email = factories.UserFactory(role=role, **({"email": email} if email else {}), **extra).email
        client = self.app.test_client()
        response = self.login(email, client=client)
        assert response.status_code == 302, response.get_data(as_text=True)[:800]
        return client

    def reviewer(self) -> FlaskClient:
        return self.staff(Role.REVIEWER)

    def admin(self) -> FlaskClient:
        return self.staff(Role.ADMIN)

    def department(self, department_uscc: str | None = None) -> FlaskClient:
        return self.staff(Role.DEPARTMENT, department_uscc=department_uscc)

    def enterprise(self, email: str | None = None, password: str | None = None) -> FlaskClient:
        """A fresh client signed in to the enterprise area (a confirmed account is made when `email` is new)."""
        from portal.models.enterprise import EnterpriseAccount
        from tests import factories

        known = email and db.session.scalar(sa.select(EnterpriseAccount.id).where(EnterpriseAccount.email == email))
        if not known:
            email = factories.EnterpriseAccountFactory(**({"email": email} if email else {})).email
        client = self.app.test_client()
        form = {"email": email, "password": password or factories.PASSWORD}
        response = post_form(client, "/enterprise/login", form)
        assert response.status_code == 302, response.get_data(as_text=True)[:800]
        return client

    def citizen(self) -> FlaskClient:
        """The anonymous public: a fresh client with no session."""
        return self.app.test_client()


@pytest.fixture
def auth(app: Flask, client: FlaskClient) -> AuthActions:
    app.test_client_class = FreshClient  # several users in one test: nobody inherits another's `g`
    return AuthActions(app, client)
