"""A stored credit check read back for the page, the API and the CSV download (scoped to its department)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import joint
from portal.domain.errors import DomainError
from portal.models import CheckedSubject, CheckFeedback, CheckHit, CheckNote, CreditCheck, Measure

PAGE_SIZE = 50
MAX_ID = 2**31 - 1  # larger ids (from URLs or JSON) cannot exist and overflow SQLite's integer binding


class CheckNotFound(DomainError):
    """No such check, or one of another department (the same answer, so ids cannot be probed)."""

    code = "not_found"


@dataclass(frozen=True, slots=True)
class MeasureView:
    id: int
    item: str
    measure: str
    stage: str | None
    basis: str | None
    office: str | None
    mode: str  # mandatory | recommended
    version: int


@dataclass(frozen=True, slots=True)
class FeedbackView:
    outcome: str
    measure_id: int | None
    reason: str | None
    answered_on: date
    actor: str


@dataclass(frozen=True)
class HitView:
    hit: CheckHit
    measures: list[MeasureView]
    feedback: FeedbackView | None


@dataclass(frozen=True)
class RowView:
    row: CheckedSubject
    hits: list[HitView] = field(default_factory=list)
    notes: list[CheckNote] = field(default_factory=list)  # 行政强制, 违诺, honours found then (portal/joint/notes.py)

    def notes_for(self, role: str) -> list[CheckNote]:
        return [note for note in self.notes if note.role == role]


@dataclass(frozen=True)
class CheckView:
    check: CreditCheck
    rows: list[RowView]
    overdue: bool


def parse_measure_ids(value: str) -> list[tuple[int, str]]:
    """ "id:mode,…" of a hit → [(id, mode)]."""
    pairs = []
    for part in (value or "").split(","):
        measure_id, _sep, mode = part.partition(":")
        if measure_id.isdigit():
            pairs.append((int(measure_id), mode or joint.Mode.MANDATORY.value))
    return pairs


def load_check(session: Session, check_id: int, department_uscc: str | None) -> CreditCheck:
    """The check; `department_uscc` None = any department (staff of the 信用办). Raises CheckNotFound."""
    check = session.get(CreditCheck, check_id) if 0 < check_id <= MAX_ID else None
    if check is None or (department_uscc is not None and check.department_uscc != department_uscc):
        raise CheckNotFound("核查记录不存在", check_id=check_id)
    return check


def is_overdue(check: CreditCheck, today: date) -> bool:
    return check.hits > 0 and joint.is_overdue(check.feedback_due_on, today, check.feedback_completed_on)


def check_view(
    session: Session, check_id: int, department_uscc: str | None, *, today: date, hits_only: bool = False
) -> CheckView:
    """Every line of the check (or only lines with hits) with its hits, measures and feedback."""
    check = load_check(session, check_id, department_uscc)
    query = sa.select(CheckedSubject).where(CheckedSubject.check_id == check.id)
    if hits_only:
        query = query.where(CheckedSubject.hits > 0)
    rows = list(session.scalars(query.order_by(CheckedSubject.line_no, CheckedSubject.id)))
    hits = list(session.scalars(sa.select(CheckHit).where(CheckHit.check_id == check.id).order_by(CheckHit.id)))
    feedback = {
        f.hit_id: f for f in session.scalars(sa.select(CheckFeedback).where(CheckFeedback.check_id == check.id))
    }
    wanted = {mid for h in hits for mid, _mode in parse_measure_ids(h.measure_ids)}
    measures = (
        {m.id: m for m in session.scalars(sa.select(Measure).where(Measure.id.in_(sorted(wanted))))} if wanted else {}
    )
    by_row: dict[int, list[HitView]] = {}
    for hit in hits:
        views = [
            MeasureView(m.id, m.item, m.measure, m.stage, m.basis, m.office, mode, m.version)
            for mid, mode in parse_measure_ids(hit.measure_ids)
            if (m := measures.get(mid)) is not None
        ]
        answer = feedback.get(hit.id)
        answer_view = (
            FeedbackView(answer.outcome, answer.measure_id, answer.reason, answer.answered_on, answer.actor)
            if answer is not None
            else None
        )
        by_row.setdefault(hit.checked_subject_id, []).append(HitView(hit, views, answer_view))
    notes: dict[int, list[CheckNote]] = {}
    for note in session.scalars(sa.select(CheckNote).where(CheckNote.check_id == check.id).order_by(CheckNote.id)):
        notes.setdefault(note.checked_subject_id, []).append(note)
    views = [RowView(r, by_row.get(r.id, []), notes.get(r.id, [])) for r in rows]
    return CheckView(check, views, is_overdue(check, today))


@dataclass(frozen=True)
class CheckPage:
    items: list[CreditCheck]
    page: int
    pages: int
    total: int


def list_checks(session: Session, department_uscc: str | None, *, page: int = 1) -> CheckPage:
    """Newest first, PAGE_SIZE per page; `department_uscc` None = every department."""
    where = [CreditCheck.department_uscc == department_uscc] if department_uscc is not None else []
    total = int(session.scalar(sa.select(sa.func.count()).select_from(CreditCheck).where(*where)) or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    query = (
        sa.select(CreditCheck)
        .where(*where)
        .order_by(CreditCheck.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return CheckPage(list(session.scalars(query)), page, pages, total)
