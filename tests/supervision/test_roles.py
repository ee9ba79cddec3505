"""Who may use each /supervision route: anonymous, every staff role, two departments, an enterprise account."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from tests.conftest import AuthActions
from tests.supervision.conftest import World

# route → roles that get 200 (the others: 403; anonymous: the sign-in page)
ROUTES = {
    "/supervision/": {Role.INTAKE, Role.REVIEWER, Role.ADMIN, Role.DEPARTMENT},
    "/supervision/rules": {Role.INTAKE, Role.REVIEWER, Role.ADMIN},
    "/supervision/rules/edit": {Role.ADMIN},
    "/supervision/treatments": {Role.ADMIN, Role.DEPARTMENT},
    "/supervision/stats": {Role.INTAKE, Role.REVIEWER, Role.ADMIN, Role.DEPARTMENT},
    "/supervision/subjects": {Role.INTAKE, Role.REVIEWER, Role.ADMIN, Role.DEPARTMENT},
    "/supervision/draws": {Role.ADMIN, Role.DEPARTMENT},
    "/supervision/draws/new": {Role.ADMIN, Role.DEPARTMENT},
}
POSTS = ["/supervision/rules/edit", "/supervision/treatments", "/supervision/draws/new"]


def test_every_supervision_route_is_listed_here(app: Flask) -> None:
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("supervision.")}
    assert rules - set(ROUTES) == {
        "/supervision/draws/<int(max=2147483647):draw_id>",
        "/supervision/draws/<int(max=2147483647):draw_id>.csv",
        "/supervision/draws/<int(max=2147483647):draw_id>.xlsx",
    }  # the draw pages: tested in test_draws.py (404 for another department) and below
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("supervision."):
            assert getattr(app.view_functions[rule.endpoint], "required_roles", None), rule.endpoint


@pytest.mark.parametrize("role", list(Role))
def test_each_staff_role_gets_exactly_its_pages(auth: AuthActions, world: World, role: Role) -> None:
    client = auth.staff(role)
    for url, allowed in ROUTES.items():
        status = client.get(url).status_code
        assert status == (200 if role in allowed else 403), (role, url, status)
    for url in ("/supervision/draws/1", "/supervision/draws/1.csv"):
        assert client.get(url).status_code == (404 if role in ROUTES["/supervision/draws"] else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    for url in [*ROUTES, "/supervision/draws/1", "/supervision/draws/1.xlsx"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login" in response.headers["Location"], url
    for url in POSTS:
        response = client.post(url, data={})
        assert response.status_code in (302, 400), url  # CSRF (400) or sign-in; never a change


def test_an_enterprise_account_has_no_supervision_page(auth: AuthActions, world: World) -> None:
    company = auth.enterprise()
    for url in [*ROUTES, "/supervision/draws/1"]:
        assert company.get(url).status_code in (302, 403), url


def test_a_department_user_without_a_department_is_refused(auth: AuthActions, world: World) -> None:
    from portal.extensions import db
    from portal.models import User

    client = auth.staff(Role.DEPARTMENT, "lost@example.gov.cn")
    user = db.session.query(User).filter_by(email="lost@example.gov.cn").one()
    user.department_uscc = None
    db.session.commit()
    assert client.get("/supervision/draws").status_code == 403
    assert client.get("/supervision/stats").status_code == 403


def test_the_back_office_menu_offers_the_pages_to_their_roles(auth: AuthActions, world: World) -> None:
    assert "/supervision/" in auth.staff(Role.DEPARTMENT).get("/supervision/draws").get_data(as_text=True)
    verifier_page = auth.staff(Role.VERIFIER).get("/review/").get_data(as_text=True)
    assert "/supervision/" not in verifier_page


def test_the_pages_are_in_chinese_by_default(auth: AuthActions, world: World) -> None:
    from tests.conftest import post_form

    client = auth.staff(Role.ADMIN)
    response = post_form(client, "/supervision/draws/new", {"task_name": "中文页面", "population": world.d},
                         content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 302
    pages = {
        "/supervision/": "分级分类监管",
        "/supervision/rules": "分级规则",
        "/supervision/rules/edit": "保存为新版本",
        "/supervision/treatments": "抽查比例",
        "/supervision/stats": "该日期没有分级结果",
        "/supervision/subjects?uscc=" + world.d: "D 信用较差",
        response.headers["Location"]: "一致：该随机种子得出的结果与本次抽取结果完全相同。",
    }
    for url, text in pages.items():
        page = client.get(url)
        assert page.status_code == 200, url
        assert text in page.get_data(as_text=True), url
