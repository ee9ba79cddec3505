"""The check, feedback, statistics and changes queries on SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask

from portal import clock
from portal.db_setup import load_measures
from portal.domain.roles import Role
from portal.extensions import db
from portal.importers.run import import_file
from portal.joint import changes, checks, feedback, results, stats
from portal.models import User
from portal.work_calendar import work_calendar
from tests.conftest import DATA, TODAY
from tests.joint.conftest import BLACKLISTED, MARKET_DEPT, REDLISTED, REMOVED

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=clock.CHINA_TZ)


@pytest.fixture
def loaded(app_any_db: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    load_measures(db.session)  # app_any_db loads the list types only
    db.session.commit()
    for kind in ("penalty", "permit", "list"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", tmp_path / f"{kind}.csv"))
        assert import_file(db.session, path, kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
    return app_any_db


def test_check_feedback_stats_and_changes_agree_on_both_databases(loaded: Flask) -> None:
    db.session.add(
        User(
            email="d@example.gov.cn",
            password_hash="x",
            role=Role.DEPARTMENT,
            department_uscc=MARKET_DEPT,
            session_nonce="n",
        )
    )
    db.session.commit()  # the CHECK constraint of users.role accepts the new role
    lines = [(1, BLACKLISTED), (2, REDLISTED), (3, REMOVED), (4, "bad")]
    check = checks.run_check(
        db.session,
        checks.Requester(MARKET_DEPT, "d@example.gov.cn", "web"),
        checks.CheckRequest("tender", "资格审查", lines, True),
        today=TODAY,
        now=NOW,
        calendar=work_calendar(db.session),
    )
    assert (check.subjects, check.found, check.invalid, check.hits) == (4, 3, 1, 2)
    view = results.check_view(db.session, check.id, MARKET_DEPT, today=TODAY)
    hit = next(h for r in view.rows for h in r.hits if h.hit.category == "blacklist")
    assert hit.measures
    feedback.record_feedback(
        db.session,
        check.id,
        MARKET_DEPT,
        [feedback.FeedbackItem(hit.hit.id, "applied", hit.measures[0].id, "")],
        actor="d",
        actor_id=None,
        today=TODAY,
        now=NOW,
    )
    numbers = stats.statistics(db.session, start=TODAY, end=TODAY, today=date(2026, 12, 31))
    (row,) = numbers.departments
    assert (row.checks, row.subjects, row.hits, row.feedback, row.applied, row.overdue) == (1, 4, 2, 1, 1, 1)
    assert numbers.initiated == {"blacklist": 1, "redlist": 1}
    page = changes.changes_since(db.session, clock.now() - timedelta(hours=1), today=TODAY)
    assert sorted(c.change for c in page.changes) == ["added", "added", "removed"]


def test_control_characters_in_a_batch_are_reported_not_stored(loaded: Flask) -> None:
    lines = [(1, "\x00' OR 1=1 --"), (2, BLACKLISTED + "\x00"), (3, "\x1b[31m")]
    check = checks.run_check(
        db.session,
        checks.Requester(MARKET_DEPT, "d", "api"),
        checks.CheckRequest("other", "测试", lines, True),
        today=TODAY,
        now=NOW,
        calendar=work_calendar(db.session),
    )
    view = results.check_view(db.session, check.id, MARKET_DEPT, today=TODAY)
    assert [(r.row.outcome, r.row.query) for r in view.rows] == [
        ("invalid", "' OR 1=1 --"),
        ("invalid", BLACKLISTED),
        ("invalid", "[31m"),
    ]
