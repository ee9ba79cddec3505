"""Catalogue management (versioned measures, list types, measures import) and API keys, by administrators only."""

from __future__ import annotations

import io
import json
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.joint.apikeys import token_hash
from portal.models import ApiKey, AuditEntry, ListType, Measure, MeasureRevision
from tests.joint.conftest import BLACKLISTED, post_form, run_web_check

HEADER = "名单名称,事项名称,责任处室,奖惩依据,奖惩对象,措施,管理阶段,组织实施,应用手段,来源,备注\n"
LIST = "政府采购领域严重违法失信主体"


def _measure_body(**overrides: str) -> dict[str, str]:
    body = {
        "list_name": LIST,
        "item": "政府采购",
        "measure": "禁止参加本市政府采购活动",
        "stage": "事前",
        "mode": "强制",
        "office": "市财政局",
        "basis": "《政府采购法》第七十七条",
        "reason": "新增措施",
    }
    return {**body, **overrides}


def test_an_administrator_adds_edits_and_retires_a_measure_with_history(admin: FlaskClient, dept: FlaskClient) -> None:
    created = post_form(admin, "/joint/catalogue/measures/new", _measure_body())
    assert created.status_code == 302
    measure = db.session.scalar(sa.select(Measure).where(Measure.measure == "禁止参加本市政府采购活动"))
    _check_id, html = run_web_check(dept, subject=BLACKLISTED)
    assert "禁止参加本市政府采购活动" in html
    url = f"/joint/catalogue/measures/{measure.id}/edit"
    assert (
        post_form(admin, url, _measure_body(measure="三年内禁止参加本市政府采购活动", reason="依据更新")).status_code
        == 302
    )
    db.session.refresh(measure)
    assert (measure.version, measure.measure) == (2, "三年内禁止参加本市政府采购活动")
    history = f"/joint/catalogue/measures/{measure.id}"
    retire = post_form(admin, history, {"reason": "备忘录废止"}, post_url=f"{history}/active/0")
    assert retire.status_code == 302
    revisions = list(
        db.session.scalars(
            sa.select(MeasureRevision).where(MeasureRevision.measure_id == measure.id).order_by(MeasureRevision.version)
        )
    )
    assert [(r.version, r.action) for r in revisions] == [(1, "create"), (2, "edit"), (3, "retire")]
    assert json.loads(revisions[0].data)["measure"] == "禁止参加本市政府采购活动"  # the old wording is kept
    assert "三年内禁止参加本市政府采购活动" in admin.get(history).get_data(as_text=True)
    _check_id, html = run_web_check(dept, subject=BLACKLISTED)
    assert "禁止参加本市政府采购活动" not in html  # retired: no longer applied
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditEntry.action.like("measure_%"))) == 3


def test_bad_measures_are_refused_and_departments_cannot_edit(admin: FlaskClient, dept: FlaskClient) -> None:
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Measure))
    for body in (
        _measure_body(item=""),
        _measure_body(stage="随时"),
        _measure_body(list_name="不存在的名单"),
        _measure_body(measure="x" * 4001),
        _measure_body(office="局" * 257),
    ):
        response = post_form(admin, "/joint/catalogue/measures/new", body)
        assert response.status_code == 400, body
    assert post_form(admin, "/joint/catalogue", {}, post_url="/joint/catalogue/measures/new").status_code == 400
    assert post_form(dept, "/joint/", _measure_body(), post_url="/joint/catalogue/measures/new").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Measure)) == before


def test_a_list_type_is_renamed_with_its_measures_and_can_be_retired(admin: FlaskClient) -> None:
    row = db.session.scalar(sa.select(ListType).where(ListType.name == "纳税信用A级纳税人"))
    count = db.session.scalar(sa.select(sa.func.count()).where(Measure.list_name == row.name))
    url = f"/joint/catalogue/list-types/{row.id}/edit"
    body = {"category": "redlist", "name": "纳税信用A级纳税人（2026版）", "department": "市税务局", "is_active": ""}
    assert post_form(admin, url, body).status_code == 302
    db.session.refresh(row)
    assert (row.name, row.is_active) == ("纳税信用A级纳税人（2026版）", False)
    assert db.session.scalar(sa.select(sa.func.count()).where(Measure.list_name == row.name)) == count
    duplicate = {**body, "name": "政府采购领域严重违法失信主体"}
    assert post_form(admin, url, duplicate).status_code == 400
    assert post_form(admin, "/joint/catalogue/list-types/new", {**body, "category": "blacklist2"}).status_code == 400


def _import(admin: FlaskClient, text: str, encoding: str = "utf-8") -> str:
    response = post_form(
        admin,
        "/joint/catalogue",
        {"upload": (io.BytesIO(text.encode(encoding)), "m.csv")},
        post_url="/joint/catalogue/import",
        content_type="multipart/form-data",
        headers={"Accept-Language": "en"},
    )
    return f"{response.status_code} {response.get_data(as_text=True)}"


def test_a_measures_file_is_imported_with_row_reasons_and_idempotently(admin: FlaskClient) -> None:
    rows = (
        f"{LIST},政府采购,市财政局,依据,供应商,限制参加政府采购,事前,采购环节,强制,,\n"
        f"{LIST},政府采购,市财政局,依据,供应商,限制参加政府采购,事前,采购环节,强制,,\n"
        "不存在的名单,政府采购,,,,措施,事前,,强制,,\n"
        f"{LIST},,,,,措施,事前,,强制,,\n"
        f"{LIST},招标投标,,,,依法限制投标,随时,,必须,,\n"
    )
    page = _import(admin, HEADER + rows, "gb18030")
    assert page.startswith("200")
    assert "1 imported, 0 updated, 0 unchanged, 4 rejected." in page
    for reason in (
        "与第2行重复",
        "名单名称不在名单目录中",
        "事项名称不能为空",
        "管理阶段应为事前、事中或事后",
        "应用手段应为强制或推荐",
    ):
        assert reason in page
    again = _import(admin, HEADER + rows.splitlines()[0] + "\n")
    assert "0 imported, 0 updated, 1 unchanged, 0 rejected." in again
    changed = _import(admin, HEADER + f"{LIST},政府采购,市财政局,新依据,供应商,限制参加政府采购,事前,采购环节,强制,,\n")
    assert "0 imported, 1 updated, 0 unchanged, 0 rejected." in changed
    measure = db.session.scalar(sa.select(Measure).where(Measure.measure == "限制参加政府采购"))
    assert (measure.version, measure.basis) == (2, "新依据")
    assert _import(admin, "a,b,c\n1,2,3\n").startswith("400")
    assert "缺少" in _import(admin, "a,b,c\n1,2,3\n")


def test_api_keys_are_shown_once_stored_hashed_and_revocable(admin: FlaskClient, dept: FlaskClient) -> None:
    body = {"department_uscc": "11430200006123458Y", "label": "审批系统对接", "scopes": ["check", "feedback"]}
    response = post_form(admin, "/joint/keys", body)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    token = html.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("jlk_")
    assert len(token) > 40
    key = db.session.scalar(sa.select(ApiKey))
    assert key.token_hash == token_hash(token)
    assert token not in (key.prefix, key.scopes, key.label)
    assert key.scopes == "check feedback"
    assert token not in admin.get("/joint/keys").get_data(as_text=True)  # never shown again
    check = {"act": "tender", "purpose": "对接测试", "subject": BLACKLISTED}
    assert dept.post("/api/v1/joint/checks", json=check, headers={"X-API-Key": token}).status_code == 201
    revoke = post_form(admin, "/joint/keys", {}, post_url=f"/joint/keys/{key.id}/revoke")
    assert revoke.status_code == 302
    assert dept.post("/api/v1/joint/checks", json=check, headers={"X-API-Key": token}).status_code == 401
    for bad in ({**body, "department_uscc": "123"}, {**body, "scopes": ["admin"]}, {**body, "label": ""}):
        assert post_form(admin, "/joint/keys", bad).status_code == 400
    assert dept.get("/joint/keys").status_code == 403
    assert post_form(dept, "/joint/", {}, post_url=f"/joint/keys/{key.id}/revoke").status_code == 403


def test_the_command_line_import_writes_a_rejects_file(site: Flask, tmp_path: Path) -> None:
    path = tmp_path / "measures.csv"
    path.write_text(
        HEADER + f"{LIST},政府采购,,,,命令行导入的措施,事前,,强制,,\n不存在的名单,政府采购,,,,措施,,,,,\n",
        encoding="utf-8-sig",
    )
    result = site.test_cli_runner().invoke(args=["joint", "import-measures", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "imported=1 updated=0 rejected=1"
    assert '3,"名单名称不在名单目录中，请先添加名单类型"' in (tmp_path / "measures.csv.rejects.csv").read_text(
        "utf-8-sig"
    )
    again = site.test_cli_runner().invoke(args=["joint", "import-measures", str(path)])
    assert again.output.strip() == "imported=0 updated=0 rejected=1"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02")
    failed = site.test_cli_runner().invoke(args=["joint", "import-measures", str(bad)])
    assert failed.exit_code == 2
