"""Follow a subject: the form, the confirmation and unsubscribe links, and the per-subject Atom feed (HTTP glue)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock, urls
from portal.extensions import db, limiter
from portal.follows import feeds, mail, services
from portal.follows.forms import FollowForm
from portal.models import Subject
from portal.notify import get_notifier
from portal.public.presenters import present_subject
from portal.public.records import USCC_SHAPE

bp = Blueprint("follows", __name__)
DEFAULT_LIMIT = "5 per minute;30 per day"


def follow_limit() -> str:
    return str(current_app.config.get("RATELIMIT_FOLLOW") or DEFAULT_LIMIT)


def _settings() -> services.Settings:
    cfg = current_app.config
    return services.Settings(str(cfg["SECRET_KEY"]), int(cfg.get("FOLLOW_MAX_PER_ADDRESS") or 50))


def _subject_or_404(public_id: str) -> Subject:
    subject = services.followable_subject(db.session, public_id, clock.today())
    if subject is None:
        abort(404)
    return subject


@limiter.limit(follow_limit, methods=["POST"])
def follow(public_id: str) -> Any:
    subject = _subject_or_404(public_id)
    form = FollowForm()
    shown = present_subject(subject)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("follows/follow.html", form=form, subject=shown), status
    email = services.normalise_email(form.email.data)
    assert email is not None  # noqa: S101 - the form validated it
    locale = str(get_locale() or "zh_CN")
    user_id = int(current_user.id) if current_user.is_authenticated else None  # kept for a later "my follows" page
    try:
        result = services.subscribe(db.session, _settings(), email=email, subject=subject, now=clock.now(),
                                    locale=locale, user_id=user_id)  # fmt: skip
    except services.FollowLimitReached:
        form.email.errors = [*form.email.errors, _limit_message()]
        return render_template("follows/follow.html", form=form, subject=shown), 409
    if result.confirm_token:
        mail.send_confirmation(get_notifier(), email, shown, result.confirm_token, locale)
    # The same answer whatever the address's state, so the page reveals nothing about who follows what.
    return redirect(url_for("follows.sent", public_id=subject.public_id), code=303)


def _limit_message() -> str:
    return _("This address already follows the largest number of subjects allowed (%(max)s). "
             "Unsubscribe from one first.", max=_settings().max_follows)  # fmt: skip


def sent(public_id: str) -> Any:
    subject = _subject_or_404(public_id)
    return render_template("follows/sent.html", subject=present_subject(subject))


def _link_page(action: str, result: services.LinkResult) -> Any:
    subject = db.session.get(Subject, result.subject_id) if result.subject_id else None
    shown = present_subject(subject) if subject is not None else None
    status = 404 if result.state == "invalid" else 200
    return render_template("follows/link_result.html", action=action, state=result.state, subject=shown), status


def confirm(token: str) -> Any:
    result = services.confirm(db.session, str(current_app.config["SECRET_KEY"]), token[:512],
                              now=clock.now(), today=clock.today())  # fmt: skip
    return _link_page("confirm", result)


def unsubscribe(token: str) -> Any:
    result = services.unsubscribe(db.session, str(current_app.config["SECRET_KEY"]), token[:512], now=clock.now())
    return _link_page("unsubscribe", result)


def unsubscribe_all(token: str) -> Any:
    result = services.unsubscribe_all(db.session, str(current_app.config["SECRET_KEY"]), token[:512],
                                      now=clock.now())  # fmt: skip
    return _link_page("unsubscribe_all", result)


def _feed_response(subject: Subject | None) -> Any:
    found = feeds.subject_feed(db.session, subject, clock.today()) if subject is not None else None
    if found is None:
        abort(404)
    body = render_template("follows/feed.atom.xml", feed=found)
    return Response(body, mimetype="application/atom+xml")


def feed(public_id: str) -> Any:
    if not services.PUBLIC_ID.match(public_id):
        abort(404)
    return _feed_response(db.session.scalar(sa.select(Subject).where(Subject.public_id == public_id)))


def feed_by_uscc(uscc: str) -> Any:
    if not USCC_SHAPE.match(uscc):
        abort(404)
    subject = db.session.scalar(sa.select(Subject).where(Subject.uscc == uscc))
    if subject is not None and subject.kind.value == "natural_person":
        subject = None  # persons are reached by their opaque id only
    return _feed_response(subject)


# The patterns are in portal/urls.py (one table, also used to format links outside a request).
urls.register(
    bp,
    {
        "follow": follow,
        "sent": sent,
        "feed": feed,
        "feed_by_uscc": feed_by_uscc,
        "confirm": confirm,
        "unsubscribe": unsubscribe,
        "unsubscribe_all": unsubscribe_all,
    },
    methods={"follow": ["GET", "POST"]},
)
