"""The submission state machine (portal.domain.states) and the role table (portal.domain.roles): pure rules."""

from __future__ import annotations

import itertools

import pytest

from portal.domain.errors import DomainError
from portal.domain.roles import Role, may, may_download, may_see_identity, sees_only_own_department
from portal.domain.states import (
    DUE_WORKDAYS,
    OUTCOMES,
    Action,
    Outcome,
    OutcomeNotAllowed,
    SubmissionKind,
    SubmissionStatus,
    TransitionNotAllowed,
    allowed_actions,
    due_workdays,
    next_status,
)

K, S, A, OC = SubmissionKind, SubmissionStatus, Action, Outcome

ALLOWED = {
    (S.SUBMITTED, A.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, A.REJECT): S.REJECTED_INTAKE,
    (S.ACCEPTED, A.VERIFY): S.VERIFYING,
    (S.VERIFYING, A.CLOSE): S.CLOSED,
}
STATUS_CHANGES = (A.ACCEPT, A.REJECT, A.VERIFY, A.CLOSE)


@pytest.mark.parametrize("kind", list(K))
@pytest.mark.parametrize(("status", "action"), list(itertools.product(S, STATUS_CHANGES)))
def test_every_status_change_is_allowed_exactly_as_the_table_says(
    kind: SubmissionKind, status: SubmissionStatus, action: Action
) -> None:
    outcome = OUTCOMES[kind][0] if action is A.CLOSE else None
    if (status, action) in ALLOWED:
        transition = next_status(kind, status, action, outcome)
        assert (transition.from_status, transition.to_status, transition.outcome) == (
            status, ALLOWED[(status, action)], outcome
        )
    else:
        with pytest.raises(TransitionNotAllowed) as caught:
            next_status(kind, status, action, outcome)
        assert caught.value.code == "transition_not_allowed"


@pytest.mark.parametrize(("kind", "outcome"), [(k, o) for k in K for o in OC])
def test_closing_accepts_only_the_outcomes_of_the_kind(kind: SubmissionKind, outcome: Outcome) -> None:
    if outcome in OUTCOMES[kind]:
        assert next_status(kind, S.VERIFYING, A.CLOSE, outcome).outcome is outcome
    else:
        with pytest.raises(OutcomeNotAllowed):
            next_status(kind, S.VERIFYING, A.CLOSE, outcome)


def test_the_outcomes_of_each_kind() -> None:
    assert OUTCOMES[K.OBJECTION] == (OC.CORRECTED, OC.WITHDRAWN, OC.UPHELD)
    assert OUTCOMES[K.REPAIR] == (OC.APPROVED, OC.REFUSED)
    assert OUTCOMES[K.COMPLAINT] == (OC.SUBSTANTIATED, OC.UNSUBSTANTIATED)


@pytest.mark.parametrize("kind", list(K))
def test_closing_without_an_outcome_is_refused(kind: SubmissionKind) -> None:
    with pytest.raises(OutcomeNotAllowed):
        next_status(kind, S.VERIFYING, A.CLOSE, None)


@pytest.mark.parametrize("action", [A.ACCEPT, A.REJECT, A.VERIFY, A.REMIND, A.NOTE])
def test_an_outcome_is_refused_on_any_other_action(action: Action) -> None:
    status = S.ACCEPTED if action is A.VERIFY else S.SUBMITTED
    with pytest.raises(OutcomeNotAllowed):
        next_status(K.OBJECTION, status, action, OC.CORRECTED)


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", [A.REMIND, A.NOTE])
def test_remind_and_note_keep_the_status_and_only_while_open(status: SubmissionStatus, action: Action) -> None:
    if status in (S.CLOSED, S.REJECTED_INTAKE):
        with pytest.raises(TransitionNotAllowed):
            next_status(K.COMPLAINT, status, action)
    else:
        t = next_status(K.COMPLAINT, status, action)
        assert t.from_status == t.to_status == status


def test_allowed_actions_per_status() -> None:
    assert allowed_actions(K.REPAIR, S.SUBMITTED) == (A.ACCEPT, A.REJECT, A.REMIND, A.NOTE)
    assert allowed_actions(K.REPAIR, S.ACCEPTED) == (A.VERIFY, A.REMIND, A.NOTE)
    assert allowed_actions(K.REPAIR, S.VERIFYING) == (A.CLOSE, A.REMIND, A.NOTE)
    assert allowed_actions(K.REPAIR, S.CLOSED) == ()
    assert allowed_actions(K.REPAIR, S.REJECTED_INTAKE) == ()


def test_due_workdays_defaults_and_overrides() -> None:
    assert DUE_WORKDAYS == {K.OBJECTION: 16, K.COMPLAINT: 15, K.REPAIR: 15}  # DOMAIN §7, §8, §9
    assert due_workdays(K.OBJECTION) == 16
    assert due_workdays(K.OBJECTION, {"objection": 15}) == 15
    assert due_workdays(K.COMPLAINT, {"objection": 15}) == 15
    with pytest.raises(DomainError):
        due_workdays(K.REPAIR, {"repair": -1})


ROLE_ACTIONS = {
    Role.INTAKE: {A.ACCEPT, A.REJECT, A.VERIFY, A.REMIND, A.NOTE},
    Role.VERIFIER: {A.VERIFY, A.NOTE},
    Role.REVIEWER: {A.CLOSE, A.REMIND, A.NOTE},
    Role.ADMIN: set(A),
    Role.DEPARTMENT: set(),  # 联合奖惩 only: no submission work
}


@pytest.mark.parametrize(("role", "action"), list(itertools.product(Role, A)))
def test_each_role_may_do_exactly_its_actions(role: Role, action: Action) -> None:
    assert may(role, action) is (action in ROLE_ACTIONS[role])


def test_reporter_identity_and_complaint_attachments_are_for_the_credit_office_only() -> None:
    assert {r for r in Role if may_see_identity(r)} == {Role.INTAKE, Role.REVIEWER, Role.ADMIN}
    assert not may_download(Role.VERIFIER, K.COMPLAINT)
    assert may_download(Role.VERIFIER, K.OBJECTION)
    assert may_download(Role.VERIFIER, K.REPAIR)
    assert [r for r in Role if sees_only_own_department(r)] == [Role.VERIFIER, Role.DEPARTMENT]
