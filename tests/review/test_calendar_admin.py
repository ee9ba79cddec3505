"""Entering a year's official schedule (issue 15): the CLI and the back-office form store it (audited), deadlines
across 2026/2027 follow it with the clock driven to December 2026, and staff are warned while 2027 is estimated.
The schedule used is invented for the tests (see tests/domain/test_workday_schedules.py)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry, CalendarDay, CalendarYear
from tests.conftest import csrf_of
from tests.domain.test_workday_schedules import FICTIONAL_2027
from tests.submissions.fixtures import COMPLAINT, fill, staff_client, submission

EN = {"Accept-Language": "en"}
WARNING = "The official holiday schedule of 2027 has not been entered"


@pytest.fixture
def december(site: Flask, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: date(2026, 12, 20))
    return site


def _complaint_due(client: FlaskClient) -> tuple[date, bool]:
    posted = fill(client, "/complaints/new", COMPLAINT)
    assert posted.response.status_code == 200, posted.html[:2000]
    found = submission(posted.tracking_no)
    return found.due_on, found.due_estimated


def _post_schedule(admin: FlaskClient, text: str, **extra: object):  # type: ignore[no-untyped-def]
    data = {"csrf_token": csrf_of(admin, "/review/calendar"), "source": "test fixture", "schedule": text, **extra}
    return admin.post("/review/calendar", data=data, headers=EN, content_type="multipart/form-data")


@pytest.mark.usefixtures("staff")
def test_a_15_working_day_deadline_from_2026_12_20_with_and_without_the_2027_schedule(
    december: Flask, client: FlaskClient
) -> None:
    assert _complaint_due(client) == (date(2027, 1, 11), True)  # estimated: no 2027 notice known
    admin = staff_client(december, Role.ADMIN)
    queue = admin.get("/review/", headers=EN).get_data(as_text=True)
    assert WARNING in queue
    assert _post_schedule(admin, FICTIONAL_2027).status_code == 302
    assert _complaint_due(client) == (date(2027, 1, 12), False)  # the entered schedule decides
    assert WARNING not in admin.get("/review/", headers=EN).get_data(as_text=True)


@pytest.mark.usefixtures("staff")
def test_the_warning_shows_on_the_detail_page_and_reviewers_cannot_enter_schedules(
    december: Flask, client: FlaskClient
) -> None:
    posted = fill(client, "/complaints/new", COMPLAINT)
    reviewer = staff_client(december, Role.REVIEWER)
    detail = reviewer.get(f"/review/{submission(posted.tracking_no).id}", headers=EN).get_data(as_text=True)
    assert WARNING in detail
    assert "An administrator can enter it" in detail
    assert reviewer.get("/review/calendar").status_code == 403


@pytest.mark.usefixtures("staff")
def test_the_form_stores_the_schedule_audited_and_replaces_it_when_entered_again(december: Flask) -> None:
    admin = staff_client(december, Role.ADMIN)
    response = _post_schedule(admin, FICTIONAL_2027)
    assert response.status_code == 302
    page = admin.get("/review/calendar", headers=EN).get_data(as_text=True)
    assert "Schedule of 2027 saved: 3 holidays, 1 working weekend days." in page
    assert "test fixture" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarDay)) == 4
    again = FICTIONAL_2027.replace("2027-01-05,holiday,test-only\n", "")
    upload = {"upload": (io.BytesIO(again.encode()), "2027.csv"), "schedule": ""}
    assert _post_schedule(admin, "", **upload).status_code == 302
    db.session.expire_all()
    assert sorted(d.day for d in db.session.scalars(sa.select(CalendarDay))) == [
        date(2027, 1, 1), date(2027, 1, 4), date(2027, 1, 9)]  # fmt: skip
    year = db.session.get(CalendarYear, 2027)
    assert year is not None
    assert (year.holidays, year.workdays) == (2, 1)
    audits = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "calendar_import")).all()
    assert [a.target for a in audits] == ["calendar:2027", "calendar:2027"]
    assert audits[0].actor != "system"


@pytest.mark.usefixtures("staff")
def test_a_broken_schedule_is_refused_with_its_line_and_changes_nothing(december: Flask) -> None:
    admin = staff_client(december, Role.ADMIN)
    response = _post_schedule(admin, "date,kind\n2027-01-01,holiday\n2027-01-02,vacation\n")
    assert response.status_code == 400
    assert "Line 3: the kind must be holiday or workday." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarYear)) == 0


def test_the_cli_imports_a_file_and_refuses_a_broken_one(december: Flask, tmp_path: Path) -> None:
    good = tmp_path / "2027.csv"
    good.write_text(FICTIONAL_2027, encoding="utf-8")
    runner = december.test_cli_runner()
    result = runner.invoke(args=["calendar", "import", str(good), "--source", "fixture"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "year=2027 holidays=3 workdays=1"
    assert runner.invoke(args=["calendar", "import", str(good)]).output.strip() == "year=2027 holidays=3 workdays=1"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarDay)) == 4  # idempotent
    bad = tmp_path / "bad.csv"
    bad.write_text("date,kind\n2027-02-30,holiday\n", encoding="utf-8")
    refused = runner.invoke(args=["calendar", "import", str(bad)])
    assert refused.exit_code == 2
    assert "date at line 2" in refused.output
    assert "Traceback" not in refused.output
    assert runner.invoke(args=["calendar", "import", str(tmp_path / "missing.csv")]).exit_code == 2
