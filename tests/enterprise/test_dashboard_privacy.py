"""Applications naming a company show on its dashboard without their text or applicant (issue 15): only staff see
what an anonymous or third-party applicant wrote."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.enterprise import dashboard
from tests.enterprise.helpers import FOOD, bind, make_account, signed_in
from tests.submissions.fixtures import COMPLAINT, OBJECTION, PDF, file, fill, staff_client, submission

SECRET_REF = "举报人王某某亲眼所见：2026年5月仓库里另有一份未公示的处罚决定"
SECRET_TEXT = "我是该公司前员工，手机13912345678，请勿告知公司"


def _object_to_a_missing_record(client: FlaskClient) -> str:
    data = {**OBJECTION, "description": SECRET_TEXT, "record_ref": SECRET_REF, "subject_name": "株洲示例食品有限公司",
            "subject_uscc": FOOD, "attachments": [file(PDF, "evidence.pdf")]}  # fmt: skip
    posted = fill(client, "/objections/new", data)
    assert posted.response.status_code == 200, posted.html[:2000]
    return posted.tracking_no


@pytest.mark.usefixtures("staff")
def test_a_third_party_objections_text_is_not_on_the_named_companys_dashboard(site: Flask, client: FlaskClient) -> None:
    tracking_no = _object_to_a_missing_record(client)
    binding = bind(make_account(), FOOD)
    html = signed_in(site).get(f"/enterprise/subjects/{binding.id}").get_data(as_text=True)
    assert tracking_no in html  # the company sees that an objection exists …
    assert SECRET_REF not in html  # … but not what the applicant wrote about the record
    assert SECRET_TEXT not in html
    assert OBJECTION["contact_name"] not in html
    assert OBJECTION["contact_phone"] not in html
    assert "A record described by the applicant" in html or "申请人描述的信息" in html
    staff_page = staff_client(site, Role.ADMIN).get(f"/review/{submission(tracking_no).id}").get_data(as_text=True)
    assert SECRET_REF in staff_page  # staff still see everything
    assert SECRET_TEXT in staff_page


@pytest.mark.usefixtures("staff")
def test_an_anonymous_complaints_text_is_not_on_the_named_companys_dashboard(site: Flask, client: FlaskClient) -> None:
    data = {**COMPLAINT, "subject_uscc": FOOD, "description": SECRET_TEXT, "anonymous": "y", "contact_name": "",
            "contact_phone": "", "contact_email": ""}  # fmt: skip
    posted = fill(client, "/complaints/new", data)
    assert posted.response.status_code == 200, posted.html[:2000]
    binding = bind(make_account(), FOOD)
    html = signed_in(site).get(f"/enterprise/subjects/{binding.id}").get_data(as_text=True)
    assert SECRET_TEXT not in html
    staff_page = staff_client(site, Role.ADMIN).get(f"/review/{submission(posted.tracking_no).id}")
    assert SECRET_TEXT in staff_page.get_data(as_text=True)


def test_the_dashboard_hands_the_template_no_text_fields() -> None:
    fields = set(dashboard.SubmissionRow.__dataclass_fields__)
    assert fields == {"tracking_no", "kind", "status", "record_title", "submitted_on", "due_on"}
