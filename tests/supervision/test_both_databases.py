"""Grading, the snapshot and a draw on SQLite and on PostgreSQL: the same grades, counts and sample."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.grading import Grade
from portal.domain.grading_rules import DEFAULT_RULE_SET
from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus, Severity
from portal.domain.sampling import parse_population
from portal.extensions import db
from portal.models import DrawItem, GradeCount
from portal.supervision import draws, grading, stats
from tests.conftest import TODAY
from tests.factories import MARKET_DEPT, ListEntryFactory, PenaltyFactory, SubjectFactory

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def graded_site(app_any_db: Flask) -> dict[str, int]:
    return {
        "d": ListEntryFactory().subject_id,
        "d_old_serious": PenaltyFactory(severity=Severity.SERIOUS, decided_on=TODAY - timedelta(days=1000)).subject_id,
        "c": PenaltyFactory(severity=Severity.GENERAL).subject_id,
        "c_objected": PenaltyFactory(severity=Severity.GENERAL, status=RecordStatus.UNDER_OBJECTION).subject_id,
        "b_old": PenaltyFactory(severity=Severity.GENERAL, decided_on=TODAY - timedelta(days=500)).subject_id,
        "a": ListEntryFactory(
            category=ListCategory.REDLIST, list_name="守合同重信用企业", list_key="守合同重信用企业"
        ).subject_id,
        "b": SubjectFactory().id,
    }


def test_grades_snapshot_and_draw_agree_on_both_databases(graded_site: dict[str, int]) -> None:
    ids = list(graded_site.values())
    grades = {k: grading.grade_ids(db.session, ids, DEFAULT_RULE_SET, TODAY)[v].grade for k, v in graded_site.items()}
    assert grades == {"d": Grade.D, "d_old_serious": Grade.D, "c": Grade.C, "c_objected": Grade.C, "b_old": Grade.B,
                      "a": Grade.A, "b": Grade.B}  # fmt: skip
    everyone = {sid: r.grade for _s, chunk in grading.grade_everyone(db.session, DEFAULT_RULE_SET, TODAY, chunk=3)
                for sid, r in chunk.items()}  # fmt: skip
    assert everyone == {graded_site[k]: g for k, g in grades.items()}

    snapshot = stats.take_snapshot(db.session, TODAY, now=NOW)
    stats.take_snapshot(db.session, TODAY, now=NOW)  # the same day again replaces it
    counts = dict(db.session.execute(sa.select(GradeCount.grade, GradeCount.count).where(
        GradeCount.department_uscc == MARKET_DEPT[0], GradeCount.area_code == "")).all())  # fmt: skip
    assert counts == {Grade.D: 1, Grade.C: 2, Grade.B: 1}  # the market regulator's penalised subjects
    assert snapshot.subjects == 7

    from portal.models import Subject

    codes = list(db.session.scalars(sa.select(Subject.uscc).order_by(Subject.id)))
    draw = draws.create_draw(db.session, MARKET_DEPT[0], "两库一致", parse_population(enumerate(codes, start=1)),
                             actor="t", actor_id=None, day=TODAY, now=NOW, seed="fixed-seed")  # fmt: skip
    items = draws.items(db.session, draw)
    assert draws.reproduce(draw, items)
    drawn = sorted(db.session.scalars(sa.select(DrawItem.uscc).where(DrawItem.draw_id == draw.id,
                                                                      DrawItem.rank.is_not(None))))  # fmt: skip
    assert len(drawn) == draw.sample == 1 + 1 + 2 + 2  # A 1 of 1, B 1 of 2 (20 % rounded up), C 2, D 2
