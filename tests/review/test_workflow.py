"""Each kind from submission to decision through the real forms, with its effect on public data (DOMAIN §5.4, §7–§9)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.domain.roles import Role
from portal.domain.states import Outcome, SubmissionStatus
from portal.extensions import db
from portal.models import AuditEntry, RecordHistory, SearchOutbox, SubmissionEvent
from portal.models.audit import AppendOnlyError
from portal.notify import get_notifier
from portal.public import records, services
from tests.conftest import TODAY
from tests.submissions.fixtures import (
    EMAILS,
    PERSON_NO,
    SERIOUS_NO,
    act,
    apply_for_repair,
    complain,
    object_to,
    penalty,
    penalty_id,
    staff_client,
    submission,
)

pytestmark = pytest.mark.usefixtures("staff")


def _set_today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: day)


def _history(kind: str, record_id: int) -> list[tuple[str | None, str | None, str | None]]:
    rows = db.session.scalars(
        sa.select(RecordHistory).where(RecordHistory.record_kind == kind, RecordHistory.record_id == record_id,
                                       RecordHistory.batch_id.is_(None)).order_by(RecordHistory.id)  # fmt: skip
    )
    return [(r.from_status, r.to_status, r.actor) for r in rows]


def _outbox(kind: str, record_id: int) -> int:
    query = sa.select(sa.func.count()).select_from(SearchOutbox).where(
        SearchOutbox.record_kind == kind, SearchOutbox.record_id == record_id
    )
    return int(db.session.scalar(query) or 0)


def _accept_and_verify(app: Flask, s_id: int) -> FlaskClient:
    intake = staff_client(app, Role.INTAKE)
    assert act(intake, s_id, "accept", "材料齐全，予以受理").status_code == 302
    assert act(intake, s_id, "verify", "转株洲市市场监督管理局核查").status_code == 302
    return intake


def _public_numbers(today: date) -> set[str]:
    return {r.title for rows in services.latest(db.session, today).values() for r in rows}


def test_an_accepted_objection_marks_the_record_which_stays_public(site: Flask, client: FlaskClient) -> None:
    posted = object_to(client)
    s_id, p_id = submission(posted.tracking_no).id, penalty_id(SERIOUS_NO)
    outbox_before = _outbox("penalty", p_id)
    intake = staff_client(site, Role.INTAKE)
    response = act(intake, s_id, "accept", "材料齐全，予以受理")
    assert response.status_code == 302
    assert penalty(SERIOUS_NO).status is RecordStatus.UNDER_OBJECTION
    assert _history("penalty", p_id) == [("published", "under_objection", EMAILS[Role.INTAKE])]
    assert _outbox("penalty", p_id) == outbox_before + 1
    page = client.get(f"/penalties/{p_id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "An objection to this record is being handled" in page.get_data(as_text=True)
    assert records.penalty_detail(db.session, TODAY, p_id) is not None
    assert SERIOUS_NO in _public_numbers(TODAY)
    s = submission(posted.tracking_no)
    assert (s.status, s.accepted_on) == (SubmissionStatus.ACCEPTED, TODAY)


def test_an_objection_withdrawn_takes_the_record_out_of_public_view(site: Flask, client: FlaskClient) -> None:
    posted = object_to(client, contact_email="zhangsan@example.com")
    s_id, p_id = submission(posted.tracking_no).id, penalty_id(SERIOUS_NO)
    _accept_and_verify(site, s_id)
    reviewer = staff_client(site, Role.REVIEWER)
    assert act(reviewer, s_id, "close", "信息错误，予以撤销", outcome="withdrawn").status_code == 302
    record = penalty(SERIOUS_NO)
    assert record.status is RecordStatus.WITHDRAWN
    assert client.get(f"/penalties/{p_id}").status_code == 404
    assert records.penalty_detail(db.session, TODAY, p_id) is None
    assert SERIOUS_NO not in _public_numbers(TODAY)
    assert _history("penalty", p_id)[-1] == ("under_objection", "withdrawn", EMAILS[Role.REVIEWER])
    s = submission(posted.tracking_no)
    assert (s.status, s.outcome) == (SubmissionStatus.CLOSED, Outcome.WITHDRAWN)
    assert s.decision_reason == "信息错误，予以撤销"
    api = client.get(f"/api/v1/submissions/{posted.tracking_no}?code={posted.code}").get_json()
    assert api["status"] == "closed"
    assert [h["status"] for h in api["history"]] == ["submitted", "accepted", "verifying", "closed"]
    mail = [m for m in get_notifier().outbox if m.to == "zhangsan@example.com"]  # type: ignore[attr-defined]
    assert len(mail) == 2
    assert posted.tracking_no in mail[-1].body


def test_an_upheld_objection_restores_the_record_and_moves_its_end_by_the_suspended_days(
    site: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    posted = object_to(client)
    s_id = submission(posted.tracking_no).id
    assert penalty(SERIOUS_NO).public_until == date(2029, 3, 10)
    _accept_and_verify(site, s_id)  # accepted on TODAY, 2026-11-23
    _set_today(monkeypatch, date(2026, 12, 3))
    reviewer = staff_client(site, Role.REVIEWER)
    reviewer.set_cookie("locale", "en")  # flashed messages are translated when flashed
    response = act(reviewer, s_id, "close", "经核查信息无误，维持", outcome="upheld")
    assert response.status_code == 302
    record = penalty(SERIOUS_NO)
    assert (record.status, record.suspended_days, record.public_until) == (
        RecordStatus.PUBLISHED, 10, date(2029, 3, 20)
    )
    assert submission(posted.tracking_no).suspended_days == 10
    follow = reviewer.get(response.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "moved by 10 days" in follow


def test_a_corrected_objection_keeps_the_record_public_until_the_source_reimports(
    site: Flask, client: FlaskClient
) -> None:
    s_id = submission(object_to(client).tracking_no).id
    _accept_and_verify(site, s_id)
    reviewer = staff_client(site, Role.REVIEWER)
    reviewer.set_cookie("locale", "en")
    response = act(reviewer, s_id, "close", "文号有误，已通知来源单位更正", outcome="corrected")
    assert penalty(SERIOUS_NO).status is RecordStatus.PUBLISHED
    follow = reviewer.get(response.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "re-imports it" in follow


def test_the_mark_stays_while_another_objection_to_the_record_is_open(site: Flask, client: FlaskClient) -> None:
    first, second = (submission(object_to(client).tracking_no).id for _ in range(2))
    _accept_and_verify(site, first)
    _accept_and_verify(site, second)
    reviewer = staff_client(site, Role.REVIEWER)
    act(reviewer, first, "close", "维持", outcome="upheld")
    assert penalty(SERIOUS_NO).status is RecordStatus.UNDER_OBJECTION
    act(reviewer, second, "close", "维持", outcome="upheld")
    assert penalty(SERIOUS_NO).status is RecordStatus.PUBLISHED


def test_an_approved_repair_ends_publicity_at_once(site: Flask, client: FlaskClient) -> None:
    posted = apply_for_repair(client)
    s_id, p_id = submission(posted.tracking_no).id, penalty_id(PERSON_NO)
    intake = staff_client(site, Role.INTAKE)
    act(intake, s_id, "accept")
    act(intake, s_id, "verify")
    assert penalty(PERSON_NO).status is RecordStatus.PUBLISHED  # a repair application marks nothing
    before = _outbox("penalty", p_id)
    assert act(staff_client(site, Role.ADMIN), s_id, "close", "已履行，准予修复", outcome="approved").status_code == 302
    assert penalty(PERSON_NO).status is RecordStatus.REPAIRED
    assert client.get(f"/penalties/{p_id}").status_code == 404
    assert records.penalty_detail(db.session, TODAY, p_id) is None
    assert _outbox("penalty", p_id) == before + 1  # it leaves the search index


def test_a_refused_repair_changes_nothing_public(site: Flask, client: FlaskClient) -> None:
    s_id = submission(apply_for_repair(client).tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    act(intake, s_id, "accept")
    act(intake, s_id, "verify")
    act(staff_client(site, Role.REVIEWER), s_id, "close", "罚款未缴清", outcome="refused")
    assert penalty(PERSON_NO).status is RecordStatus.PUBLISHED
    assert _history("penalty", penalty_id(PERSON_NO)) == []


def test_a_complaint_goes_to_a_department_and_is_decided_without_touching_records(
    site: Flask, client: FlaskClient
) -> None:
    s_id = submission(complain(client).tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    act(intake, s_id, "accept")
    no_department = act(intake, s_id, "verify")
    assert no_department.status_code == 409
    assert act(intake, s_id, "verify", department="11430200006123458Y").status_code == 302
    assert submission_field(s_id, "department_name") == "株洲市市场监督管理局"
    verifier = staff_client(site, Role.VERIFIER)
    assert act(verifier, s_id, "note", "经现场核查，情况属实").status_code == 302
    reviewer = staff_client(site, Role.REVIEWER)
    assert act(reviewer, s_id, "close", "属实，已立案", outcome="substantiated").status_code == 302
    assert penalty(SERIOUS_NO).status is RecordStatus.PUBLISHED


def submission_field(s_id: int, name: str) -> object:
    from portal.models import Submission

    db.session.expire_all()
    return getattr(db.session.get(Submission, s_id), name)


def test_a_rejected_submission_is_final(site: Flask, client: FlaskClient) -> None:
    s_id = submission(object_to(client).tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    assert act(intake, s_id, "reject", "非本人申请，不予受理").status_code == 302
    assert penalty(SERIOUS_NO).status is RecordStatus.PUBLISHED
    for action in ("accept", "verify", "note"):
        assert act(intake, s_id, action).status_code == 409
    assert act(staff_client(site, Role.ADMIN), s_id, "close", outcome="upheld").status_code == 409


def test_a_reason_is_required_and_the_outcome_must_fit_the_kind(site: Flask, client: FlaskClient) -> None:
    s_id = submission(object_to(client).tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    empty = act(intake, s_id, "accept", "   ")
    assert empty.status_code == 400
    assert 'id="accept-reason-error"' in empty.get_data(as_text=True)
    _accept_and_verify_done = act(intake, s_id, "accept")
    assert _accept_and_verify_done.status_code == 302
    act(intake, s_id, "verify")
    admin = staff_client(site, Role.ADMIN)
    assert act(admin, s_id, "close", outcome="approved").status_code == 409  # a repair outcome
    assert act(admin, s_id, "close", outcome="no-such-outcome").status_code == 400
    assert act(admin, s_id, "close").status_code == 409  # no outcome
    assert submission_field(s_id, "status") is SubmissionStatus.VERIFYING


def test_a_reminder_is_recorded_and_sent_to_the_departments_verifiers(site: Flask, client: FlaskClient) -> None:
    s_id = submission(object_to(client).tracking_no).id
    _accept_and_verify(site, s_id)
    reviewer = staff_client(site, Role.REVIEWER)
    assert act(reviewer, s_id, "remind", "请尽快反馈核查意见").status_code == 302
    assert submission_field(s_id, "reminders") == 1
    events = list(db.session.scalars(sa.select(SubmissionEvent.action).where(SubmissionEvent.submission_id == s_id)))
    assert events[-1] == "remind"
    sent = [m.to for m in get_notifier().outbox]  # type: ignore[attr-defined]
    assert EMAILS[Role.VERIFIER] in sent
    assert "other-verifier@example.gov.cn" not in sent
    queue = reviewer.get("/review/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "1 reminder" in queue


def test_the_queue_shows_due_dates_and_marks_overdue_items(
    site: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracking = object_to(client).tracking_no
    intake = staff_client(site, Role.INTAKE)
    html = intake.get("/review/").get_data(as_text=True)
    assert tracking in html
    assert "2026-12-15" in html
    assert 'class="overdue"' not in html
    _set_today(monkeypatch, date(2026, 12, 16))
    late = intake.get("/review/?overdue=y").get_data(as_text=True)
    assert tracking in late
    assert 'class="overdue"' in late
    assert tracking not in intake.get("/review/?status=closed").get_data(as_text=True)
    assert intake.get("/review/?status=%3Cscript%3E").status_code == 400


def test_every_action_is_in_the_append_only_audit_log(site: Flask, client: FlaskClient) -> None:
    s_id = submission(object_to(client).tracking_no).id
    _accept_and_verify(site, s_id)
    entries = list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.target == f"submission:{s_id}")))
    assert [(e.actor, e.action) for e in entries] == [
        ("public", "submit_objection"), (EMAILS[Role.INTAKE], "accept"), (EMAILS[Role.INTAKE], "verify")
    ]
    entries[1].reason = "changed"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entries[0].id))
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    html = staff_client(site, Role.ADMIN).get("/review/audit").get_data(as_text=True)
    assert f"submission:{s_id}" in html


def test_attachments_download_as_attachments_with_their_type(site: Flask, client: FlaskClient) -> None:
    from tests.submissions.fixtures import PNG, file

    s_id = submission(object_to(client, attachments=[file(PNG, "证明.png")]).tracking_no).id
    admin = staff_client(site, Role.ADMIN)
    page = admin.get(f"/review/{s_id}").get_data(as_text=True)
    link = page.split(f'/review/{s_id}/attachments/', 1)[1].split('"', 1)[0]
    response = admin.get(f"/review/{s_id}/attachments/{link}")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data == PNG
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    response.close()
    assert admin.get(f"/review/{s_id}/attachments/999").status_code == 404


def test_an_approved_repair_is_published_in_the_repair_results(site: Flask, client: FlaskClient) -> None:
    assert PERSON_NO not in client.get("/repairs/results").get_data(as_text=True)
    s_id = submission(apply_for_repair(client).tracking_no).id
    admin = staff_client(site, Role.ADMIN)
    for action in ("accept", "verify"):
        act(admin, s_id, action)
    act(admin, s_id, "close", "准予修复", outcome="approved")
    html = client.get("/repairs/results").get_data(as_text=True)
    assert PERSON_NO in html
    assert "王**" in html
    assert "王小明" not in html
