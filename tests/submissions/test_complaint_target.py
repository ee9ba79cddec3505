"""Issue 18: the complaint form shows the fields of the chosen target (company or department) without a script, and
the server ignores the fields of the target not chosen (they were hidden from the person filling in the form)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.submissions.fixtures import CITY_DEPT, complain, submission


def test_each_target_has_its_own_group_and_a_stylesheet_that_hides_the_other(site: Flask, client: FlaskClient) -> None:
    html = client.get("/complaints/new", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    form = html.split('class="complaint-form"', 1)[1].split("</form>", 1)[0]
    subject = form.split('class="group target target-subject"', 1)[1].split("</fieldset>", 1)[0]
    department = form.split('class="group target target-department"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="subject_name"' in subject
    assert 'name="subject_uscc"' in subject
    assert 'name="department"' in department
    assert 'name="department"' not in subject
    assert "/static/css/complaint.css" in html
    assert "<style" not in html  # no inline styles (CSP)
    css = client.get("/static/css/complaint.css")
    rules = css.get_data(as_text=True)
    css.close()
    assert ':has(input[name="about"][value="department"]:checked) .target-subject' in rules
    assert ':has(input[name="about"][value="subject"]:checked) .target-department' in rules


def test_fields_of_the_target_not_chosen_are_ignored(site: Flask, client: FlaskClient) -> None:
    # Typed a bad code for a company, then switched to a department: the hidden code blocks nothing.
    about_department = complain(client, about="department", department=CITY_DEPT, subject_uscc="91430200MA4L0A1B7A",
                                topic="department_failure")  # fmt: skip
    assert about_department.response.status_code == 200, about_department.html[:2000]
    s = submission(about_department.tracking_no)
    assert (s.subject_name, s.subject_uscc, s.department_uscc) == (None, None, CITY_DEPT)
    # Chose a department first, then switched back to the company: the hidden department is not sent on.
    about_subject = complain(client, about="subject", department=CITY_DEPT)
    assert about_subject.response.status_code == 200, about_subject.html[:2000]
    s = submission(about_subject.tracking_no)
    assert (s.subject_name, s.department_uscc, s.department_name) == ("株洲示例食品有限公司", None, None)


def test_an_unknown_target_is_refused_with_a_message(site: Flask, client: FlaskClient) -> None:
    for about in ("", "nobody", "<b>x</b>"):
        posted = complain(client, about=about)
        assert posted.response.status_code == 400
        assert 'href="#about"' in posted.html
