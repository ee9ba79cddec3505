"""The screening e-mail: one message per department listing its new hits, to every active user of the department.

Rendered in the site's default language (a department has no language setting); links come from PUBLIC_BASE_URL,
never from a request's Host header. The hits page itself requires signing in, so the mail holds no more than the
department may see there.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from flask import Flask, render_template, url_for
from flask_babel import force_locale, ngettext

from portal.domain.roles import Role
from portal.extensions import db
from portal.i18n import WATCH_SOURCE_LABELS
from portal.models import User, WatchHit
from portal.notify import Notifier
from portal.watch.screen import Sender

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def recipients(department_uscc: str) -> list[str]:
    return list(db.session.scalars(
        sa.select(User.email).where(User.role == Role.DEPARTMENT, User.department_uscc == department_uscc,
                                    User.is_active.is_(True)).order_by(User.email)
    ))  # fmt: skip


def hits_sender(app: Flask, notifier: Notifier) -> Sender:
    """The `send` callable of screen.run: False (retried next run) when the department has no active user or a
    delivery fails."""
    base_url = str(app.config.get("PUBLIC_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    locale = str(app.config.get("BABEL_DEFAULT_LOCALE") or "zh_CN")

    def send(department_uscc: str, hits: Sequence[WatchHit], total: int) -> bool:
        to = recipients(department_uscc)
        if not to:
            return False
        with app.test_request_context("/", base_url=base_url), force_locale(locale):
            title = ngettext("Watch-list screening: %(num)s new hit", "Watch-list screening: %(num)s new hits",
                             total)  # fmt: skip
            body = render_template("email/watch_hits.txt.html", hits=hits, more=total - len(hits),
                                   source_labels=WATCH_SOURCE_LABELS,
                                   hits_url=url_for("watch.hits", _external=True))  # fmt: skip
        delivered = [notifier.send_email(address, title, body) for address in to]
        return any(delivered)

    return send
