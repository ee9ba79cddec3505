"""Record detail pages and subject profiles: one public record or subject, or None (the route answers 404).

A record that is not public today and an id that does not exist give the same None, so nothing can be probed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.kinds import RecordKind, SubjectKind
from portal.models import Subject
from portal.public.presenters import (
    ListEntryDetail,
    PenaltyDetail,
    PermitDetail,
    PublicRecord,
    PublicSubject,
    present_subject,
)
from portal.visibility import public_on

TIMELINE_LIMIT = 100  # per kind, newest first; the counts stay exact
USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
PUBLIC_ID_SHAPE = re.compile(r"^[A-Za-z0-9_-]{8,24}$")


def detail(session: Session, today: date, kind: str, record_id: int) -> Any:
    """The detail presenter of a record public today (the kind's present_detail), or None."""
    spec = kinds.spec(kind)
    model = spec.model
    query = (
        sa.select(model, Subject)
        .join(Subject, Subject.id == model.subject_id)
        .where(model.id == record_id, public_on(model, today))
    )
    found = session.execute(query).first()
    return spec.present_detail(*found) if found else None


# Typed shortcuts for callers that know the kind (the chat's 文号 lookup, tests).
def penalty_detail(session: Session, today: date, record_id: int) -> PenaltyDetail | None:
    return detail(session, today, RecordKind.PENALTY, record_id)  # type: ignore[no-any-return]


def permit_detail(session: Session, today: date, record_id: int) -> PermitDetail | None:
    return detail(session, today, RecordKind.PERMIT, record_id)  # type: ignore[no-any-return]


def list_entry_detail(session: Session, today: date, record_id: int) -> ListEntryDetail | None:
    return detail(session, today, RecordKind.LIST_ENTRY, record_id)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Profile:
    subject: PublicSubject
    counts: dict[str, int]  # one key per kind, but one per list category instead of "list" (profile_counts)
    timeline: list[PublicRecord]  # every public record, newest first (up to TIMELINE_LIMIT per kind)
    truncated: bool = False
    by_kind: dict[str, list[PublicRecord]] = field(default_factory=dict)
    limit: int = TIMELINE_LIMIT


def _profile(session: Session, today: date, subject: Subject) -> Profile | None:
    counts: dict[str, int] = {}
    by_kind: dict[str, list[PublicRecord]] = {}
    truncated = False
    for spec in kinds.specs():
        key, model = spec.kind.value, spec.model
        where = (model.subject_id == subject.id, public_on(model, today))
        query = sa.select(model).where(*where).order_by(model.day.desc(), model.id.desc()).limit(TIMELINE_LIMIT + 1)
        records = list(session.scalars(query))
        truncated = truncated or len(records) > TIMELINE_LIMIT
        by_kind[key] = [spec.present(r, subject) for r in records[:TIMELINE_LIMIT]]
        if spec.profile_counts is not None:
            counts.update(spec.profile_counts(session, where))
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
