"""Fixtures of the 分级分类监管 tests: one subject per grade, two departments' users, staff, an enterprise owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain import uscc
from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus, Severity
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import Coercion, Department
from tests.conftest import TODAY, AuthActions
from tests.factories import MARKET_DEPT, ListEntryFactory, PenaltyFactory, SubjectFactory

OTHER_DEPT = ("11430200006123474L", "株洲市财政局")


def code(n: int) -> str:
    return uscc.make_uscc("91430200" + uscc.make_org_code(f"{50_000 + n:08d}"))  # clear of the factories


@dataclass
class World:
    d: str  # USCC of a blacklisted subject
    c: str  # a 一般 penalty 30 days ago
    a: str  # on a red list
    b: str  # no records
    coerced: str  # a 行政强制 in force, decided by the other department
    repaired: str  # a serious penalty that was repaired: counts no more


@pytest.fixture
def world(app: Flask, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    db.session.add_all([Department(uscc=MARKET_DEPT[0], name=MARKET_DEPT[1]),
                        Department(uscc=OTHER_DEPT[0], name=OTHER_DEPT[1])])  # fmt: skip
    db.session.commit()
    d = ListEntryFactory().subject_id
    c = PenaltyFactory(severity=Severity.GENERAL).subject_id
    a = ListEntryFactory(
        category=ListCategory.REDLIST, list_name="纳税信用A级纳税人", list_key="纳税信用A级纳税人"
    ).subject_id
    b = SubjectFactory()
    coerced = SubjectFactory()
    db.session.add(Coercion(subject_id=coerced.id, status=RecordStatus.NOT_PUBLIC, hold_reason="测试",
                            public_from=TODAY, public_until=TODAY, source_name=OTHER_DEPT[1],
                            source_uscc=OTHER_DEPT[0], row_hash="c" * 64, doc_no="株财强〔2026〕1号",
                            doc_key="株财强〔2026〕1号", categories="冻结存款、汇款", reason="欠缴", basis="法",
                            content="冻结", decided_on=TODAY - timedelta(days=10), authority_name=OTHER_DEPT[1],
                            authority_uscc=OTHER_DEPT[0]))  # fmt: skip
    repaired = PenaltyFactory(severity=Severity.SERIOUS, status=RecordStatus.REPAIRED).subject_id
    db.session.commit()
    from portal.models import Subject

    def of(subject_id: int) -> str:
        return str(db.session.get(Subject, subject_id).uscc)

    return World(of(d), of(c), of(a), str(b.uscc), str(coerced.uscc), of(repaired))


def english(client: FlaskClient) -> FlaskClient:
    """Pages in English, so tests can assert the exact messages (the catalogue test covers the Chinese)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def dept(auth: AuthActions, world: World) -> FlaskClient:
    return english(auth.staff(Role.DEPARTMENT, "dept@example.gov.cn", department_uscc=MARKET_DEPT[0]))


@pytest.fixture
def other_dept(auth: AuthActions, world: World) -> FlaskClient:
    return english(auth.staff(Role.DEPARTMENT, "other@example.gov.cn", department_uscc=OTHER_DEPT[0]))


@pytest.fixture
def admin(auth: AuthActions, world: World) -> FlaskClient:
    return english(auth.staff(Role.ADMIN, "admin@example.gov.cn"))
