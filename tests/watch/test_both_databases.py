"""The screening job, hit pages, statistics and interview queries on SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from portal import clock
from portal.domain import screening
from portal.domain.interviews import CorrectionState
from portal.extensions import db
from portal.file_store import DirectoryStore
from portal.importers.run import import_file
from portal.interviews import services as interviews
from portal.submissions import uploads
from portal.watch import hits, lists, screen
from portal.work_calendar import work_calendar
from tests.conftest import DATA, TODAY
from tests.joint.conftest import BLACKLISTED, CITY_DEPT, MARKET_DEPT, MINOR_SHOP, PENALISED
from tests.submissions.fixtures import PDF


@pytest.fixture
def loaded(app_any_db: Flask, tmp_path: Path) -> Flask:
    for kind in ("penalty", "permit", "list"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", tmp_path / f"{kind}.csv"))
        assert import_file(db.session, path, kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
    return app_any_db


def _list(department: str, codes: list[str]) -> None:
    watch = lists.create(db.session, department, "名单", actor="t", actor_id=None, now=clock.now())
    lists.add_codes(db.session, watch, screening.parse_codes(enumerate(codes, 1)), actor="t", actor_id=None,
                    now=clock.now())  # fmt: skip
    db.session.commit()


def test_screening_and_its_queries_agree_on_both_databases(loaded: Flask, tmp_path: Path) -> None:
    _list(MARKET_DEPT, [BLACKLISTED, PENALISED, MINOR_SHOP])
    _list(CITY_DEPT, [BLACKLISTED])
    sent: list[str] = []

    def send(department: str, found: object, total: int) -> bool:
        sent.append(department)
        return True

    calendar = work_calendar(db.session)
    first = screen.run(db.session, day=TODAY, now=clock.now(), calendar=calendar, send=send, feedback_workdays=10)
    assert (first.lists, first.subjects, first.mailed, first.unsent) == (2, 3, 2, 0)
    again = screen.run(db.session, day=TODAY, now=clock.now(), calendar=calendar, send=send, feedback_workdays=10)
    assert (again.new_hits, again.mailed) == (0, 0)
    assert sorted(sent) == sorted([MARKET_DEPT, CITY_DEPT])
    market = hits.page_of_hits(db.session, MARKET_DEPT, today=TODAY)
    assert market.total == first.new_hits - 1  # the city department has one hit: the blacklisted subject
    hits.record_feedback(db.session, market.rows[0].hit.id, MARKET_DEPT, "已约谈", actor="d", actor_id=None,
                         today=TODAY, now=clock.now())  # fmt: skip
    db.session.commit()
    late = date(2026, 12, 8)
    assert hits.page_of_hits(db.session, MARKET_DEPT, today=late, state="answered").total == 1
    assert hits.page_of_hits(db.session, MARKET_DEPT, today=late, state="overdue").total == market.total - 1
    assert hits.page_of_hits(db.session, None, today=TODAY, state="open").total == first.new_hits - 1
    rows = {r.department_uscc: r for r in hits.statistics(db.session, None, today=late)}
    assert (rows[MARKET_DEPT].answered, rows[MARKET_DEPT].overdue, rows[CITY_DEPT].overdue) == (1, market.total - 1, 1)

    minutes = uploads.Upload(PDF, "记录.pdf", uploads.PDF, "0" * 64)
    data = interviews.NewInterview("warning", PENALISED, "", date(2026, 11, 2), "事由", "措施", date(2026, 11, 20))
    row = interviews.record(db.session, MARKET_DEPT, data, minutes, store=DirectoryStore(tmp_path / "up"), actor="d",
                            actor_id=None, today=TODAY, now=clock.now())  # fmt: skip
    found, total, _page, _pages = interviews.page_of(db.session, MARKET_DEPT, today=TODAY, overdue_only=True)
    assert (total, found[0].state) == (1, CorrectionState.OVERDUE)
    assert interviews.page_of(db.session, CITY_DEPT, today=TODAY)[1] == 0
    assert [r.interview.id for r in interviews.for_subject(db.session, PENALISED, TODAY)] == [row.id]
