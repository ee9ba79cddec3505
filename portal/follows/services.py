"""Use cases of following a subject: subscribe (double opt-in), confirm, unsubscribe; each commits once.

Links carry signed tokens (itsdangerous) naming the follow and its generation, so a link of an earlier subscription
never acts on a later one, a forged link is refused, and using a link twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.errors import DomainError
from portal.follows import snapshots
from portal.models import Follow, Subject, Subscriber
from portal.visibility import public_on

MAX_EMAIL = 254
CONFIRM_MAX_AGE = timedelta(days=7)
RESEND_AFTER = timedelta(minutes=10)  # one confirmation mail per follow in this time, however often the form is sent
PUBLIC_ID = re.compile(r"^[A-Za-z0-9_-]{8,24}$")
# RFC 5322 dot-atom local part (no leading, trailing or doubled dot) at a DNS name; no quoting, no IP literals.
_ATOM = r"[A-Za-z0-9!#$%&*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
EMAIL = re.compile(rf"^(?=[^@]{{1,64}}@){_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+$")


class FollowLimitReached(DomainError):
    code = "follow_limit"


@dataclass(frozen=True, slots=True)
class Settings:
    secret_key: str
    max_follows: int = 50


@dataclass(frozen=True, slots=True)
class Subscribed:
    """`confirm_token` is set when a confirmation e-mail must go out now (None: nothing to send)."""

    follow_id: int
    confirm_token: str | None
    already_active: bool


@dataclass(frozen=True, slots=True)
class LinkResult:
    """state: done (acted now) | unchanged (acted before: the link is idempotent) | invalid (forged or expired)."""

    state: str
    subject_id: int | None = None


def normalise_email(raw: str | None) -> str | None:
    """The address trimmed, NFKC (full-width ＠ → @) and lower-cased, or None when it is not a plain address."""
    if not raw:
        return None
    text = unicodedata.normalize("NFKC", raw).strip().lower()
    if len(text) > MAX_EMAIL or not EMAIL.match(text):
        return None
    return text


def _confirm_serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="follow-confirm")


def _unsubscribe_serializer(secret: str, scope: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=f"follow-unsubscribe-{scope}")


def unsubscribe_token(secret: str, follow: Follow) -> str:
    return str(_unsubscribe_serializer(secret, "one").dumps([follow.id, follow.generation]))


def _address_tag(email: str) -> str:
    """Binds a link to the address without putting the address into the URL (links end up in logs)."""
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def unsubscribe_all_token(secret: str, subscriber: Subscriber) -> str:
    return str(_unsubscribe_serializer(secret, "all").dumps([subscriber.id, _address_tag(subscriber.email)]))


def followable_subject(session: Session, public_id: str, today: date) -> Subject | None:
    """The subject with this public id when it has a public record today; None otherwise (the same 404)."""
    if not PUBLIC_ID.match(public_id or ""):
        return None
    subject = session.scalar(sa.select(Subject).where(Subject.public_id == public_id))
    return subject if subject is not None and has_public_record(session, subject.id, today) else None


def has_public_record(session: Session, subject_id: int, today: date) -> bool:
    for spec in kinds.specs():
        model = spec.model
        query = sa.select(model.id).where(model.subject_id == subject_id, public_on(model, today)).limit(1)
        if session.scalar(query) is not None:
            return True
    return False


def _subscriber(session: Session, email: str, locale: str, user_id: int | None, now: datetime) -> Subscriber:
    found = session.scalar(sa.select(Subscriber).where(Subscriber.email == email))
    if found is not None:
        found.locale = locale
        found.user_id = found.user_id or user_id
        return found
    subscriber = Subscriber(email=email, locale=locale, user_id=user_id, created_at=now, updated_at=now)
    try:
        with session.begin_nested():  # two requests for the same new address: the second reuses the first's row
            session.add(subscriber)
    except IntegrityError:
        return session.scalars(sa.select(Subscriber).where(Subscriber.email == email)).one()
    return subscriber


def _open_follows(session: Session, subscriber_id: int, now: datetime) -> int:
    """Active follows plus unconfirmed ones still in their confirmation window (stale ones do not block)."""
    query = (
        sa.select(sa.func.count())
        .select_from(Follow)
        .where(
            Follow.subscriber_id == subscriber_id,
            Follow.unsubscribed_at.is_(None),
            sa.or_(Follow.confirmed_at.is_not(None), Follow.confirm_sent_at >= now - CONFIRM_MAX_AGE),
        )
    )
    return int(session.scalar(query) or 0)


def subscribe(
    session: Session, settings: Settings, *, email: str, subject: Subject, now: datetime, locale: str = "zh_CN",
    user_id: int | None = None,
) -> Subscribed:  # fmt: skip
    """Start (or restart) following; idempotent for an active follow. Raises FollowLimitReached at the cap."""
    subscriber = _subscriber(session, email, locale, user_id, now)
    follow = session.scalar(
        sa.select(Follow).where(Follow.subscriber_id == subscriber.id, Follow.subject_id == subject.id)
    )
    if follow is not None and follow.is_active:
        session.commit()
        return Subscribed(follow.id, None, already_active=True)
    starting = follow is None or follow.unsubscribed_at is not None
    if starting and _open_follows(session, subscriber.id, now) >= settings.max_follows:
        session.rollback()
        raise FollowLimitReached(max=settings.max_follows)
    if follow is None:
        follow = Follow(subscriber_id=subscriber.id, subject_id=subject.id, generation=1, snapshot="{}",
                        created_at=now, updated_at=now)  # fmt: skip
        session.add(follow)
    elif follow.unsubscribed_at is not None:
        follow.generation += 1  # links of the earlier subscription stop acting on this one
        follow.unsubscribed_at = None
        follow.confirmed_at = None
        follow.confirm_sent_at = None
    elif follow.confirm_sent_at is not None and now - follow.confirm_sent_at < RESEND_AFTER:
        session.commit()
        return Subscribed(follow.id, None, already_active=False)  # a confirmation went out moments ago
    follow.confirm_sent_at = now
    session.flush()
    token = str(_confirm_serializer(settings.secret_key).dumps([follow.id, follow.generation]))
    session.commit()
    return Subscribed(follow.id, token, already_active=False)


def _follow_for(session: Session, payload: object) -> Follow | None:
    if not (isinstance(payload, list) and len(payload) == 2 and all(type(v) is int for v in payload)):
        return None
    follow = session.get(Follow, payload[0])
    return follow if follow is not None and follow.generation == payload[1] else None


def confirm(session: Session, secret: str, token: str, *, now: datetime, today: date) -> LinkResult:
    """Confirm a follow; alerts report changes from this moment on (the snapshot is taken now)."""
    try:
        payload = _confirm_serializer(secret).loads(token, max_age=int(CONFIRM_MAX_AGE.total_seconds()))
    except (SignatureExpired, BadSignature):
        return LinkResult("invalid")
    follow = _follow_for(session, payload)
    if follow is None or follow.unsubscribed_at is not None:
        return LinkResult("invalid")
    if follow.confirmed_at is not None:
        return LinkResult("unchanged", follow.subject_id)
    follow.confirmed_at = now
    follow.snapshot = snapshots.dump(snapshots.public_snapshots(session, [follow.subject_id], today)[follow.subject_id])
    follow.snapshot_on = today
    session.commit()
    return LinkResult("done", follow.subject_id)


def unsubscribe(session: Session, secret: str, token: str, *, now: datetime) -> LinkResult:
    """Stop one follow; using the link again (or after re-subscribing) changes nothing."""
    try:
        payload = _unsubscribe_serializer(secret, "one").loads(token)
    except BadSignature:
        return LinkResult("invalid")
    follow = _follow_for(session, payload)
    if follow is None:
        # A link of an earlier generation: that subscription has ended already.
        if isinstance(payload, list) and payload and type(payload[0]) is int and session.get(Follow, payload[0]):
            return LinkResult("unchanged")
        return LinkResult("invalid")
    if follow.unsubscribed_at is not None:
        return LinkResult("unchanged", follow.subject_id)
    follow.unsubscribed_at = now
    session.commit()
    return LinkResult("done", follow.subject_id)


def unsubscribe_all(session: Session, secret: str, token: str, *, now: datetime) -> LinkResult:
    """Stop every follow of one address (the link in each digest)."""
    try:
        payload = _unsubscribe_serializer(secret, "all").loads(token)
    except BadSignature:
        return LinkResult("invalid")
    if not (isinstance(payload, list) and len(payload) == 2 and type(payload[0]) is int):
        return LinkResult("invalid")
    subscriber = session.get(Subscriber, payload[0])
    if subscriber is None or _address_tag(subscriber.email) != payload[1]:
        return LinkResult("invalid")
    follows = session.scalars(
        sa.select(Follow).where(Follow.subscriber_id == subscriber.id, Follow.unsubscribed_at.is_(None))
    ).all()
    for follow in follows:
        follow.unsubscribed_at = now
    session.commit()
    return LinkResult("done" if follows else "unchanged")
