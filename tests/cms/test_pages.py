"""Staff-edited pages: who may edit, CSRF, validation, drafts never public, revisions and audit kept."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from portal.cms import services
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry, Page, PageRevision
from portal.models.cms import BODY_MAX, PageKind
from tests.conftest import TODAY
from tests.submissions.fixtures import hidden_fields, staff_client

SYSTEM = services.Editor(None, "system")
FORM = {"kind": "news", "title": "信用修复培训通知", "slug": "xiu-fu-pei-xun", "summary": "摘要",
        "body": "## 时间\n\n本周五下午。", "published_on": "", "save": "y"}  # fmt: skip


def post_form(client: FlaskClient, url: str, **changes: str) -> TestResponse:
    token = hidden_fields(client.get(url).get_data(as_text=True))["csrf_token"]
    return client.post(url, data={**FORM, **changes, "csrf_token": token})


def post_button(client: FlaskClient, page_id: int, action: str) -> TestResponse:
    token = hidden_fields(client.get(f"/review/pages/{page_id}").get_data(as_text=True))["csrf_token"]
    return client.post(f"/review/pages/{page_id}/{action}", data={"csrf_token": token})


def only_page() -> Page:
    db.session.expire_all()
    return db.session.scalars(sa.select(Page)).one()


@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), (Role.INTAKE, 403), (Role.VERIFIER, 403), (Role.REVIEWER, 200), (Role.ADMIN, 200)]
)
def test_only_reviewers_and_admins_may_edit_pages(site: Flask, staff: dict, role: Role | None, status: int) -> None:
    page = services.create_page(db.session, services.PageInput(PageKind.NEWS, "草稿", "正文"), editor=SYSTEM,
                                today=TODAY)  # fmt: skip
    client = site.test_client() if role is None else staff_client(site, role)
    urls = ("/review/pages", "/review/pages/new", f"/review/pages/{page.id}", f"/review/pages/{page.id}/versions/1")
    for url in urls:
        response = client.get(url)
        assert response.status_code == (404 if status == 200 and "versions" in url else status), url
        if status == 302:
            assert "/accounts/login" in response.headers["Location"]
    token = hidden_fields(client.get("/complaints/new").get_data(as_text=True))["csrf_token"]  # any form's token
    response = client.post(f"/review/pages/{page.id}/publish", data={"csrf_token": token})
    assert response.status_code == (302 if status == 200 else status)
    assert only_page().is_published is (status == 200)
    response = client.post("/review/pages/new", data={**FORM, "csrf_token": token})
    assert response.status_code == (302 if status == 200 else status)


def test_the_back_office_menu_links_to_pages_only_for_editors(site: Flask, staff: dict) -> None:
    assert "/review/pages" in staff_client(site, Role.REVIEWER).get("/review/").get_data(as_text=True)
    assert "/review/pages" not in staff_client(site, Role.INTAKE).get("/review/").get_data(as_text=True)


def test_a_new_page_is_a_draft_until_published_and_gone_again_when_unpublished(site: Flask, staff: dict) -> None:
    editor = staff_client(site, Role.REVIEWER)
    response = post_form(editor, "/review/pages/new")
    assert response.status_code == 302
    page = only_page()
    assert (page.kind, page.slug, page.is_published, page.author) == (PageKind.NEWS, "xiu-fu-pei-xun", False,
                                                                       "reviewer@example.gov.cn")  # fmt: skip
    public = site.test_client()
    assert public.get("/news/xiu-fu-pei-xun").status_code == 404
    assert "信用修复培训通知" not in public.get("/news").get_data(as_text=True)

    assert post_button(editor, page.id, "publish").status_code == 302
    shown = public.get("/news/xiu-fu-pei-xun").get_data(as_text=True)
    assert "信用修复培训通知" in shown
    assert "<h2>时间</h2>" in shown
    assert TODAY.isoformat() in shown
    assert "信用修复培训通知" in public.get("/news").get_data(as_text=True)

    assert post_button(editor, page.id, "unpublish").status_code == 302
    assert public.get("/news/xiu-fu-pei-xun").status_code == 404
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.target == f"page:{page.id}")).all()
    assert actions == ["page_create", "page_publish", "page_unpublish"]


def test_posts_without_a_csrf_token_are_refused(site: Flask, staff: dict) -> None:
    editor = staff_client(site, Role.ADMIN)
    assert editor.post("/review/pages/new", data=FORM).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Page)) == 0
    page = services.create_page(db.session, services.PageInput(PageKind.NEWS, "草稿", "正文"), editor=SYSTEM,
                                today=TODAY)  # fmt: skip
    assert editor.post(f"/review/pages/{page.id}/publish", data={"csrf_token": "forged"}).status_code == 400
    assert only_page().is_published is False


def test_hostile_markdown_is_stored_as_written_but_shown_sanitised(site: Flask, staff: dict) -> None:
    editor = staff_client(site, Role.ADMIN)
    body = "<script>alert('x')</script>\n\n[点我](javascript:alert(1))\n\n<img src=x onerror=alert(1)>"
    post_form(editor, "/review/pages/new", body=body, kind="policy", slug="xss")
    page = only_page()
    assert page.body == body
    preview = post_form(editor, f"/review/pages/{page.id}", body=body, kind="policy", slug="xss", save="", preview="y")
    post_button(editor, page.id, "publish")
    for html in (preview.get_data(as_text=True), site.test_client().get("/policies/xss").get_data(as_text=True)):
        assert "<script>alert" not in html
        assert 'href="javascript' not in html.lower()
        assert "<img" not in html
        assert "点我</a>" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug": "taken"}, "Another page in this section already uses this web address"),
        ({"slug": "objection", "kind": "guide"}, "This web address belongs to a built-in page"),
        ({"slug": "Bad Slug!"}, "Use lower-case letters, digits and hyphens only."),
        ({"slug": "../etc/passwd"}, "Use lower-case letters, digits and hyphens only."),
        ({"body": "长" * (BODY_MAX + 1)}, "The text is too long"),
        ({"title": ""}, "This field is required."),
        ({"title": "标" * 201}, "Field cannot be longer than 200 characters."),
        ({"kind": "secret"}, "Not a valid choice"),
        ({"published_on": "2026-13-45"}, "Not a valid date value."),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(site: Flask, staff: dict, changes: dict, message: str) -> None:
    services.create_page(db.session, services.PageInput(PageKind.NEWS, "已有", "正文", slug="taken"), editor=SYSTEM,
                         today=TODAY)  # fmt: skip
    site.config["BABEL_DEFAULT_LOCALE"] = "en"
    editor = staff_client(site, Role.ADMIN)
    editor.set_cookie("locale", "en")
    response = post_form(editor, "/review/pages/new", **changes)
    assert response.status_code == (409 if changes == {"slug": "taken"} else 400)  # 409: a conflict with a stored page
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Page)) == 1


def test_every_edit_keeps_the_previous_version(site: Flask, staff: dict) -> None:
    editor = staff_client(site, Role.REVIEWER)
    post_form(editor, "/review/pages/new", title="第一版")
    page_id = only_page().id
    post_form(editor, f"/review/pages/{page_id}", title="第二版")
    post_form(editor, f"/review/pages/{page_id}", title="第三版", body="新的正文")
    post_form(editor, f"/review/pages/{page_id}", title="第三版", body="新的正文")  # unchanged: no new version
    page = only_page()
    assert (page.title, page.version) == ("第三版", 3)
    old = db.session.scalars(sa.select(PageRevision).order_by(PageRevision.version)).all()
    assert [(r.version, r.title) for r in old] == [(1, "第一版"), (2, "第二版")]
    assert old[1].body == FORM["body"]
    assert "第一版" in editor.get(f"/review/pages/{page_id}/versions/1").get_data(as_text=True)
    assert "/versions/2" in editor.get(f"/review/pages/{page_id}").get_data(as_text=True)


def test_the_public_index_is_newest_first_and_paged(site: Flask) -> None:
    for day in range(1, 13):
        data = services.PageInput(PageKind.POLICY, f"政策{day:02d}", "正文", published_on=date(2026, 10, day))
        services.create_page(db.session, data, editor=SYSTEM, today=TODAY, publish=True)
    draft = services.PageInput(PageKind.POLICY, "草稿政策", "正文")
    services.create_page(db.session, draft, editor=SYSTEM, today=TODAY)
    future = services.PageInput(PageKind.POLICY, "将来政策", "正文", published_on=date(2027, 1, 1))
    services.create_page(db.session, future, editor=SYSTEM, today=TODAY, publish=True)
    client = site.test_client()
    first = client.get("/policies").get_data(as_text=True)
    assert first.index("政策12") < first.index("政策03")
    assert "政策02" not in first
    assert "草稿政策" not in first
    assert "将来政策" not in first
    second = client.get("/policies?page=2").get_data(as_text=True)
    assert "政策02" in second
    assert "政策01" in second
    assert "政策12" not in second
    for bad in ("3", "0", "abc", "-1", "99999999999999999999", "1%27%20OR%201=1"):
        assert client.get(f"/policies?page={bad}").status_code == 404
    assert client.get("/news").status_code == 200
    assert "Nothing has been published" in client.get("/news", headers={"Accept-Language": "en"}).get_data(as_text=True)
