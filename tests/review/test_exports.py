"""Exports of decisions for upstream sync (data standard + 状态), and the workflow on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.accounts.services import create_user
from portal.clock import CHINA_TZ
from portal.domain.publicity import RecordStatus
from portal.domain.roles import Role
from portal.domain.states import Action, Outcome, SubmissionKind
from portal.extensions import db, limiter
from portal.file_store import DirectoryStore
from portal.importers.formats import PENALTY_COLUMNS
from portal.importers.run import import_file
from portal.models import Penalty
from portal.public import records
from portal.review import exports
from portal.review import services as review
from portal.submissions import services as submissions
from portal.submissions import targets
from portal.work_calendar import work_calendar
from tests.conftest import DATA, TODAY
from tests.submissions.fixtures import (
    PASSWORD,
    PERSON_ID,
    PERSON_NO,
    SERIOUS_NO,
    FreshClient,
    act,
    apply_for_repair,
    object_to,
    staff_client,
    submission,
)


def _csv(client: FlaskClient, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.usefixtures("staff")
def test_decisions_are_exported_in_the_data_standard_with_a_status_column(site: Flask, client: FlaskClient) -> None:
    objection = submission(object_to(client).tracking_no)
    repair = submission(apply_for_repair(client).tracking_no)
    intake, admin = staff_client(site, Role.INTAKE), staff_client(site, Role.ADMIN)
    for s_id in (objection.id, repair.id):
        act(intake, s_id, "accept")
        act(intake, s_id, "verify")
    act(admin, objection.id, "close", "撤销", outcome="withdrawn")
    act(admin, repair.id, "close", "准予修复", outcome="approved")
    rows = _csv(admin, "/review/exports/penalty.csv?since=2026-11-01")
    assert rows[0] == [*PENALTY_COLUMNS, "状态", "状态变更日期", "办理编号"]
    by_no = {row[PENALTY_COLUMNS.index("行政处罚决定书文号")]: row for row in rows[1:]}
    assert set(by_no) == {SERIOUS_NO, PERSON_NO}
    changed_on = datetime.now(CHINA_TZ).date().isoformat()  # the real time of the change, as a China date
    assert by_no[SERIOUS_NO][-3:] == ["已撤销", changed_on, objection.tracking_no]
    assert by_no[PERSON_NO][-3:] == ["已修复", changed_on, repair.tracking_no]
    # The natural key reaches the upstream platform as delivered (staff-only file).
    assert by_no[PERSON_NO][PENALTY_COLUMNS.index("证件号码")] == PERSON_ID
    assert by_no[SERIOUS_NO][PENALTY_COLUMNS.index("失信严重程度")] == "严重"
    assert _csv(admin, "/review/exports/penalty.csv?since=2099-01-01")[1:] == []
    assert _csv(admin, "/review/exports/list.csv")[1:] == []
    assert admin.get("/review/exports/penalty.csv?since=yesterday").status_code == 400
    assert "/review/exports/penalty.csv" in admin.get("/review/exports").get_data(as_text=True)


@pytest.fixture
def any_site(app_any_db: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    app_any_db.test_client_class = FreshClient
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    for kind in ("penalty", "permit", "list"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", tmp_path / f"{kind}.csv"))
        import_file(db.session, path, kind, today=TODAY)
    limiter.reset()
    return app_any_db


def test_the_whole_objection_workflow_on_both_databases(any_site: Flask) -> None:
    """Services only (the HTTP side is the same on both): locking, the CHECK constraints and the effects."""
    admin = create_user(db.session, "admin@example.gov.cn", PASSWORD, Role.ADMIN)
    actor = review.actor_of(admin)
    p_id = int(db.session.scalar(sa.select(Penalty.id).where(Penalty.decision_no == SERIOUS_NO)))
    target = targets.find_target(db.session, targets.RecordRef("penalty", p_id), TODAY)
    assert target is not None
    settings = submissions.Settings("secret", DirectoryStore(Path(any_site.config["UPLOAD_DIR"])))
    receipt = submissions.submit(
        db.session, submissions.NewSubmission(SubmissionKind.OBJECTION, "错误", target=target, contact_name="张三",
                                              contact_phone="13812345678"),
        [], form_token="t" * 20, settings=settings, today=TODAY, now=any_site_now(), calendar=work_calendar(db.session),
    )  # fmt: skip
    s_id = submission(receipt.tracking_no).id
    for action in (Action.ACCEPT, Action.VERIFY):
        review.act(db.session, actor, s_id, review.Decision(action, "ok"), today=TODAY, now=any_site_now())
    assert records.penalty_detail(db.session, TODAY, p_id) is not None  # still public, with the mark
    later = date(2026, 12, 23)
    result = review.act(db.session, actor, s_id, review.Decision(Action.CLOSE, "维持", Outcome.UPHELD), today=later,
                        now=any_site_now())  # fmt: skip
    assert result.effect.shifted_days == 30
    db.session.expire_all()
    record = db.session.get(Penalty, p_id)
    assert record is not None
    assert (record.status, record.public_until) == (RecordStatus.PUBLISHED, date(2029, 4, 9))
    assert submissions.track(db.session, receipt.tracking_no, receipt.code) is not None
    assert submissions.track(db.session, receipt.tracking_no, "2" * 10) is None
    rows = list(exports.decision_rows(db.session, "penalty", date(2026, 1, 1)))
    assert len(rows) == 2
    assert rows[1][-3] == "公示中"


def any_site_now():  # type: ignore[no-untyped-def]
    from portal import clock

    return clock.now()
