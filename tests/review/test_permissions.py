"""Every back-office route with each role (and anonymous): login required, 403 where the role may not, and the
verifier limited to its own department's accepted submissions (404, so ids cannot be probed)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.review import routes
from tests.submissions.fixtures import (
    EMAILS,
    OTHER_VERIFIER,
    PDF,
    act,
    complain,
    file,
    object_to,
    staff_client,
    submission,
)

pytestmark = pytest.mark.usefixtures("staff")


@pytest.fixture
def sub_id(site: Flask, client: FlaskClient) -> int:
    """An objection to the market regulator's penalty, accepted and forwarded (so its verifier sees it)."""
    posted = object_to(client)
    s_id = submission(posted.tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    assert act(intake, s_id, "accept").status_code == 302
    assert act(intake, s_id, "verify").status_code == 302
    return s_id


def _attachment_id(s_id: int) -> int:
    from portal.extensions import db
    from portal.models import Attachment

    return int(db.session.query(Attachment.id).filter(Attachment.submission_id == s_id).scalar())


ALL = set(Role) - {Role.DEPARTMENT}  # a department user works under /joint only
GET_ROUTES = {
    "/review/": ALL,
    "/review/{id}": ALL,
    "/review/{id}/attachments/{att}": ALL,
    "/review/exports": {Role.REVIEWER, Role.ADMIN},
    "/review/exports/penalty.csv": {Role.REVIEWER, Role.ADMIN},
    "/review/exports/list.csv": {Role.REVIEWER, Role.ADMIN},
    "/review/audit": {Role.ADMIN},
}


@pytest.mark.parametrize("role", [None, *Role])
@pytest.mark.parametrize("route", list(GET_ROUTES))
def test_each_role_on_each_page(site: Flask, sub_id: int, route: str, role: Role | None) -> None:
    url = route.format(id=sub_id, att=_attachment_id(sub_id))
    client = staff_client(site, role) if role else site.test_client()
    response = client.get(url)
    response.close()  # a download is a file response: close it
    if role is None:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/accounts/login")
    elif role in GET_ROUTES[route]:
        assert response.status_code == 200, (url, role)
    else:
        assert response.status_code == 403, (url, role)


ACTION_ROLES = {
    "note": ALL,
    "remind": {Role.INTAKE, Role.REVIEWER, Role.ADMIN},
    "close": {Role.REVIEWER, Role.ADMIN},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(ACTION_ROLES))
def test_each_role_on_each_action_of_a_submission_under_verification(
    site: Flask, sub_id: int, role: Role, action: str
) -> None:
    client = staff_client(site, role)
    if role not in ALL:  # a department user does not even open the submission
        assert client.get(f"/review/{sub_id}").status_code == 403
        return
    extra = {"outcome": "upheld"} if action == "close" else {}
    response = act(client, sub_id, action, **extra)
    assert response.status_code == (302 if role in ACTION_ROLES[action] else 403), (role, action)


@pytest.mark.parametrize("role", [Role.VERIFIER, Role.REVIEWER])
def test_intake_actions_are_forbidden_to_other_roles(site: Flask, client: FlaskClient, role: Role) -> None:
    s_id = submission(object_to(client).tracking_no).id
    staff = staff_client(site, role) if role is not Role.VERIFIER else None
    if staff is None:  # the verifier does not even see a submission that was not accepted
        assert staff_client(site, role).get(f"/review/{s_id}").status_code == 404
        return
    for action in ("accept", "reject"):
        assert act(staff, s_id, action).status_code == 403


def test_a_verifier_sees_only_its_departments_accepted_submissions(
    site: Flask, client: FlaskClient, sub_id: int
) -> None:
    other = staff_client(site, OTHER_VERIFIER)
    assert other.get(f"/review/{sub_id}").status_code == 404
    assert other.get(f"/review/{sub_id}/attachments/{_attachment_id(sub_id)}").status_code == 404  # never opened
    assert f"/review/{sub_id}" not in other.get("/review/").get_data(as_text=True)
    own = staff_client(site, Role.VERIFIER)
    assert own.get(f"/review/{sub_id}").status_code == 200
    assert f"/review/{sub_id}" in own.get("/review/").get_data(as_text=True)
    fresh = submission(object_to(client).tracking_no).id  # submitted, not yet accepted
    assert own.get(f"/review/{fresh}").status_code == 404


def test_the_reporter_of_a_complaint_is_hidden_from_verifiers_with_its_attachments(
    site: Flask, client: FlaskClient
) -> None:
    posted = complain(client, subject_name="某公司", attachments=[file(PDF, "photo.pdf")])
    s_id = submission(posted.tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    html = intake.get(f"/review/{s_id}").get_data(as_text=True)
    assert "李四" in html
    assert "13900001111" in html
    act(intake, s_id, "accept")
    act(intake, s_id, "verify", department="11430200006123458Y")
    verifier = staff_client(site, Role.VERIFIER)
    page = verifier.get(f"/review/{s_id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "李四" not in text
    assert "13900001111" not in text
    assert verifier.get(f"/review/{s_id}/attachments/{_attachment_id(s_id)}").status_code == 403
    download = intake.get(f"/review/{s_id}/attachments/{_attachment_id(s_id)}")
    download.close()
    assert download.status_code == 200


def test_every_review_view_names_its_roles() -> None:
    for _rule, endpoint, view, _methods in routes.URLS:
        assert getattr(view, "required_roles", None), endpoint


def test_staff_views_escape_what_the_public_typed(site: Flask, client: FlaskClient) -> None:
    posted = object_to(client, description="<script>alert(1)</script>", contact_name="<img src=x onerror=alert(1)>",
                       attachments=[file(PDF, "<b>x</b>.pdf")])  # fmt: skip
    s_id = submission(posted.tracking_no).id
    html = staff_client(site, Role.ADMIN).get(f"/review/{s_id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert EMAILS  # staff exist
