"""信用异议 through the real form (CSRF on): receipt, stored values, missing / malformed / oversized / hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.states import SubmissionKind, SubmissionStatus
from portal.extensions import db
from portal.models import Attachment, Submission, SubmissionEvent
from portal.submissions.codes import normalize_code
from tests.conftest import count
from tests.submissions.fixtures import (
    MARKET_DEPT,
    MINOR_NO,
    OBJECTION,
    PDF,
    SERIOUS_NO,
    file,
    fill,
    hidden_fields,
    object_to,
    penalty_id,
    submission,
)


def _url() -> str:
    return f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}"


def test_an_objection_to_a_public_record_gives_a_tracking_number_and_a_query_code(
    site: Flask, client: FlaskClient
) -> None:
    posted = object_to(client)
    assert posted.response.status_code == 200, posted.html[:3000]
    assert re.fullmatch(r"20261123-[2-9A-HJ-NP-Z]{6}", posted.tracking_no)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}", posted.code)
    s = submission(posted.tracking_no)
    assert s.kind is SubmissionKind.OBJECTION
    assert s.status is SubmissionStatus.SUBMITTED
    assert (s.record_kind, s.record_id, s.record_title) == ("penalty", penalty_id(SERIOUS_NO), SERIOUS_NO)
    assert s.department_uscc == MARKET_DEPT
    assert s.department_name == "株洲市市场监督管理局"
    assert (s.grounds, s.contact_name, s.contact_phone) == ("wrong_info", "张三", "13812345678")
    assert s.description == OBJECTION["description"]
    # DOMAIN §7: 16 working days from Mon 2026-11-23 → Tue 2026-12-15.
    assert s.submitted_on.isoformat() == "2026-11-23"
    assert s.due_on.isoformat() == "2026-12-15"
    assert "2026-12-15" in posted.html
    # The 查询码 exists only as a salted hash.
    assert normalize_code(posted.code) not in s.code_hash
    assert s.code_hash.startswith("pbkdf2:sha256:")
    events = list(db.session.scalars(sa.select(SubmissionEvent).where(SubmissionEvent.submission_id == s.id)))
    assert [(e.action, e.from_status, e.to_status, e.actor) for e in events] == [
        ("submit", None, SubmissionStatus.SUBMITTED, "public")
    ]


def test_the_form_shows_the_record_and_the_record_page_links_to_it(site: Flask, client: FlaskClient) -> None:
    record_page = client.get(f"/penalties/{penalty_id(SERIOUS_NO)}").get_data(as_text=True)
    assert f'href="{_url()}"' in record_page
    html = client.get(_url()).get_data(as_text=True)
    assert SERIOUS_NO in html
    assert "株洲示例食品有限公司" in html
    assert 'name="csrf_token"' in html
    assert 'name="form_token"' in html
    assert 'id="captcha_answer-hint"' in html


@pytest.mark.parametrize(
    "record", [f"penalty:{10**6}", "penalty:abc", "penalty:0", "penalty:99999999999", "secret:1", "../etc/passwd"]
)
def test_an_unknown_or_malformed_record_is_not_found(site: Flask, client: FlaskClient, record: str) -> None:
    assert client.get(f"/objections/new?record={record}").status_code == 404
    assert client.get(f"/repairs/new?record={record}").status_code == 404


def test_a_record_that_is_not_public_cannot_be_objected_to_here(site: Flask, client: FlaskClient) -> None:
    minor = penalty_id(MINOR_NO)  # 轻微: never public
    assert client.get(f"/objections/new?record=penalty:{minor}").status_code == 404
    unknown = client.get(f"/objections/new?record=penalty:{10**6}").get_data(as_text=True)
    hidden = client.get(f"/objections/new?record=penalty:{minor}").get_data(as_text=True)
    assert unknown == hidden


def test_a_missing_record_is_described_in_free_text(site: Flask, client: FlaskClient) -> None:
    data = {**OBJECTION, "grounds": "missing", "record_ref": "株市监罚〔2025〕99号 未公示",
            "subject_name": "株洲示例食品有限公司", "subject_uscc": "91430200ma4l0a1b7k",
            "attachments": [file(PDF, "a.pdf")]}  # fmt: skip
    posted = fill(client, "/objections/new", data)
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    assert (s.record_kind, s.record_ref, s.subject_uscc) == (None, "株市监罚〔2025〕99号 未公示", "91430200MA4L0A1B7K")
    assert s.department_uscc is None  # the intake officer routes it


def test_without_a_record_the_description_of_the_record_and_the_subject_are_required(
    site: Flask, client: FlaskClient
) -> None:
    posted = fill(client, "/objections/new", {**OBJECTION, "attachments": [file(PDF, "a.pdf")]})
    assert posted.response.status_code == 400
    assert posted.html.count('class="field-error"') == 2
    assert 'href="#record_ref"' in posted.html
    assert 'href="#subject_name"' in posted.html
    assert count(Submission) == 0


@pytest.mark.parametrize("missing", ["description", "grounds", "contact_name", "contact_phone", "attachments"])
def test_each_required_field_is_checked_and_the_input_is_kept(site: Flask, client: FlaskClient, missing: str) -> None:
    data: dict[str, object] = {**OBJECTION, "attachments": [file(PDF, "a.pdf")]}
    data.pop(missing)
    posted = fill(client, _url(), data)
    assert posted.response.status_code == 400
    assert f'href="#{missing}"' in posted.html  # the linked summary
    assert f'id="{missing}-error"' in posted.html  # the message next to the field
    for kept in ("张三", "13812345678", "zhangsan@example.com"):
        if kept not in (data.get("contact_name"), data.get("contact_phone"), data.get("contact_email")):
            continue
        assert f'value="{kept}"' in posted.html
    if missing != "description":
        assert OBJECTION["description"] in posted.html
    assert count(Submission) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contact_phone", "12345"),
        ("contact_phone", "1381234567x"),
        ("contact_email", "not-an-e-mail"),
        ("contact_email", "a@b"),
        ("grounds", "not_a_ground"),
        ("description", "x" * 5001),
        ("contact_name", "名" * 65),
    ],
)
def test_malformed_or_oversized_values_are_refused_with_a_message(
    site: Flask, client: FlaskClient, field: str, value: str
) -> None:
    posted = fill(client, _url(), {**OBJECTION, field: value, "attachments": [file(PDF, "a.pdf")]})
    assert posted.response.status_code == 400
    assert f'id="{field}-error"' in posted.html
    assert count(Submission) == 0


def test_full_width_and_spaced_phone_numbers_are_normalised(site: Flask, client: FlaskClient) -> None:
    posted = object_to(client, contact_phone="１３８ １２３４ ５６７８")
    assert submission(posted.tracking_no).contact_phone == "13812345678"


def test_html_and_sql_in_text_are_stored_as_typed_and_escaped_everywhere(site: Flask, client: FlaskClient) -> None:
    hostile = "<script>alert('x')</script>'; DROP TABLE submissions; -- \u202e"
    posted = object_to(client, description=hostile, contact_name="<b>张三</b>")
    assert posted.response.status_code == 200
    s = submission(posted.tracking_no)
    assert s.description == "<script>alert('x')</script>'; DROP TABLE submissions; --"  # bidi override removed
    assert s.contact_name == "<b>张三</b>"
    assert "<script>alert" not in posted.html
    assert count(Submission) == 1  # the table is still there


def test_the_form_needs_its_csrf_token(site: Flask, client: FlaskClient) -> None:
    posted = fill(client, _url(), {**OBJECTION, "attachments": [file(PDF, "a.pdf")]}, fields={"csrf_token": ""})
    assert posted.response.status_code == 400
    assert count(Submission) == 0


def test_a_wrong_captcha_answer_is_refused_and_a_new_question_asked(site: Flask, client: FlaskClient) -> None:
    posted = fill(client, _url(), {**OBJECTION, "attachments": [file(PDF, "a.pdf")]}, answer="999")
    assert posted.response.status_code == 400
    assert 'id="captcha_answer-error"' in posted.html
    assert hidden_fields(posted.html)["captcha_nonce"] != posted.fields["captcha_nonce"]
    assert OBJECTION["description"] in posted.html
    assert count(Submission) == 0


def test_a_captcha_question_is_used_once(site: Flask, client: FlaskClient) -> None:
    first = object_to(client)
    assert first.response.status_code == 200
    data = {**OBJECTION, "attachments": [file(PDF, "b.pdf")], **{k: v for k, v in first.fields.items()}}
    data["form_token"] = "another-token-000000000000"
    data["captcha_answer"] = "0"
    again = client.post(_url(), data=data, content_type="multipart/form-data")
    assert again.status_code == 400
    assert count(Submission) == 1


def test_a_double_click_records_one_submission_and_shows_the_same_receipt(site: Flask, client: FlaskClient) -> None:
    first = object_to(client)
    body = {**OBJECTION, **first.fields, "captcha_answer": "0", "attachments": [file(PDF, "objection.pdf")]}
    second = client.post(_url(), data=body, content_type="multipart/form-data")
    html = second.get_data(as_text=True)
    assert second.status_code == 200
    assert first.tracking_no in html
    assert first.code in html
    assert count(Submission) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 1
    assert len(list(Path(site.config["UPLOAD_DIR"]).iterdir())) == 1


def test_two_separate_forms_with_the_same_content_are_two_submissions(site: Flask, client: FlaskClient) -> None:
    first, second = object_to(client), object_to(client)
    assert first.tracking_no != second.tracking_no
    assert first.code != second.code
    assert count(Submission) == 2


def test_errors_are_in_chinese_by_default_and_in_english_with_the_locale_cookie(site: Flask) -> None:
    chinese = site.test_client()
    posted = fill(chinese, _url(), {**OBJECTION, "contact_phone": "12345", "attachments": [file(PDF, "a.pdf")]})
    assert '<html lang="zh-CN">' in posted.html
    assert "Enter a mobile number or a landline number." not in posted.html
    english = site.test_client()
    english.set_cookie("locale", "en")
    posted = fill(english, _url(), {**OBJECTION, "contact_phone": "12345", "attachments": [file(PDF, "a.pdf")]})
    assert '<html lang="en">' in posted.html
    assert "Enter a mobile number or a landline number." in posted.html
    assert "There is a problem with the request" in posted.html
