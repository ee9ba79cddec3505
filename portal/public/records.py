"""Record detail pages and subject profiles: one public record or subject, or None (the route answers 404).

A record that is not public today and an id that does not exist give the same None, so nothing can be probed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.kinds import ListCategory, SubjectKind
from portal.models import ListEntry, Penalty, Permit, Subject
from portal.public.presenters import (
    ListEntryDetail,
    PenaltyDetail,
    PermitDetail,
    PublicRecord,
    PublicSubject,
    present_list_entry,
    present_list_entry_detail,
    present_penalty,
    present_penalty_detail,
    present_permit,
    present_permit_detail,
    present_subject,
)
from portal.visibility import public_on

TIMELINE_LIMIT = 100  # per kind, newest first; the counts stay exact
USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
PUBLIC_ID_SHAPE = re.compile(r"^[A-Za-z0-9_-]{8,24}$")


def _one(session: Session, model, record_id: int, today: date):  # type: ignore[no-untyped-def]
    query = (
        sa.select(model, Subject)
        .join(Subject, Subject.id == model.subject_id)
        .where(model.id == record_id, public_on(model, today))
    )
    return session.execute(query).first()


def penalty_detail(session: Session, today: date, record_id: int) -> PenaltyDetail | None:
    found = _one(session, Penalty, record_id, today)
    return present_penalty_detail(*found) if found else None


def permit_detail(session: Session, today: date, record_id: int) -> PermitDetail | None:
    found = _one(session, Permit, record_id, today)
    return present_permit_detail(*found) if found else None


def list_entry_detail(session: Session, today: date, record_id: int) -> ListEntryDetail | None:
    found = _one(session, ListEntry, record_id, today)
    return present_list_entry_detail(*found) if found else None


@dataclass(frozen=True)
class Profile:
    subject: PublicSubject
    counts: dict[str, int]  # penalty, permit and one key per list category
    timeline: list[PublicRecord]  # every public record, newest first (up to TIMELINE_LIMIT per kind)
    truncated: bool = False
    by_kind: dict[str, list[PublicRecord]] = field(default_factory=dict)
    limit: int = TIMELINE_LIMIT


def _profile(session: Session, today: date, subject: Subject) -> Profile | None:
    counts: dict[str, int] = {}
    by_kind: dict[str, list[PublicRecord]] = {}
    truncated = False
    for key, model, day, present in (
        ("penalty", Penalty, Penalty.decided_on, present_penalty),
        ("permit", Permit, Permit.decided_on, present_permit),
        ("list", ListEntry, ListEntry.listed_on, present_list_entry),
    ):
        where = (model.subject_id == subject.id, public_on(model, today))
        query = sa.select(model).where(*where).order_by(day.desc(), model.id.desc()).limit(TIMELINE_LIMIT + 1)
        records = list(session.scalars(query))
        truncated = truncated or len(records) > TIMELINE_LIMIT
        by_kind[key] = [present(r, subject) for r in records[:TIMELINE_LIMIT]]
        if key == "list":
            grouped = sa.select(ListEntry.category, sa.func.count()).where(*where).group_by(ListEntry.category)
            per_category = {str(getattr(c, "value", c)): int(n) for c, n in session.execute(grouped)}
            counts.update({c.value: per_category.get(c.value, 0) for c in ListCategory})
        elif len(records) <= TIMELINE_LIMIT:
            counts[key] = len(records)
        else:
            counts[key] = int(session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0)
    if not any(counts.values()):
        return None  # no public record at all: the subject has no public profile
    timeline = sorted(
        (r for rows in by_kind.values() for r in rows), key=lambda r: (r.decided_on, r.kind, r.id), reverse=True
    )
    return Profile(present_subject(subject), counts, timeline, truncated, by_kind)


def profile_by_uscc(session: Session, today: date, uscc: str) -> Profile | None:
    """Profile of an organisation or business by its USCC; natural persons are reached only by public id."""
    if not USCC_SHAPE.match(uscc):
        return None
    subject = session.scalar(sa.select(Subject).where(Subject.uscc == uscc))
    if subject is None or subject.kind == SubjectKind.NATURAL_PERSON:
        return None
    return _profile(session, today, subject)


def subject_by_public_id(session: Session, public_id: str) -> Subject | None:
    if not PUBLIC_ID_SHAPE.match(public_id):
        return None
    return session.scalar(sa.select(Subject).where(Subject.public_id == public_id))


def profile_by_public_id(session: Session, today: date, public_id: str) -> Profile | None:
    subject = subject_by_public_id(session, public_id)
    return _profile(session, today, subject) if subject is not None else None
