"""Development mail (issue 19): without an SMTP server, e-mails go to the console and instance/mail/*.eml; tests
never send (TestConfig's in-memory notifier, and the autouse guard in tests/conftest.py)."""

from __future__ import annotations

import email
import email.policy
import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from portal import create_app, notify
from portal.extensions import db, limiter
from tests.conftest import post_form
from tests.enterprise.helpers import OWNER, link_in, make_account


@pytest.fixture
def dev_app(tmp_path: Path) -> Iterator[Flask]:
    """What `make run` starts (PORTAL_ENV unset = development), on a database in tmp_path."""
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'portal.db'}",
        "SEARCH_DIR": str(tmp_path / "search"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "MAIL_DIR": str(tmp_path / "mail"),
    })  # fmt: skip
    with app.app_context():
        db.create_all()
        limiter.reset()
        yield app
        db.session.remove()
        db.engine.dispose()


def saved(folder: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted(folder.glob("*.eml"))]  # fmt: skip


def test_development_writes_the_reset_mail_to_the_console_and_an_eml_file(
    dev_app: Flask, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert isinstance(dev_app.extensions["notifier"], notify.FileNotifier)
    make_account()
    client = dev_app.test_client()
    assert post_form(client, "/enterprise/password", {"email": OWNER}).status_code == 200
    mails = saved(tmp_path / "mail")
    assert len(mails) == 1
    message = mails[0]
    assert message["To"] == OWNER
    assert message["Subject"] == "重置密码"  # zh_CN: the default locale
    body = message.get_content()
    link = link_in(body)
    assert link.startswith("/enterprise/password/")
    console = capsys.readouterr().err
    assert link in console
    assert OWNER in console
    assert client.get(link).status_code == 200  # the link from the file opens the reset form
    assert not list((tmp_path / "mail").glob(".*.part"))  # written to a temporary name, then renamed


def test_the_default_mail_folder_is_in_the_instance_folder(tmp_path: Path) -> None:
    notifier = notify.make_notifier({"MAIL_DIR": "mail"}, str(tmp_path))
    assert isinstance(notifier, notify.FileNotifier)
    assert notifier.send_email("a@example.com", "Hello", "Line one\nline two 中文") is True
    (message,) = saved(tmp_path / "mail")
    assert message.get_content().strip() == "Line one\nline two 中文"


def test_an_smtp_server_wins_over_the_mail_folder_and_production_only_logs() -> None:
    assert isinstance(notify.make_notifier({"MAIL_DIR": "mail", "MAIL_SERVER": "smtp.example"}), notify.SmtpNotifier)
    assert isinstance(notify.make_notifier({}), notify.LogNotifier)  # production: no MAIL_DIR


def test_tests_use_the_memory_notifier_even_with_a_mail_server(tmp_path: Path) -> None:
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_SERVER": "smtp.example",
                      "SEARCH_DIR": str(tmp_path / "search")})  # fmt: skip
    assert isinstance(app.extensions["notifier"], notify.MemoryNotifier)


def test_a_real_smtp_connection_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="tests never send mail"):
        smtplib.SMTP("127.0.0.1", 25)
