"""The daily digest: per subscriber, the changes of every followed subject since its last reported snapshot.

At most one digest per subscriber and day. A follow's snapshot moves forward only after its digest was handed to
the notifier, so a failed delivery is retried by the next run; running the command twice sends nothing new.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.follows import services, snapshots
from portal.models import Follow, Subject, Subscriber
from portal.public.presenters import PublicRecord, PublicSubject, present_subject

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SubjectChanges:
    subject: PublicSubject
    added: list[PublicRecord]
    changed: list[PublicRecord]
    stopped: dict[str, int]  # kind -> count; the records themselves are no longer public, so never described
    unsubscribe_token: str
    alerts: frozenset[str] = frozenset()  # "<kind>:<id>" of the added records to point out (a 违诺)

    def needs_attention(self, record: PublicRecord) -> bool:
        return f"{record.kind.value}:{record.id}" in self.alerts


@dataclass(frozen=True, slots=True)
class Digest:
    email: str
    locale: str
    day: date
    items: list[SubjectChanges]
    unsubscribe_all_token: str

    @property
    def change_count(self) -> int:
        return sum(len(i.added) + len(i.changed) + sum(i.stopped.values()) for i in self.items)


@dataclass
class DigestSummary:
    subscribers: int = 0
    sent: int = 0
    failed: int = 0
    changes: int = 0
    skipped_today: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def line(self) -> str:
        return f"subscribers={self.subscribers} sent={self.sent} failed={self.failed} changes={self.changes}"


def _active_follows(session: Session) -> list[tuple[Follow, Subscriber]]:
    query = (
        sa.select(Follow, Subscriber)
        .join(Subscriber, Subscriber.id == Follow.subscriber_id)
        .where(Follow.confirmed_at.is_not(None), Follow.unsubscribed_at.is_(None))
        .order_by(Follow.subscriber_id, Follow.subject_id)
    )
    return [(f, s) for f, s in session.execute(query)]


def run(session: Session, *, today: date, now: datetime, secret: str, send: Callable[[Digest], bool]) -> DigestSummary:
    """Send one digest to every subscriber with changes on `today`; commits per subscriber."""
    summary = DigestSummary()
    rows = _active_follows(session)
    current = snapshots.public_snapshots(session, {f.subject_id for f, _s in rows}, today)
    subject_ids = {f.subject_id for f, _s in rows}
    subjects = {s.id: s for s in session.scalars(sa.select(Subject).where(Subject.id.in_(subject_ids)))}
    for _subscriber_id, group in groupby(rows, key=lambda row: row[1].id):
        pairs = list(group)
        subscriber = pairs[0][1]
        summary.subscribers += 1
        if subscriber.last_digest_on is not None and subscriber.last_digest_on >= today:
            summary.skipped_today += 1  # one digest a day; later changes wait for tomorrow's
            continue
        pending = [(f, snapshots.diff(snapshots.load(f.snapshot), current[f.subject_id])) for f, _s in pairs]
        pending = [(f, changes) for f, changes in pending if changes]
        if not pending:
            continue
        keys = [k for _f, changes in pending for k in (*changes.added, *changes.changed)]
        presented = snapshots.present_keys(session, keys, today)
        items = [
            SubjectChanges(
                present_subject(subjects[f.subject_id]),
                [presented[k] for k in changes.added if k in presented],
                [presented[k] for k in changes.changed if k in presented],
                dict(changes.stopped),
                services.unsubscribe_token(secret, f),
                changes.alerts,
            )
            for f, changes in pending
        ]
        digest = Digest(subscriber.email, subscriber.locale, today, items,
                        services.unsubscribe_all_token(secret, subscriber))  # fmt: skip
        if not send(digest):
            summary.failed += 1  # the snapshots stay: the next run reports the same changes again
            continue
        for follow, _changes in pending:
            follow.snapshot = snapshots.dump(current[follow.subject_id])
            follow.snapshot_on = today
        subscriber.last_digest_on = today
        session.commit()
        summary.sent += 1
        summary.changes += digest.change_count
    log.info("follow digest for %s: %s", today.isoformat(), summary.line)
    return summary
