"""执行反馈 against a check: per hit, measure applied, not applicable or not applied, with a reason (DOMAIN §11)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import joint
from portal.domain.text import has_control_chars
from portal.joint.results import load_check, parse_measure_ids
from portal.models import AuditEntry, CheckFeedback, CheckHit

MAX_ITEMS = 1000


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    hit_id: int
    outcome: str
    measure_id: int | None
    reason: str


def record_feedback(
    session: Session,
    check_id: int,
    department_uscc: str | None,
    items: Sequence[FeedbackItem],
    *,
    actor: str,
    actor_id: int | None,
    today: date,
    now: datetime,
) -> int:
    """Record (or correct) feedback on hits of the check; returns how many hits of the check have feedback.

    Raises CheckNotFound for a check of another department, FeedbackError (with `hit_id`) for a bad item; nothing
    is stored unless every item is valid. A correction keeps the first answer day, which decides lateness.
    """
    if not items:
        raise joint.FeedbackError("没有反馈内容", reason="empty")
    if len(items) > MAX_ITEMS:
        raise joint.FeedbackError("反馈条目过多", reason="too_many")
    check = load_check(session, check_id, department_uscc)
    hit_ids = [item.hit_id for item in items]
    if len(set(hit_ids)) != len(hit_ids):
        raise joint.FeedbackError("同一命中记录重复反馈", reason="duplicate")
    hits = {
        h.id: h
        for h in session.scalars(sa.select(CheckHit).where(CheckHit.check_id == check.id, CheckHit.id.in_(hit_ids)))
    }
    existing = {f.hit_id: f for f in session.scalars(sa.select(CheckFeedback).where(CheckFeedback.hit_id.in_(hit_ids)))}
    for item in items:
        hit = hits.get(item.hit_id)
        if hit is None:
            raise joint.FeedbackError("命中记录不属于该核查", reason="hit", hit_id=item.hit_id)
        if has_control_chars(item.reason):
            raise joint.FeedbackError("理由含有控制字符", reason="reason", hit_id=item.hit_id)
        allowed = [mid for mid, _mode in parse_measure_ids(hit.measure_ids)]
        try:
            joint.check_feedback(item.outcome, item.reason, item.measure_id, allowed)
        except joint.FeedbackError as exc:
            exc.params["hit_id"] = item.hit_id
            raise
    for item in items:
        answer = existing.get(item.hit_id)
        if answer is None:
            answer = CheckFeedback(hit_id=item.hit_id, check_id=check.id, answered_on=today)
            session.add(answer)
        answer.outcome, answer.measure_id = item.outcome, item.measure_id
        answer.reason, answer.actor, answer.answered_at = item.reason.strip() or None, actor[:254], now
    session.flush()
    done = int(
        session.scalar(sa.select(sa.func.count()).select_from(CheckFeedback).where(CheckFeedback.check_id == check.id))
        or 0
    )
    check.feedback_done = done
    if done >= check.hits and check.feedback_completed_on is None:
        check.feedback_completed_on = today
    session.add(
        AuditEntry(
            actor=actor[:254],
            actor_id=actor_id,
            action="check_feedback",
            target=f"credit_check:{check.id}",
            reason=f"{len(items)}",
            at=now,
        )
    )
    session.commit()
    return done
