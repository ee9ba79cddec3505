"""Effects of decisions on the public record, in the caller's transaction (DOMAIN §5.4, §7, §9).

Each change of a record's status writes a RecordHistory row (from, to, actor, reason), an AuditEntry and a
SearchOutbox row, so the search index follows (a withdrawn or repaired record leaves it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.publicity import RecordStatus, shift_end
from portal.domain.states import Outcome, SubmissionKind, SubmissionStatus, Transition
from portal.models import AuditEntry, RecordHistory, SearchOutbox, Submission

_OPEN = (SubmissionStatus.ACCEPTED, SubmissionStatus.VERIFYING)


@dataclass(frozen=True, slots=True)
class Effect:
    """What happened to the record; `note` is a stable code shown to staff (translated at the edge)."""

    from_status: RecordStatus | None = None
    to_status: RecordStatus | None = None
    shifted_days: int = 0
    note: str | None = None


def _other_open_objections(session: Session, submission: Submission) -> bool:
    query = sa.select(Submission.id).where(
        Submission.kind == SubmissionKind.OBJECTION,
        Submission.record_kind == submission.record_kind,
        Submission.record_id == submission.record_id,
        Submission.status.in_(_OPEN),
        Submission.id != submission.id,
    )
    return session.scalar(query.limit(1)) is not None


def _change(session: Session, record, to: RecordStatus, *, submission: Submission, actor: str,  # type: ignore[no-untyped-def]
            reason: str, now: datetime, kind: str, extra: dict[str, object] | None = None) -> RecordStatus:  # fmt: skip
    old = record.status
    snapshot = {"status": old.value, "public_until": record.public_until, "suspended_days": record.suspended_days}
    session.add(RecordHistory(
        record_kind=kind, record_id=record.id, version=record.version,
        data=json.dumps({**snapshot, **(extra or {})}, default=str, ensure_ascii=False),
        from_status=old.value, to_status=to.value, actor=actor,
        reason=f"{submission.tracking_no}：{reason}", changed_at=now,
    ))  # fmt: skip
    record.status = to
    session.add(AuditEntry(actor=actor, action=f"record_{to.value}", target=f"{kind}:{record.id}",
                           reason=f"{submission.tracking_no}：{reason}", at=now))  # fmt: skip
    session.add(SearchOutbox(record_kind=kind, record_id=record.id, created_at=now))
    return old


def apply(
    session: Session, submission: Submission, transition: Transition, *, actor: str, reason: str, today: date,
    now: datetime,
) -> Effect:
    """Changes the record a submission is about, as its decision requires; no commit (the caller's transaction)."""
    spec = kinds.find(submission.record_kind)
    if spec is None or submission.record_id is None:
        return Effect()
    kind = spec.kind.value
    model = spec.model
    record = session.scalar(sa.select(model).where(model.id == submission.record_id).with_for_update())
    if record is None:
        return Effect(note="record_missing")
    args = {"submission": submission, "actor": actor, "reason": reason, "now": now, "kind": kind}
    to = transition.to_status
    if submission.kind is SubmissionKind.OBJECTION and to is SubmissionStatus.ACCEPTED:
        # 异议标注 at once; the record stays visible with the mark (DOMAIN §5.4, §7).
        if record.status is RecordStatus.PUBLISHED:
            return Effect(_change(session, record, RecordStatus.UNDER_OBJECTION, **args), RecordStatus.UNDER_OBJECTION)
        return Effect(note="already_marked" if record.status is RecordStatus.UNDER_OBJECTION else "not_published")
    if submission.kind is SubmissionKind.OBJECTION and to is SubmissionStatus.CLOSED:
        return _close_objection(session, submission, record, transition.outcome, today, args)
    if submission.kind is SubmissionKind.REPAIR and transition.outcome is Outcome.APPROVED:
        # 准予修复: publicity stops at once (DOMAIN §5.2, §9); the record is never deleted.
        if record.status in (RecordStatus.PUBLISHED, RecordStatus.UNDER_OBJECTION):
            return Effect(_change(session, record, RecordStatus.REPAIRED, **args), RecordStatus.REPAIRED)
        return Effect(note="not_published")
    return Effect()


def _close_objection(session: Session, submission: Submission, record, outcome: Outcome | None,  # type: ignore[no-untyped-def]
                     today: date, args: dict) -> Effect:  # type: ignore[type-arg]  # fmt: skip
    marked = record.status is RecordStatus.UNDER_OBJECTION
    others = _other_open_objections(session, submission)
    if outcome is Outcome.WITHDRAWN:
        # 撤销: wrong information leaves public view at once (DOMAIN §7).
        if record.status in (RecordStatus.PUBLISHED, RecordStatus.UNDER_OBJECTION):
            return Effect(_change(session, record, RecordStatus.WITHDRAWN, **args), RecordStatus.WITHDRAWN)
        return Effect(note="not_published")
    if outcome is Outcome.CORRECTED:
        # The corrected values come from the source, which re-imports the record (same natural key, new version).
        if marked and not others:
            return Effect(_change(session, record, RecordStatus.PUBLISHED, **args), RecordStatus.PUBLISHED,
                          note="correction_by_reimport")  # fmt: skip
        return Effect(note="correction_by_reimport")
    # 维持 (objection rejected): the period continues from today; its end moves by the suspended days (§7).
    start = submission.accepted_on or submission.submitted_on
    days = max((today - start).days, 0)
    submission.suspended_days = days
    extra = {"shifted_days": days}
    if days:
        record.suspended_days = (record.suspended_days or 0) + days
        if record.public_until is not None:
            record.public_until = shift_end(record.public_until, days)
    if marked and not others:
        return Effect(_change(session, record, RecordStatus.PUBLISHED, extra=extra, **args), RecordStatus.PUBLISHED,
                      shifted_days=days)  # fmt: skip
    if days:
        session.add(SearchOutbox(record_kind=args["kind"], record_id=record.id, created_at=args["now"]))
    return Effect(shifted_days=days, note="still_marked" if marked else None)
