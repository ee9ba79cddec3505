"""Notifications: e-mail through Flask-Mail-compatible SMTP settings, and a pluggable SMS hook.

The factory picks one Notifier (NOTIFIER = smtp | log | memory; default: smtp when MAIL_SERVER is set, else log).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

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


def make_notifier(config: dict[str, Any]) -> Notifier:
    choice = config.get("NOTIFIER") or ("smtp" if config.get("MAIL_SERVER") else "log")
    if choice == "smtp":
        return SmtpNotifier(config)
    if choice == "memory":
        return MemoryNotifier()
    return LogNotifier()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = make_notifier(app.config)


def get_notifier() -> Notifier:
    return current_app.extensions[EXTENSION]  # type: ignore[no-any-return]
