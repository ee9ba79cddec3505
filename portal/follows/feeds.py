"""The Atom feed of one subject: its public records today, newest change first, presented (masked) like the profile.

Each entry's id carries the record's version, so a feed reader shows a correction (变更) as a new item; a record
that stops being public simply leaves the feed (its details are no longer public, so no entry describes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal import kinds
from portal.clock import CHINA_TZ
from portal.domain.publicity import RecordStatus
from portal.follows.snapshots import alert_column
from portal.i18n import CATEGORY_LABELS, RECORD_STATUS_LABELS
from portal.models import Subject
from portal.public.presenters import PublicRecord, PublicSubject, present_subject
from portal.site_identity import site_name
from portal.visibility import public_on

FEED_LIMIT = 50


@dataclass(frozen=True, slots=True)
class FeedEntry:
    record: PublicRecord
    version: int
    updated: datetime
    title: str
    alert: bool = False  # news its kind points out to followers (a 违诺): titled so


@dataclass(frozen=True, slots=True)
class Feed:
    subject: PublicSubject
    entries: list[FeedEntry]
    updated: datetime
    title: str
    author: str


def kind_label(record: PublicRecord) -> str:
    spec = kinds.spec(record.kind)
    if spec.by_list_category:
        return str(CATEGORY_LABELS.get(record.category or "", record.category or ""))
    return str(spec.label_one)


def entry_title(record: PublicRecord, alert: bool = False) -> str:
    title = _("%(kind)s: %(title)s", kind=kind_label(record), title=record.title)
    if alert:
        title = _("%(title)s (%(status)s)", title=title, status=_("needs attention"))
    if record.status == "under_objection":
        title = _("%(title)s (%(status)s)", title=title, status=RECORD_STATUS_LABELS[RecordStatus.UNDER_OBJECTION])
    return title


def _became_public(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA_TZ)


def subject_feed(session: Session, subject: Subject, today: date, limit: int = FEED_LIMIT) -> Feed | None:
    """The feed, or None when the subject has no public record today (the same 404 as its profile)."""
    entries: list[FeedEntry] = []
    for spec in kinds.specs():
        model = spec.model
        query = (
            sa.select(model, alert_column(spec))
            .where(model.subject_id == subject.id, public_on(model, today))
            .order_by(sa.func.coalesce(model.updated_at, model.created_at).desc(), model.id.desc())
            .limit(limit)
        )
        for record, alert in session.execute(query):
            presented = spec.present(record, subject)
            # A record published today by date changes the feed although no row was written.
            updated = max(record.updated_at, _became_public(record.public_from))
            title = entry_title(presented, bool(alert))
            entries.append(FeedEntry(presented, record.version, updated, title, bool(alert)))
    if not entries:
        return None
    entries.sort(key=lambda e: (e.updated, e.record.kind, e.record.id), reverse=True)
    entries = entries[:limit]
    shown = present_subject(subject)
    title = _("Credit records of %(name)s", name=shown.name)
    return Feed(shown, entries, entries[0].updated, title, site_name())
