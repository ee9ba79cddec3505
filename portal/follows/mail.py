"""The follow e-mails (confirmation, daily digest): rendered in the subscriber's language, sent by the Notifier.

Links are built from PUBLIC_BASE_URL (default http://127.0.0.1:5000), never from the request's Host header, so a
forged Host cannot turn a confirmation mail into a link to someone else's site.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, render_template, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from portal import kinds
from portal.follows.digest import Digest
from portal.follows.feeds import kind_label
from portal.notify import Notifier
from portal.public.presenters import PublicRecord, PublicSubject

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def base_url(app: Flask) -> str:
    return str(app.config.get("PUBLIC_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


def subject_link(subject: PublicSubject) -> str:
    if subject.uscc and subject.kind != "natural_person":
        return url_for("public.subject", uscc=subject.uscc, _external=True)
    return url_for("public.subject_by_id", public_id=subject.public_id, _external=True)


def record_link(record: PublicRecord) -> str:
    return url_for(kinds.spec(record.kind).detail_endpoint, record_id=record.id, _external=True)


def stopped_text(kind: str, count: int) -> str:
    return kinds.spec(kind).stopped_text(count)


def send_confirmation(notifier: Notifier, email: str, subject: PublicSubject, token: str, locale: str) -> bool:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with app.test_request_context("/", base_url=base_url(app)), force_locale(locale):
        title = _("Please confirm that you want to follow %(name)s", name=subject.name)
        body = render_template(
            "email/follow_confirm.txt.html",
            subject=subject,
            confirm_url=url_for("follows.confirm", token=token, _external=True),
            profile_url=subject_link(subject),
        )
    return notifier.send_email(email, title, body)


def digest_sender(app: Flask, notifier: Notifier) -> Callable[[Digest], bool]:
    """The `send` callable of digest.run: renders the digest in the subscriber's language and hands it over."""

    def send(digest: Digest) -> bool:
        with app.test_request_context("/", base_url=base_url(app)), force_locale(digest.locale):
            title = ngettext(
                "Credit alert: %(num)s change for the subjects you follow (%(day)s)",
                "Credit alert: %(num)s changes for the subjects you follow (%(day)s)",
                digest.change_count,
                day=digest.day.isoformat(),
            )
            body = render_template(
                "email/follow_digest.txt.html",
                digest=digest,
                subject_link=subject_link,
                record_link=record_link,
                kind_label=kind_label,
                stopped_text=stopped_text,
                unsubscribe_all_url=url_for(
                    "follows.unsubscribe_all", token=digest.unsubscribe_all_token, _external=True
                ),  # fmt: skip
            )
        return notifier.send_email(digest.email, title, body)

    return send
