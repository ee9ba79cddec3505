"""Notifications: e-mail through Flask-Mail-compatible SMTP settings, and a pluggable SMS hook.

The factory picks one Notifier (NOTIFIER = smtp | file | log | memory). Default: smtp when MAIL_SERVER is set; else
file when MAIL_DIR is set (DevelopmentConfig sets it, so `make run` writes mail to the console and instance/mail/);
else log. TestConfig always uses memory: tests never send.
"""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
import ssl
import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any, TextIO

from flask import Flask, current_app

log = logging.getLogger(__name__)
EXTENSION = "notifier"


@dataclass(frozen=True, slots=True)
class Message:
    channel: str  # email | sms
    to: str
    subject: str
    body: str


class Notifier(ABC):
    """Delivers one message to one person.

    Contract: never raises for a delivery failure (logs a WARNING without the address or the body, and returns
    False); never logs personal data; returns True when the message was handed over.
    """

    @abstractmethod
    def send_email(self, to: str, subject: str, body: str) -> bool: ...

    @abstractmethod
    def send_sms(self, to: str, text: str) -> bool: ...


class LogNotifier(Notifier):
    """Default without SMTP: records that a message would have gone out, with no address and no text."""

    def send_email(self, to: str, subject: str, body: str) -> bool:
        log.info("e-mail not sent (no MAIL_SERVER): %d characters", len(body))
        return False

    def send_sms(self, to: str, text: str) -> bool:
        log.info("SMS not sent (log-only SMS hook): %d characters", len(text))
        return False


class MemoryNotifier(Notifier):
    """Collects messages in `outbox` (tests, previews)."""

    def __init__(self) -> None:
        self.outbox: list[Message] = []

    def send_email(self, to: str, subject: str, body: str) -> bool:
        self.outbox.append(Message("email", to, subject, body))
        return True

    def send_sms(self, to: str, text: str) -> bool:
        self.outbox.append(Message("sms", to, "", text))
        return True


class FileNotifier(Notifier):
    """Development mail: every e-mail is printed to the console and written to `directory` as an .eml file.

    A fresh clone has no SMTP server, yet the enterprise flow needs the confirmation link: the developer copies it
    from the terminal or opens the .eml in a mail client. The console is not the log (portal/logs.py), so the
    no-personal-data rule of logging does not apply; never configure this notifier in production.
    """

    def __init__(self, directory: str | os.PathLike[str], sender: str = "noreply@localhost",
                 console: TextIO | None = None) -> None:  # fmt: skip
        self.directory = Path(directory)
        self.sender = sender
        self.console = console

    def _write(self, message: EmailMessage) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        # Sortable by time, unique under concurrent workers; written to a temporary name, then renamed, so a mail
        # client watching the folder never opens half a file.
        name = f"{_stamp()}-{secrets.token_hex(4)}.eml"
        path = self.directory / name
        part = path.with_name(f".{name}.part")
        part.write_bytes(bytes(message))
        os.replace(part, path)
        return path

    def _echo(self, text: str) -> None:
        stream = self.console or sys.stderr  # looked up at send time: test runners swap sys.stderr
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()

    def send_email(self, to: str, subject: str, body: str) -> bool:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain="localhost")
        message.set_content(body)
        try:
            path = self._write(message)
        except OSError as exc:
            log.warning("development e-mail not written: %s", type(exc).__name__)
            return False
        self._echo(f"----- e-mail (saved to {path}) -----\nTo: {to}\nSubject: {subject}\n\n{body}\n-----")
        return True

    def send_sms(self, to: str, text: str) -> bool:
        self._echo(f"----- SMS -----\nTo: {to}\n\n{text}\n-----")
        return True


def _stamp() -> str:
    from portal import clock  # the only place the app reads the clock

    return clock.now().strftime("%Y%m%dT%H%M%S%fZ")


class SmtpNotifier(LogNotifier):
    """E-mail by SMTP with the Flask-Mail setting names; SMS stays log-only until a gateway is plugged in."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.server = str(config["MAIL_SERVER"])
        self.port = int(config.get("MAIL_PORT") or 25)
        self.use_tls = bool(config.get("MAIL_USE_TLS"))
        self.use_ssl = bool(config.get("MAIL_USE_SSL"))
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.sender = str(config.get("MAIL_DEFAULT_SENDER") or f"noreply@{self.server}")

    def send_email(self, to: str, subject: str, body: str) -> bool:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        try:
            if self.use_ssl:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(self.server, self.port, timeout=10,
                                                      context=ssl.create_default_context())  # fmt: skip
            else:
                smtp = smtplib.SMTP(self.server, self.port, timeout=10)
            with smtp:
                if self.use_tls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(str(self.username), str(self.password or ""))
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("e-mail delivery failed: %s", type(exc).__name__)
            return False
        return True


def make_notifier(config: dict[str, Any], instance_path: str = ".") -> Notifier:
    """`instance_path`: where a relative MAIL_DIR lives (the instance folder)."""
    fallback = "file" if config.get("MAIL_DIR") else "log"
    choice = config.get("NOTIFIER") or ("smtp" if config.get("MAIL_SERVER") else fallback)
    if choice == "smtp":
        return SmtpNotifier(config)
    if choice == "memory":
        return MemoryNotifier()
    if choice == "file":
        directory = os.path.join(instance_path, str(config.get("MAIL_DIR") or "mail"))
        return FileNotifier(directory, str(config.get("MAIL_DEFAULT_SENDER") or "noreply@localhost"))
    return LogNotifier()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = make_notifier(app.config, app.instance_path)


def get_notifier() -> Notifier:
    return current_app.extensions[EXTENSION]  # type: ignore[no-any-return]
