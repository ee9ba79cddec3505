"""投诉举报 (anonymous allowed, about a subject or a department) and 信用修复 (eligibility told first, 信用承诺)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.states import SubmissionKind
from portal.extensions import db
from portal.models import ListEntry, Permit, Submission
from portal.notify import get_notifier
from tests.conftest import count
from tests.submissions.fixtures import (
    CITY_DEPT,
    MARKET_DEPT,
    PDF,
    PERSON_NO,
    REPAIR,
    SERIOUS_NO,
    apply_for_repair,
    complain,
    file,
    fill,
    hidden_fields,
    object_to,
    penalty_id,
    submission,
)


def test_a_named_complaint_about_a_subject_is_received(site: Flask, client: FlaskClient) -> None:
    posted = complain(client)
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    assert s.kind is SubmissionKind.COMPLAINT
    assert (s.subject_name, s.grounds, s.contact_name, s.anonymous) == (
        "株洲示例食品有限公司", "enterprise_dishonest", "李四", False
    )
    assert s.due_on.isoformat() == "2026-12-14"  # 15 working days (DOMAIN §8 default)


def test_an_anonymous_complaint_needs_no_contact_and_keeps_none(site: Flask, client: FlaskClient) -> None:
    posted = complain(client, anonymous="y", contact_name="", contact_phone="")
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    assert s.anonymous
    assert (s.contact_name, s.contact_phone, s.contact_email) == (None, None, None)
    named_but_anonymous = complain(client, anonymous="y", contact_email="x@example.com")
    s2 = submission(named_but_anonymous.tracking_no)
    assert (s2.contact_name, s2.contact_phone, s2.contact_email) == (None, None, None)
    assert get_notifier().outbox == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("missing", ["contact_name", "contact_phone", "description", "topic", "subject_name"])
def test_a_named_complaint_needs_its_fields(site: Flask, client: FlaskClient, missing: str) -> None:
    posted = complain(client, **{missing: ""})
    assert posted.response.status_code == 400
    assert f'href="#{missing}"' in posted.html
    assert count(Submission) == 0


def test_a_complaint_about_a_department_names_a_known_department(site: Flask, client: FlaskClient) -> None:
    html = client.get("/complaints/new").get_data(as_text=True)
    assert f'value="{CITY_DEPT}"' in html
    missing = complain(client, about="department", subject_name="")
    assert missing.response.status_code == 400
    assert 'id="department-error"' in missing.html
    unknown = complain(client, about="department", department="91430200MA4L0A1B7K")
    assert unknown.response.status_code == 400
    assert 'id="department-error"' in unknown.html
    ok = complain(client, about="department", department=CITY_DEPT, subject_name="", topic="department_failure")
    assert ok.response.status_code == 200, ok.html[:2000]
    s = submission(ok.tracking_no)
    assert (s.department_uscc, s.department_name, s.subject_name) == (CITY_DEPT, "株洲市城市管理和综合执法局", None)


def test_a_bad_uscc_is_refused(site: Flask, client: FlaskClient) -> None:
    posted = complain(client, subject_uscc="91430200MA4L0A1B7A")  # wrong check character
    assert posted.response.status_code == 400
    assert 'id="subject_uscc-error"' in posted.html


def test_a_repair_form_first_tells_when_the_record_becomes_eligible(site: Flask, client: FlaskClient) -> None:
    url = f"/repairs/new?record=penalty:{penalty_id(SERIOUS_NO)}"  # 严重, 2026-03-10: D + 1 year, the day after
    response = client.get(url, headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "cannot be repaired yet" in html
    assert "2027-03-11" in html
    assert 'name="description"' not in html  # no form before the date
    token = hidden_fields(client.get("/track").get_data(as_text=True))["csrf_token"]
    assert client.post(url, data={"description": "x", "csrf_token": token}).status_code == 409
    assert count(Submission) == 0


def test_an_eligible_record_shows_since_when_and_the_form(site: Flask, client: FlaskClient) -> None:
    html = client.get(f"/repairs/new?record=penalty:{penalty_id(PERSON_NO)}").get_data(as_text=True)
    assert "2026-08-06" in html  # 一般, 2026-05-05 + 3 months, the day after (DOMAIN §5.3)
    assert 'name="commitment"' in html
    assert 'name="description"' in html
    assert "王**" in html
    assert "王小明" not in html


def test_a_repair_application_needs_the_credit_commitment_and_evidence(site: Flask, client: FlaskClient) -> None:
    url = f"/repairs/new?record=penalty:{penalty_id(PERSON_NO)}"
    no_commitment = fill(client, url, {**{k: v for k, v in REPAIR.items() if k != "commitment"},
                                       "attachments": [file(PDF, "r.pdf")]})  # fmt: skip
    assert no_commitment.response.status_code == 400
    assert 'id="commitment-error"' in no_commitment.html
    no_files = fill(client, url, dict(REPAIR))
    assert no_files.response.status_code == 400
    assert 'id="attachments-error"' in no_files.html
    assert count(Submission) == 0


def test_a_repair_application_is_received(site: Flask, client: FlaskClient) -> None:
    posted = apply_for_repair(client)
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    assert s.kind is SubmissionKind.REPAIR
    assert s.commitment_accepted
    assert (s.record_title, s.subject_name, s.department_uscc) == (PERSON_NO, "王**", CITY_DEPT)
    assert s.due_on.isoformat() == "2026-12-14"  # 15 working days (忻州 Art. 22)


def test_permits_and_red_list_entries_cannot_be_repaired(site: Flask, client: FlaskClient) -> None:
    permit = db.session.scalar(sa.select(Permit.id).where(Permit.state == "1").limit(1))
    red = db.session.scalar(sa.select(ListEntry.id).where(ListEntry.category == "redlist"))
    black = db.session.scalar(sa.select(ListEntry.id).where(ListEntry.category == "blacklist"))
    for ref in (f"permit:{permit}", f"list:{red}"):
        html = client.get(f"/repairs/new?record={ref}").get_data(as_text=True)
        assert 'name="commitment"' not in html, ref
    assert 'name="commitment"' in client.get(f"/repairs/new?record=list:{black}").get_data(as_text=True)


def test_without_a_record_the_repair_page_explains_where_to_start(site: Flask, client: FlaskClient) -> None:
    html = client.get("/repairs/new").get_data(as_text=True)
    assert 'name="commitment"' not in html
    assert 'role="search"' in html


def test_the_receipt_is_sent_by_e_mail_when_an_address_is_given(site: Flask, client: FlaskClient) -> None:
    posted = apply_for_repair(client, contact_email="wang@example.com")
    outbox = get_notifier().outbox  # type: ignore[attr-defined]
    assert [(m.channel, m.to) for m in outbox] == [("email", "wang@example.com")]
    assert posted.tracking_no in outbox[0].body
    assert posted.code in outbox[0].body


def test_the_submissions_page_lists_the_three_forms_and_tracking(site: Flask, client: FlaskClient) -> None:
    html = client.get("/submissions").get_data(as_text=True)
    for href in ("/objections/new", "/complaints/new", "/repairs/new", "/track"):
        assert f'href="{href}"' in html
    assert MARKET_DEPT  # imported departments exist for the complaint form


FORMS = {
    "objection": lambda c, **kw: object_to(c, **kw),
    "complaint": lambda c, **kw: complain(c, **kw),
    "repair": lambda c, **kw: apply_for_repair(c, **kw),
}


@pytest.mark.parametrize("kind", list(FORMS))
def test_every_form_stores_hostile_text_as_typed_and_escapes_it(site: Flask, client: FlaskClient, kind: str) -> None:
    hostile = "<script>alert(1)</script>' OR '1'='1'; DROP TABLE users; -- ../../etc/passwd"
    posted = FORMS[kind](client, description=hostile)
    assert posted.response.status_code == 200, posted.html[:2000]
    assert submission(posted.tracking_no).description == hostile
    assert "<script>alert(1)</script>" not in posted.html


@pytest.mark.parametrize("kind", list(FORMS))
def test_every_form_survives_a_double_submit(site: Flask, client: FlaskClient, kind: str) -> None:
    first = FORMS[kind](client)
    url = {"objection": f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}", "complaint": "/complaints/new",
           "repair": f"/repairs/new?record=penalty:{penalty_id(PERSON_NO)}"}[kind]  # fmt: skip
    again = client.post(url, data={**first.fields, "description": "second click", "captcha_answer": "0"},
                        content_type="multipart/form-data")  # fmt: skip
    assert again.status_code == 200
    assert first.tracking_no in again.get_data(as_text=True)
    assert count(Submission) == 1


@pytest.mark.parametrize("kind", list(FORMS))
def test_every_form_refuses_an_oversized_description(site: Flask, client: FlaskClient, kind: str) -> None:
    posted = FORMS[kind](client, description="长" * 5001)
    assert posted.response.status_code == 400
    assert 'id="description-error"' in posted.html
    assert count(Submission) == 0
