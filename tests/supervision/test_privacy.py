"""Grades are internal (DOMAIN §20): never on public pages, the API, search or the chat; the subject sees its own
grade and reasons in its enterprise account, and nobody else's."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import SubjectBinding
from portal.models.enterprise import BindingStatus
from tests.conftest import TODAY, AuthActions, post_form
from tests.supervision.conftest import World, english

# Grade words in both languages, the reasons' labels and the section title: none may leave the back office.
GRADE_WORDS = ("Poor credit", "Good credit", "Average credit", "Supervision grade", "Graded supervision",
               "信用较差", "信用良好", "信用一般", "信用较好", "监管等级", "分级分类", "列入严重失信主体名单",
               "近1年内受到一般失信行政处罚", "/supervision")  # fmt: skip


@pytest.fixture
def graded(app: Flask, world: World, dept: FlaskClient) -> World:
    """A snapshot and a draw exist, so grades are stored wherever they are stored."""
    assert app.test_cli_runner().invoke(args=["grade", "--day", TODAY.isoformat()]).exit_code == 0
    post_form(dept, "/supervision/draws/new", {"task_name": "抽查", "population": f"{world.d}\n{world.c}"},
              content_type="multipart/form-data")  # fmt: skip
    return world


def _clean(text: str) -> None:
    for word in GRADE_WORDS:
        assert word not in text, word


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_public_pages_api_and_search_show_no_grade(app: Flask, graded: World, language: str) -> None:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    for code in (graded.d, graded.c, graded.a):
        page = client.get(f"/subjects/{code}")
        assert page.status_code == 200
        _clean(page.get_data(as_text=True))
        answer = client.get(f"/api/v1/subjects/{code}")
        assert answer.status_code == 200
        _clean(json.dumps(answer.get_json(), ensure_ascii=False))
        assert "grade" not in json.dumps(answer.get_json())
        _clean(client.get(f"/search?q={code}").get_data(as_text=True))
    _clean(client.get("/").get_data(as_text=True))


def test_the_chat_tells_no_grade(app: Flask, graded: World) -> None:
    client = app.test_client()
    for message in (f"{graded.d} 的信用等级是什么", f"查一下{graded.c}的监管分级", "分级分类监管等级怎么查"):
        response = client.post("/api/v1/chat", json={"message": message})
        assert response.status_code == 200
        text = json.dumps(response.get_json(), ensure_ascii=False)
        for word in GRADE_WORDS[:4] + ("信用较差", "信用一般", "列入严重失信主体名单"):
            assert word not in text, (message, word)


def _bind(auth: AuthActions, code: str, email: str) -> tuple[FlaskClient, int]:
    from portal.models import EnterpriseAccount

    client = english(auth.enterprise(email))
    account = db.session.query(EnterpriseAccount).filter_by(email=email).one()
    binding = SubjectBinding(account_id=account.id, uscc=code, claimed_name="示例", applicant_name="张经理",
                             applicant_phone="13812345678", status=BindingStatus.APPROVED)  # fmt: skip
    db.session.add(binding)
    db.session.commit()
    return client, binding.id


def test_the_subject_sees_its_own_grade_and_reasons(auth: AuthActions, world: World) -> None:
    owner, binding_id = _bind(auth, world.d, "owner@example.com")
    html = owner.get(f"/enterprise/subjects/{binding_id}").get_data(as_text=True)
    assert "Supervision grade" in html
    assert "D Poor credit" in html
    assert "列入严重失信主体名单" in html  # the reason, with the list entry it comes from
    assert "政府采购领域严重违法失信主体" in html
    other, other_id = _bind(auth, world.b, "other@example.com")
    page = other.get(f"/enterprise/subjects/{other_id}").get_data(as_text=True)
    assert "B Fairly good credit" in page
    assert "列入严重失信主体名单" not in page
    assert other.get(f"/enterprise/subjects/{binding_id}").status_code == 403  # not its binding
