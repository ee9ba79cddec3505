"""Hits of the screening for a department: the list with feedback states, feedback (措施 taken), statistics.

Scope as in portal/watch/lists.py: a department's USCC, or None for 信用办 staff (every department, read only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import screening
from portal.domain.screening import FeedbackState
from portal.models import AuditEntry, WatchHit, WatchList

PER_PAGE = 50


class HitNotFound(Exception):
    """No such hit in the caller's scope."""


@dataclass(frozen=True, slots=True)
class HitRow:
    hit: WatchHit
    state: FeedbackState


@dataclass(frozen=True, slots=True)
class HitPage:
    rows: list[HitRow]
    total: int
    page: int
    pages: int


def _scoped(query: sa.Select, department: str | None) -> sa.Select:  # type: ignore[type-arg]
    return query if department is None else query.where(WatchHit.department_uscc == department)


def _state_filter(query: sa.Select, state: str | None, today: date) -> sa.Select:  # type: ignore[type-arg]
    if state == FeedbackState.OVERDUE:
        return query.where(WatchHit.feedback_on.is_(None), WatchHit.feedback_due_on < today)
    if state == FeedbackState.OPEN:
        return query.where(WatchHit.feedback_on.is_(None), WatchHit.feedback_due_on >= today)
    if state == "answered":
        return query.where(WatchHit.feedback_on.is_not(None))
    return query


def page_of_hits(session: Session, department: str | None, *, today: date, state: str | None = None,
                 page: int = 1) -> HitPage:  # fmt: skip
    query = _state_filter(_scoped(sa.select(WatchHit), department), state, today)
    total = int(session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(max(page, 1), pages)
    hits = session.scalars(query.order_by(WatchHit.found_on.desc(), WatchHit.id.desc())
                           .limit(PER_PAGE).offset((page - 1) * PER_PAGE))  # fmt: skip
    rows = [HitRow(h, screening.feedback_state(h.feedback_due_on, h.feedback_on, today)) for h in hits]
    return HitPage(rows, total, page, pages)


def load(session: Session, hit_id: int, department: str | None) -> WatchHit:
    found = session.scalar(_scoped(sa.select(WatchHit).where(WatchHit.id == hit_id), department))
    if found is None:
        raise HitNotFound(hit_id)
    return found


def record_feedback(session: Session, hit_id: int, department: str, text: str, *, actor: str,
                    actor_id: int | None, today: date, now: datetime) -> WatchHit:  # fmt: skip
    """Records (or corrects) the department's feedback; the first answer day decides lateness.

    Raises HitNotFound for a hit of another department, WatchError for empty, long or hostile text.
    """
    hit = load(session, hit_id, department)
    hit.feedback = screening.check_feedback(text)
    if hit.feedback_on is None:
        hit.feedback_on = today
    hit.feedback_by, hit.feedback_at = actor[:254], now
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="watch_hit_feedback",
                           target=f"watch_hit:{hit.id}", reason=None, at=now))  # fmt: skip
    return hit


@dataclass(frozen=True, slots=True)
class StatsRow:
    department_uscc: str
    department_name: str
    hits: int
    answered: int
    answered_late: int
    overdue: int  # no feedback and past the deadline
    open: int  # no feedback, within the deadline


def statistics(session: Session, department: str | None, *, today: date, since: date | None = None,
               until: date | None = None) -> list[StatsRow]:  # fmt: skip
    """Per department (hits found from `since` to `until`, inclusive): hits, fed back (late ones too), overdue."""
    answered = WatchHit.feedback_on.is_not(None)
    query = (
        sa.select(
            WatchHit.department_uscc,
            sa.func.count(WatchHit.id),
            sa.func.sum(sa.case((answered, 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(answered, WatchHit.feedback_on > WatchHit.feedback_due_on), 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(~answered, WatchHit.feedback_due_on < today), 1), else_=0)),
        )
        .group_by(WatchHit.department_uscc)
        .order_by(WatchHit.department_uscc)
    )
    if since is not None:
        query = query.where(WatchHit.found_on >= since)
    if until is not None:
        query = query.where(WatchHit.found_on <= until)
    names = dict(session.execute(
        _scoped_lists(sa.select(WatchList.department_uscc, sa.func.max(WatchList.department_name))
                      .group_by(WatchList.department_uscc), department)
    ).all())  # fmt: skip
    rows = []
    for dept, hits, done, late, overdue in session.execute(_scoped(query, department)):
        done, late, overdue = int(done or 0), int(late or 0), int(overdue or 0)
        rows.append(StatsRow(dept, names.get(dept, dept), hits, done, late, overdue, hits - done - overdue))
    return rows


def _scoped_lists(query: sa.Select, department: str | None) -> sa.Select:  # type: ignore[type-arg]
    return query if department is None else query.where(WatchList.department_uscc == department)
