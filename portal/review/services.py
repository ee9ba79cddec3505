"""Back-office use cases: queues, the detail of a submission, decisions (one transaction each), downloads.

A verifier sees only its department's submissions, and only once they were accepted; anything it may not see is
reported as not found, so ids cannot be probed. Who may do what is portal.domain.roles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from portal.domain import roles
from portal.domain.errors import DomainError
from portal.domain.roles import Role
from portal.domain.states import (
    FINAL_STATUSES,
    Action,
    Outcome,
    SubmissionKind,
    SubmissionStatus,
    allowed_actions,
    next_status,
)
from portal.domain.workdays import WorkCalendar
from portal.models import Attachment, AuditEntry, Submission, SubmissionEvent, User
from portal.review import effects

log = logging.getLogger(__name__)
QUEUE_LIMIT = 500
_VERIFIER_STATUSES = (SubmissionStatus.ACCEPTED, SubmissionStatus.VERIFYING, SubmissionStatus.CLOSED)


class NotFound(DomainError):
    code = "not_found"


class Forbidden(DomainError):
    code = "forbidden"


class ReasonRequired(DomainError):
    code = "reason_required"


class DepartmentRequired(DomainError):
    code = "department_required"


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    email: str
    role: Role
    department_uscc: str | None


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.email, user.role, user.department_uscc)


def _visible(actor: Actor) -> list[sa.ColumnElement[bool]]:
    if roles.sees_only_own_department(actor.role):
        return [Submission.department_uscc == actor.department_uscc, Submission.status.in_(_VERIFIER_STATUSES)]
    return []


@dataclass(frozen=True, slots=True)
class QueueItem:
    id: int
    tracking_no: str
    kind: SubmissionKind
    status: SubmissionStatus
    outcome: Outcome | None
    subject_name: str | None
    department_name: str | None
    submitted_on: date
    due_on: date
    workdays_left: int | None  # None once closed
    overdue: bool
    reminders: int


def _deadline(submission: Submission, today: date, calendar: WorkCalendar) -> tuple[int | None, bool]:
    if submission.status in FINAL_STATUSES:
        return None, False
    left = calendar.workdays_between(today, submission.due_on)
    return left, submission.due_on < today


def queue(
    session: Session, actor: Actor, *, today: date, calendar: WorkCalendar, status: SubmissionStatus | None = None,
    kind: SubmissionKind | None = None, overdue_only: bool = False,
) -> list[QueueItem]:
    """The work queue: open items by due date first (the most urgent on top), then closed ones."""
    query = sa.select(Submission).where(*_visible(actor))
    if status is not None:
        query = query.where(Submission.status == status)
    if kind is not None:
        query = query.where(Submission.kind == kind)
    if overdue_only:
        query = query.where(Submission.due_on < today, Submission.status.not_in(sorted(FINAL_STATUSES)))
    closed_last = sa.case((Submission.status.in_(sorted(FINAL_STATUSES)), 1), else_=0)
    query = query.order_by(closed_last, Submission.due_on, Submission.id).limit(QUEUE_LIMIT)
    items = []
    for s in session.scalars(query):
        left, overdue = _deadline(s, today, calendar)
        items.append(QueueItem(s.id, s.tracking_no, s.kind, s.status, s.outcome, s.subject_name, s.department_name,
                               s.submitted_on, s.due_on, left, overdue, s.reminders))  # fmt: skip
    return items


@dataclass(frozen=True, slots=True)
class Identity:
    name: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class Detail:
    submission: Submission  # loaded with events and attachments; templates autoescape every text
    identity: Identity | None  # None: the actor may not see who submitted (or nobody is named)
    anonymous: bool
    actions: tuple[Action, ...]  # allowed by both the state machine and the actor's role
    may_download: bool
    workdays_left: int | None
    overdue: bool


def _load(session: Session, actor: Actor, submission_id: int, *, lock: bool = False) -> Submission:
    query = sa.select(Submission).where(Submission.id == submission_id, *_visible(actor))
    if lock:
        query = query.with_for_update()
    else:
        query = query.options(selectinload(Submission.events), selectinload(Submission.attachments))
    found = session.scalar(query)
    if found is None:
        raise NotFound("找不到该事项", submission_id=submission_id)
    return found


def detail(session: Session, actor: Actor, submission_id: int, *, today: date, calendar: WorkCalendar) -> Detail:
    s = _load(session, actor, submission_id)
    identity = None
    if roles.may_see_identity(actor.role) and not s.anonymous:
        identity = Identity(s.contact_name, s.contact_phone, s.contact_email)
    actions = tuple(a for a in allowed_actions(s.kind, s.status) if roles.may(actor.role, a))
    left, overdue = _deadline(s, today, calendar)
    return Detail(s, identity, s.anonymous, actions, roles.may_download(actor.role, s.kind), left, overdue)


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    reason: str
    outcome: Outcome | None = None
    department_uscc: str | None = None
    department_name: str | None = None


@dataclass(frozen=True, slots=True)
class ActResult:
    submission_id: int
    tracking_no: str
    status: SubmissionStatus
    outcome: Outcome | None
    effect: effects.Effect
    notify_applicant: str | None  # e-mail of a named applicant when the result is available (DOMAIN §8: ≤ 3 WD)
    notify_staff: tuple[str, ...]  # verifiers of the department (催办)


def act(
    session: Session, actor: Actor, submission_id: int, decision: Decision, *, today: date, now: datetime
) -> ActResult:
    """One staff action in one transaction: checks role and state machine, records the event and the audit
    entry, applies the effect on the public record, commits. Raises NotFound, Forbidden, TransitionNotAllowed,
    OutcomeNotAllowed, ReasonRequired or DepartmentRequired (nothing is written then).
    """
    try:
        s = _load(session, actor, submission_id, lock=True)
        if not roles.may(actor.role, decision.action):
            raise Forbidden("无权执行该操作", action=decision.action)
        reason = (decision.reason or "").strip()
        if not reason:
            raise ReasonRequired("须填写理由")
        transition = next_status(s.kind, s.status, decision.action, decision.outcome)
        if decision.action is Action.VERIFY:
            if roles.sees_only_own_department(actor.role):
                pass  # a verifier takes up its own department's item; the department stays
            elif decision.department_uscc:
                s.department_uscc, s.department_name = decision.department_uscc, decision.department_name
            if not s.department_uscc:
                raise DepartmentRequired("须指定核查部门")
        effect = effects.Effect()
        if transition.to_status is not transition.from_status:
            s.status = transition.to_status
            if transition.to_status is SubmissionStatus.ACCEPTED:
                s.accepted_on = today
            if transition.to_status in FINAL_STATUSES:
                s.outcome, s.closed_at, s.decision_reason = transition.outcome, now, reason
            effect = effects.apply(session, s, transition, actor=actor.email, reason=reason, today=today, now=now)
        staff: tuple[str, ...] = ()
        if decision.action is Action.REMIND:
            s.reminders += 1
            s.last_reminded_at = now
            staff = _department_staff(session, s.department_uscc)
        session.add(SubmissionEvent(submission_id=s.id, action=decision.action.value,
                                    from_status=transition.from_status, to_status=transition.to_status,
                                    actor=actor.email, reason=reason, at=now))  # fmt: skip
        session.add(AuditEntry(actor=actor.email, actor_id=actor.id, action=decision.action.value,
                               target=f"submission:{s.id}", reason=reason, at=now))  # fmt: skip
        s.updated_at = now
        result = ActResult(
            s.id, s.tracking_no, s.status, s.outcome, effect,
            s.contact_email if transition.to_status in FINAL_STATUSES and not s.anonymous else None, staff,
        )  # fmt: skip
        session.commit()
    except BaseException:
        session.rollback()
        raise
    log.info("submission %s: %s by user=%s", result.submission_id, decision.action.value, actor.id)
    return result


def _department_staff(session: Session, department_uscc: str | None) -> tuple[str, ...]:
    if not department_uscc:
        return ()
    query = sa.select(User.email).where(
        User.role == Role.VERIFIER, User.department_uscc == department_uscc, User.is_active.is_(True)
    )
    return tuple(session.scalars(query))


def attachment(session: Session, actor: Actor, submission_id: int, attachment_id: int) -> Attachment:
    """An attachment the actor may download (audited); raises NotFound or Forbidden."""
    s = _load(session, actor, submission_id)
    if not roles.may_download(actor.role, s.kind):
        raise Forbidden("无权下载该附件")
    found = next((a for a in s.attachments if a.id == attachment_id), None)
    if found is None:
        raise NotFound("找不到该附件")
    session.add(AuditEntry(actor=actor.email, actor_id=actor.id, action="download",
                           target=f"attachment:{found.id}"))  # fmt: skip
    session.commit()
    return found


def audit_log(session: Session, *, limit: int = 200) -> list[AuditEntry]:
    return list(session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
