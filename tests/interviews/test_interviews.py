"""/interviews (约谈, DOMAIN §21): recorded by the department with minutes checked like any attachment, scoped to the
department, flagged when the correction is overdue, and shown to the subject's own account."""

from __future__ import annotations

import gc
import io
import os
import re
import time
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.interviews import routes
from portal.models import Interview
from portal.submissions import uploads
from tests.conftest import post_form
from tests.enterprise.helpers import bind, make_account, signed_in
from tests.submissions.fixtures import EMAILS, EXE, JPEG, OTHER_VERIFIER, PDF, staff_client
from tests.watch.conftest import BLACKLISTED, PENALISED

JS_PDF = PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
REASON = "经认定存在严重失信行为，整改不到位"
GOOD = {"kind": "prompt", "uscc": PENALISED, "subject_name": "", "held_on": "2026-11-20", "reason": REASON,
        "measures": "30日内完成整改并提交报告", "correction_due_on": "2026-12-20"}  # fmt: skip


def english(client: FlaskClient) -> FlaskClient:
    client.set_cookie("locale", "en")
    return client


def record(client: FlaskClient, minutes: tuple[io.BytesIO, str] | None = None, **changes: object):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {**GOOD, **changes}
    if minutes is not None:
        data["minutes"] = minutes
    return post_form(english(client), "/interviews/new", data, content_type="multipart/form-data")


def minutes_pdf() -> tuple[io.BytesIO, str]:
    return io.BytesIO(PDF), "约谈记录.pdf"


def _stored(site: Flask) -> list[str]:
    folder = site.config["UPLOAD_DIR"]
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_a_department_records_an_interview_with_its_minutes(site: Flask, dept: FlaskClient) -> None:
    response = record(dept, minutes_pdf())
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    html = dept.get(response.headers["Location"]).get_data(as_text=True)
    assert "The interview was recorded." in html
    assert "株洲示例食品有限公司" in html  # the name comes from the platform when left blank
    assert "Correction pending" in html
    row = db.session.scalar(sa.select(Interview))
    assert row is not None
    assert (row.department_uscc, row.minutes_mime, row.minutes_original_name) == (
        "11430200006123458Y", "application/pdf", "约谈记录.pdf")  # fmt: skip
    assert _stored(site) == [row.minutes_stored_name]  # renamed from .part after the commit
    download = dept.get(f"/interviews/{row.id}/minutes")
    assert download.status_code == 200
    assert download.data == PDF
    assert download.headers["Content-Disposition"].endswith(f"interview-{row.id}-minutes.pdf")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    download.close()


@pytest.mark.parametrize(
    ("minutes", "changes", "message"),
    [
        (None, {}, "Attach the minutes of the interview."),
        ((io.BytesIO(EXE), "minutes.pdf"), {}, "minutes.pdf: only PDF, JPG, PNG and OFD files are accepted"),
        ((io.BytesIO(JS_PDF), "minutes.pdf"), {}, "minutes.pdf: the PDF contains scripts"),
        ((io.BytesIO(b""), "empty.pdf"), {}, "empty.pdf: the file is empty."),
        ((io.BytesIO(b"%PDF-1.4 broken"), "bad.pdf"), {}, "bad.pdf: the PDF cannot be read"),
        (minutes_pdf(), {"kind": ""}, "This field is required."),
        (minutes_pdf(), {"kind": "scold"}, "Not a valid choice"),
        (minutes_pdf(), {"uscc": ""}, "This field is required."),
        (minutes_pdf(), {"uscc": "91430200MA4L0A1B7A"}, "Enter a valid 18-character unified social credit code."),
        (minutes_pdf(), {"uscc": "<script>alert(1)</script>"}, "Field cannot be longer than 18 characters."),
        (minutes_pdf(), {"held_on": ""}, "This field is required."),
        (minutes_pdf(), {"held_on": "2026-13-01"}, "Enter a date as YYYY-MM-DD."),
        (minutes_pdf(), {"held_on": "'; DROP TABLE interviews;--"}, "Enter a date as YYYY-MM-DD."),
        (minutes_pdf(), {"held_on": "2026-11-24"}, "the date cannot be in the future."),
        (minutes_pdf(), {"held_on": "1990-01-01", "correction_due_on": "1990-02-01"}, "too far in the past"),
        (minutes_pdf(), {"correction_due_on": "2026-11-19"}, "must be after the interview."),
        (minutes_pdf(), {"correction_due_on": "2029-01-01"}, "at most two years after the interview"),
        (minutes_pdf(), {"reason": ""}, "This field is required."),
        (minutes_pdf(), {"reason": "x" * 2001}, "Field cannot be longer than 2000 characters."),
        (minutes_pdf(), {"measures": "   "}, "This field is required."),
        (minutes_pdf(), {"subject_name": "x" * 257}, "Field cannot be longer than 256 characters."),
        (minutes_pdf(), {"uscc": "12430200445612341W", "subject_name": ""}, "enter its name"),  # unknown subject
    ],
)
def test_bad_interview_input_is_refused_and_nothing_is_stored(
    site: Flask, dept: FlaskClient, minutes: tuple[io.BytesIO, str] | None, changes: dict[str, str], message: str
) -> None:
    if minutes is not None:
        minutes[0].seek(0)
    response = record(dept, minutes, **changes)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 0
    assert _stored(site) == []


@pytest.fixture
def _big_bodies() -> Iterator[None]:
    """Werkzeug's test client spools bodies over 500 KB to a temporary file it never closes; collect it here."""
    yield
    gc.collect()


@pytest.mark.usefixtures("_big_bodies")
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # the test client's own spooled body, see _big_bodies
def test_minutes_over_10_mb_are_refused(site: Flask, dept: FlaskClient) -> None:
    big = PDF + b"0" * (uploads.MAX_FILE_BYTES + 1 - len(PDF))
    response = record(dept, (io.BytesIO(big), "big.pdf"))
    assert response.status_code == 400
    assert "big.pdf: the file is larger than 10 MB." in response.get_data(as_text=True)
    assert _stored(site) == []


def _recorded(client: FlaskClient, **changes: object) -> int:
    response = record(client, (io.BytesIO(JPEG), "photo.jpg"), **changes)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/interviews/(\d+)", response.headers["Location"]).group(1))  # type: ignore[union-attr]


def test_every_interview_view_names_its_roles() -> None:
    for _rule, endpoint, view, _methods in routes.URLS:
        assert getattr(view, "required_roles", None), endpoint


@pytest.mark.usefixtures("departments")
def test_every_interview_route_checks_the_role_and_the_department(
    site: Flask, staff: dict[Role, int], dept: FlaskClient, other_dept: FlaskClient
) -> None:
    interview_id = _recorded(dept)
    make_account("boss@example.com")
    enterprise = signed_in(site, "boss@example.com")
    verifier = staff_client(site, OTHER_VERIFIER)
    readers = {role: staff_client(site, role) for role in (Role.INTAKE, Role.REVIEWER, Role.ADMIN)}
    site.config["WTF_CSRF_ENABLED"] = False  # roles only here: CSRF would answer 400 before the role check
    reads = ["/interviews/", "/interviews/?overdue=1", f"/interviews/{interview_id}",
             f"/interviews/{interview_id}/minutes"]
    for url in reads + ["/interviews/new"]:
        response = site.test_client().get(url)
        assert response.status_code == 302, url
        assert "/accounts/login" in response.headers["Location"]
        assert enterprise.get(url).status_code == 403, url
        assert verifier.get(url).status_code == 403, url
    for url in reads:
        for role, client in readers.items():
            response = client.get(url)
            response.close()  # the minutes are a file response
            assert response.status_code == 200, (role, url)
    for role, client in readers.items():
        assert client.get("/interviews/new").status_code == 403, role
        assert client.post(f"/interviews/{interview_id}/corrected", data={"corrected_on": "2026-11-21"}
                           ).status_code == 403, role  # fmt: skip
    assert site.test_client().post(f"/interviews/{interview_id}/corrected").status_code == 302
    assert other_dept.get(f"/interviews/{interview_id}").status_code == 404
    assert other_dept.get(f"/interviews/{interview_id}/minutes").status_code == 404
    assert other_dept.post(f"/interviews/{interview_id}/corrected", data={"corrected_on": "2026-11-21"}
                           ).status_code == 404  # fmt: skip
    assert REASON not in other_dept.get("/interviews/").get_data(as_text=True)
    assert "株洲示例食品有限公司" not in other_dept.get("/interviews/").get_data(as_text=True)
    assert "株洲示例食品有限公司" in readers[Role.ADMIN].get("/interviews/").get_data(as_text=True)


def test_an_overdue_correction_is_flagged_until_it_is_recorded(site: Flask, dept: FlaskClient) -> None:
    interview_id = _recorded(dept, held_on="2026-10-09", correction_due_on="2026-11-20", kind="warning")
    _recorded(dept)  # pending: due 2026-12-20
    overdue = english(dept).get("/interviews/?overdue=1").get_data(as_text=True)
    assert overdue.count("Correction overdue") == 2  # the sub-menu link and the one overdue row
    assert "Warning interview" in overdue
    assert "Reminder interview" not in overdue
    bad = post_form(dept, f"/interviews/{interview_id}", {"corrected_on": "2026-11-24"},
                    f"/interviews/{interview_id}/corrected", follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "The day of the correction lies between the interview and today." in bad
    malformed = post_form(dept, f"/interviews/{interview_id}", {"corrected_on": "yesterday"},
                          f"/interviews/{interview_id}/corrected", follow_redirects=True)  # fmt: skip
    assert "Enter a date as YYYY-MM-DD." in malformed.get_data(as_text=True)
    done = post_form(dept, f"/interviews/{interview_id}", {"corrected_on": "2026-11-21"},
                     f"/interviews/{interview_id}/corrected", follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "The correction was recorded." in done
    assert "Corrected late" in done
    assert db.session.get(Interview, interview_id).corrected_on == date(2026, 11, 21)  # type: ignore[union-attr]
    assert "Warning interview" not in english(dept).get("/interviews/?overdue=1").get_data(as_text=True)


def test_the_subjects_own_account_sees_its_interviews_and_no_one_elses(site: Flask, dept: FlaskClient) -> None:
    interview_id = _recorded(dept)
    _recorded(dept, uscc=BLACKLISTED, subject_name="", reason="另一主体的约谈事由")
    owner = bind(make_account("owner@example.com"), PENALISED)
    other = bind(make_account("other@example.com"), BLACKLISTED, name="另一公司")
    owner_client = english(signed_in(site, "owner@example.com"))
    html = owner_client.get(f"/enterprise/subjects/{owner.id}").get_data(as_text=True)
    assert REASON in html
    assert "另一主体的约谈事由" not in html
    assert "Reminder interview" in html
    minutes = owner_client.get(f"/enterprise/subjects/{owner.id}/interviews/{interview_id}/minutes")
    assert minutes.status_code == 200
    assert minutes.data == JPEG
    minutes.close()
    other_client = signed_in(site, "other@example.com")
    assert other_client.get(f"/enterprise/subjects/{other.id}/interviews/{interview_id}/minutes").status_code == 404
    assert other_client.get(f"/enterprise/subjects/{owner.id}/interviews/{interview_id}/minutes").status_code == 403
    assert owner_client.get(f"/enterprise/subjects/{owner.id}/interviews/999/minutes").status_code == 404
    anonymous = site.test_client().get(f"/enterprise/subjects/{owner.id}/interviews/{interview_id}/minutes")
    assert anonymous.status_code == 302
    assert "/enterprise/login" in anonymous.headers["Location"]
    assert staff_client(site, EMAILS[Role.DEPARTMENT]).get(
        f"/enterprise/subjects/{owner.id}/interviews/{interview_id}/minutes").status_code == 403  # fmt: skip


@pytest.mark.usefixtures("staff")
def test_staff_read_the_interviews_of_one_subject(site: Flask, dept: FlaskClient) -> None:
    _recorded(dept)
    _recorded(dept, uscc=BLACKLISTED, subject_name="", reason="另一主体的约谈事由")
    html = english(staff_client(site, Role.REVIEWER)).get(f"/interviews/?uscc={BLACKLISTED}").get_data(as_text=True)
    assert f"Interviews with the subject {BLACKLISTED}." in html
    assert "1 interview" in html
    assert "株洲示例食品有限公司" not in html
    hostile = english(dept).get("/interviews/?uscc=<script>x</script>").get_data(as_text=True)
    assert "<script>x" not in hostile
    assert "No interviews recorded." in hostile


def test_a_hostile_reason_is_escaped(site: Flask, dept: FlaskClient) -> None:
    interview_id = _recorded(dept, reason="<script>alert(1)</script>", subject_name="<b>x</b>")
    html = dept.get(f"/interviews/{interview_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html


def test_the_staff_menu_links_the_new_pages(site: Flask, dept: FlaskClient) -> None:
    html = english(dept).get("/interviews/").get_data(as_text=True)
    assert 'href="/watch/"' in html
    assert 'href="/interviews/"' in html
    assert staff_client(site, EMAILS[Role.DEPARTMENT]).get("/interviews/").status_code == 200


def test_the_upload_sweep_completes_minutes_whose_rename_a_crash_interrupted(site: Flask, dept: FlaskClient) -> None:
    interview_id = _recorded(dept)
    stored = db.session.get(Interview, interview_id).minutes_stored_name  # type: ignore[union-attr]
    folder = site.config["UPLOAD_DIR"]
    final = os.path.join(folder, stored)
    os.replace(final, final + ".part")  # as if the process died between the commit and the rename
    old = time.time() - 2 * uploads.STALE_SECONDS
    os.utime(final + ".part", (old, old))
    result = site.test_cli_runner().invoke(args=["sweep-uploads"])
    assert result.output.strip() == "completed=1 removed=0"
    assert _stored(site) == [stored]
