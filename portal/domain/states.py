"""Submission kinds, statuses and outcomes, and the transition table per kind (DOMAIN §7, §8, §9).

已提交 submitted → 已受理 accepted | 不予受理 rejected_intake → 核查中 verifying → 已办结 closed (with an outcome).
Pure: plain values in, plain values out; who may act is in portal/domain/roles.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.domain.errors import DomainError


class SubmissionKind(StrEnum):
    OBJECTION = "objection"  # 信用异议
    COMPLAINT = "complaint"  # 投诉举报
    REPAIR = "repair"  # 信用修复


class SubmissionStatus(StrEnum):
    SUBMITTED = "submitted"  # 已提交
    ACCEPTED = "accepted"  # 已受理
    REJECTED_INTAKE = "rejected_intake"  # 不予受理
    VERIFYING = "verifying"  # 核查中
    CLOSED = "closed"  # 已办结


class Outcome(StrEnum):
    """How a closed submission ended; which outcomes a kind allows is in OUTCOMES."""

    CORRECTED = "corrected"  # objection: the record is corrected (更正)
    WITHDRAWN = "withdrawn"  # objection: the record is withdrawn (撤销)
    UPHELD = "upheld"  # objection rejected, the record is kept (维持)
    APPROVED = "approved"  # repair: 准予修复
    REFUSED = "refused"  # repair: 不予修复
    SUBSTANTIATED = "substantiated"  # complaint: 属实
    UNSUBSTANTIATED = "unsubstantiated"  # complaint: 不属实


class Action(StrEnum):
    """What staff do to a submission; each action is one transition (or none, for remind and note)."""

    ACCEPT = "accept"
    REJECT = "reject"  # 不予受理
    VERIFY = "verify"  # forward to the department / start verification
    CLOSE = "close"
    REMIND = "remind"  # 催办: no status change
    NOTE = "note"  # 核查意见 or any remark: no status change


S = SubmissionStatus
# (from, action) → to; the same for every kind: the kinds differ in their outcomes (DOMAIN §7–§9).
TRANSITIONS: dict[tuple[SubmissionStatus, Action], SubmissionStatus] = {
    (S.SUBMITTED, Action.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, Action.REJECT): S.REJECTED_INTAKE,
    (S.ACCEPTED, Action.VERIFY): S.VERIFYING,
    (S.VERIFYING, Action.CLOSE): S.CLOSED,
}
KINDS_TRANSITIONS: dict[SubmissionKind, dict[tuple[SubmissionStatus, Action], SubmissionStatus]] = {
    kind: dict(TRANSITIONS) for kind in SubmissionKind
}
OUTCOMES: dict[SubmissionKind, tuple[Outcome, ...]] = {
    SubmissionKind.OBJECTION: (Outcome.CORRECTED, Outcome.WITHDRAWN, Outcome.UPHELD),
    SubmissionKind.REPAIR: (Outcome.APPROVED, Outcome.REFUSED),
    SubmissionKind.COMPLAINT: (Outcome.SUBSTANTIATED, Outcome.UNSUBSTANTIATED),
}
FINAL_STATUSES = frozenset({S.REJECTED_INTAKE, S.CLOSED})
OPEN_STATUSES = frozenset(set(SubmissionStatus) - FINAL_STATUSES)
# Actions without a status change are allowed while the submission is open.
NON_TRANSITIONS = frozenset({Action.REMIND, Action.NOTE})

# Project defaults in working days (configurable per deployment): objection 2+2+10+2 = 16 WD (DOMAIN §7),
# complaint 15 WD (DOMAIN §8, suggested), repair 15 WD (忻州 Art. 22, DOMAIN §9).
DUE_WORKDAYS: dict[SubmissionKind, int] = {
    SubmissionKind.OBJECTION: 16,
    SubmissionKind.COMPLAINT: 15,
    SubmissionKind.REPAIR: 15,
}


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"


class OutcomeNotAllowed(DomainError):
    code = "outcome_not_allowed"


@dataclass(frozen=True, slots=True)
class Transition:
    from_status: SubmissionStatus
    to_status: SubmissionStatus
    outcome: Outcome | None


def allowed_actions(kind: SubmissionKind, status: SubmissionStatus) -> tuple[Action, ...]:
    """The actions possible on a submission of `kind` in `status`, in a stable order."""
    found = [a for (s, a) in KINDS_TRANSITIONS[kind] if s == status]
    if status in OPEN_STATUSES:
        found += [Action.REMIND, Action.NOTE]
    return tuple(a for a in Action if a in found)


def next_status(
    kind: SubmissionKind, status: SubmissionStatus, action: Action, outcome: Outcome | None = None
) -> Transition:
    """The transition `action` makes from `status`; raises TransitionNotAllowed or OutcomeNotAllowed.

    CLOSE needs an outcome of the kind; every other action takes none.
    """
    if action in NON_TRANSITIONS:
        if status not in OPEN_STATUSES:
            raise TransitionNotAllowed("办结后不能再操作", status=status, action=action)
        if outcome is not None:
            raise OutcomeNotAllowed("该操作没有办理结果", action=action)
        return Transition(status, status, None)
    target = KINDS_TRANSITIONS[kind].get((status, action))
    if target is None:
        raise TransitionNotAllowed("当前状态不允许该操作", status=status, action=action)
    if action is Action.CLOSE:
        if outcome not in OUTCOMES[kind]:
            raise OutcomeNotAllowed("办理结果与事项类别不符", kind=kind, outcome=outcome)
        return Transition(status, target, outcome)
    if outcome is not None:
        raise OutcomeNotAllowed("该操作没有办理结果", action=action)
    return Transition(status, target, None)


def due_workdays(kind: SubmissionKind, overrides: dict[str, int] | None = None) -> int:
    """Working days from submission to the due date: the deployment's setting, else the project default."""
    if overrides and kind.value in overrides:
        value = int(overrides[kind.value])
        if value < 0:
            raise DomainError("办理期限不能为负数", kind=kind, value=value)
        return value
    return DUE_WORKDAYS[kind]
