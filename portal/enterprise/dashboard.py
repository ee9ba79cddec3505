""""My credit": every record of a bound subject, public or not, with dates, what leaves publicity and when,
repair eligibility by the same rule as the repair form, and the subject's open objections and repairs.

Applications naming the subject may come from anyone, without an account (objections) or anonymously (complaints):
the enterprise sees that one exists (kind, status, dates, the public record it concerns), never the applicant's
free text (description, the description of a missing record) nor who they are. Only staff see those (issue 15).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus
from portal.domain.states import OPEN_STATUSES, SubmissionKind, SubmissionStatus
from portal.models import Subject, SubjectBinding, Submission
from portal.reports.content import display_status, open_marks
from portal.submissions.targets import Eligibility, RecordRef, Target, repair_eligibility

LIMIT = 300  # per kind; the full credit report lists everything
SOON_DAYS = 90


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # penalty | permit | list
    id: int
    title: str
    summary: str
    authority: str
    decided_on: date
    status: str  # display status: published, under_objection, expired, repaired, withdrawn, not_public…
    public_until: date | None
    leaves_on: date | None  # first day it is no longer public (public records only)
    category: str | None
    severity: str | None
    eligibility: Eligibility | None  # None: repair does not apply (not public, permit, red list)
    marks: tuple[str, ...] = ()

    @property
    def is_public(self) -> bool:
        return self.status in ("published", "under_objection")


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    """What the enterprise may know of an application naming its subject: no text, no contact, no staff notes."""

    tracking_no: str
    kind: SubmissionKind
    status: SubmissionStatus
    record_title: str | None  # the public record's 文号 or list name, None for a described (missing) record
    submitted_on: date
    due_on: date

    @classmethod
    def of(cls, submission: Submission) -> SubmissionRow:
        # record_ref is the applicant's own description of a record: free text, like the description itself.
        title = submission.record_title if submission.record_id is not None else None
        return cls(submission.tracking_no, submission.kind, submission.status, title, submission.submitted_on,
                   submission.due_on)  # fmt: skip


@dataclass(frozen=True)
class Dashboard:
    binding: SubjectBinding
    subject: Subject | None
    rows: dict[str, list[Row]]  # penalty, permit, list
    truncated: bool
    leaving_soon: list[Row]
    repairable: list[Row]
    submissions: list[SubmissionRow]
    counts: dict[str, int] = field(default_factory=dict)


def _eligibility(spec: kinds.KindSpec, record: Any, status: str, today: date) -> Eligibility | None:
    if status not in ("published", "under_objection"):
        return None
    category = record.category if spec.by_list_category else None
    if not spec.repairable or category is ListCategory.REDLIST:
        return None
    target = Target(RecordRef(spec.kind.value, record.id), "", "", None, "", "", record.day,
                    RecordStatus(record.status), getattr(record, "severity", None), category)  # fmt: skip
    return repair_eligibility(target, today)


def _rows(session: Session, spec: kinds.KindSpec, subject_id: int, today: date) -> tuple[list[Row], bool]:
    model, kind = spec.model, spec.kind.value
    query = sa.select(model).where(model.subject_id == subject_id).order_by(model.day.desc(), model.id.desc())
    records = list(session.scalars(query.limit(LIMIT + 1)))
    marks = open_marks(session, kind, (r.id for r in records[:LIMIT]))
    rows = []
    for r in records[:LIMIT]:
        status = display_status(r.status, r.public_from, r.public_until, today)
        public = status in ("published", "under_objection")
        severity = getattr(r, "severity", None)
        rows.append(Row(
            kind, r.id, getattr(r, spec.title_attr), getattr(r, spec.summary_attr), r.authority_name, r.day, status,
            r.public_until, r.public_until + timedelta(days=1) if public and r.public_until else None,
            r.category.value if spec.by_list_category else None, severity.value if severity is not None else None,
            _eligibility(spec, r, status, today), tuple(sorted(marks.get(r.id, set()))),
        ))  # fmt: skip
    return rows, len(records) > LIMIT


def build(session: Session, binding: SubjectBinding, *, today: date) -> Dashboard:
    subject = session.scalar(sa.select(Subject).where(Subject.uscc == binding.uscc))
    rows: dict[str, list[Row]] = {spec.kind.value: [] for spec in kinds.specs()}
    truncated = False
    if subject is not None:
        for spec in kinds.specs():
            rows[spec.kind.value], cut = _rows(session, spec, subject.id, today)
            truncated = truncated or cut
    every = [r for kind_rows in rows.values() for r in kind_rows]
    soon = today + timedelta(days=SOON_DAYS)
    leaving = sorted((r for r in every if r.leaves_on and r.leaves_on <= soon and kinds.spec(r.kind).repairable),
                     key=lambda r: r.leaves_on or today)  # fmt: skip
    repairable = sorted(  # those that can be repaired now first, then by the first possible day
        (r for r in every if r.eligibility is not None and r.eligibility.reason in ("eligible", "too_early")),
        key=lambda r: (not r.eligibility.eligible, r.eligibility.possible_from or today),  # type: ignore[union-attr]
    )
    submissions = [SubmissionRow.of(found) for found in session.scalars(
        sa.select(Submission).where(Submission.subject_uscc == binding.uscc,
                                    Submission.kind.in_((SubmissionKind.OBJECTION, SubmissionKind.REPAIR)))
        .order_by(Submission.status.in_(OPEN_STATUSES).desc(), Submission.submitted_on.desc()).limit(50)
    )]  # fmt: skip
    counts = {
        "total": len(every),
        "public": sum(1 for r in every if r.is_public),
        "not_public": sum(1 for r in every if not r.is_public),
        "open_submissions": sum(1 for s in submissions if s.status in OPEN_STATUSES),
    }
    return Dashboard(binding, subject, rows, truncated, leaving, repairable, submissions, counts)
