"""tests/factories.py makes valid records by default, and the `auth` fixture signs in through the real forms."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain import uscc
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import ListEntry, Penalty, Permit
from portal.visibility import public_on
from tests import factories
from tests.conftest import TODAY, AuthActions


def test_subjects_get_distinct_uscc_with_correct_check_characters(app: Flask) -> None:
    subjects = factories.SubjectFactory.create_batch(3)
    assert len({s.uscc for s in subjects}) == 3
    assert all(uscc.is_valid(s.uscc) for s in subjects)


@pytest.mark.parametrize(
    ("made", "model"),
    [(factories.PenaltyFactory, Penalty), (factories.PermitFactory, Permit), (factories.ListEntryFactory, ListEntry)],
    ids=["penalty", "permit", "list"],
)
def test_records_are_public_on_today_by_default_and_not_when_asked(app: Flask, made, model) -> None:  # type: ignore[no-untyped-def]
    shown = made()
    hidden = made(status="not_public")
    public = set(db.session.scalars(sa.select(model.id).where(public_on(model, TODAY))))
    assert shown.id in public
    assert hidden.id not in public
    assert hidden.hold_reason == "测试"


def test_a_submission_points_at_its_penalty_and_its_department(app: Flask) -> None:
    submission = factories.SubmissionFactory()
    penalty = db.session.get(Penalty, submission.record_id)
    assert (submission.record_title, submission.department_uscc) == (penalty.decision_no, penalty.authority_uscc)


def test_auth_signs_in_each_role_through_the_forms(app: Flask, auth: AuthActions) -> None:
    assert auth.admin().get("/accounts/users").status_code == 200
    assert auth.reviewer().get("/accounts/users").status_code == 403
    assert auth.department().get("/joint/").status_code == 200
    assert auth.enterprise().get("/enterprise/").status_code == 200
    assert auth.citizen().get("/review/").status_code == 302  # anonymous: to the sign-in page
    refused = auth.login("nobody@example.gov.cn")
    assert refused.status_code == 401
    assert "电子邮箱或密码不正确" in refused.get_data(as_text=True)
    assert factories.UserFactory(role=Role.VERIFIER).department_uscc == factories.MARKET_DEPT[0]
