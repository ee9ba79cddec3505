"""Ratings and inspections in the generic outputs: subject page, feed, suggest, credit report (entries and PDF
cells); superseded and non-public ones (政务共享 ratings, inspections of natural persons) never leave the server."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import kinds
from portal.extensions import db
from portal.importers.run import import_file
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from portal.models import Inspection, Rating, Subject
from portal.reports.content import build_sections
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, write_csv

FOOD = "91430200MA4L0A1B7K"
BUILDER = "91430211MA4T1C2D3J"  # rated 政务共享 only
PERSON_NO = "株交检〔2026〕2号"


@pytest.fixture
def site(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    for kind in ("rating", "inspection"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", tmp_path / f"{kind}.csv"))
        assert import_file(db.session, path, kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
    newer = dict(example_rows("rating")[0], 评价等级="B", 评价年度="2026", 评价日期="2026-11-20")  # supersedes 2025
    import_file(db.session, write_csv(tmp_path / "newer.csv", "rating", [newer]), "rating", today=TODAY)
    reindex(db.session, get_backend(app), TODAY)
    return app


def _subject(uscc: str) -> Subject:
    return db.session.scalars(sa.select(Subject).where(Subject.uscc == uscc)).one()


def _section(sections: list[dict], key: str) -> list[dict]:
    return next(s["records"] for s in sections if s["key"] == key)


def test_the_report_has_a_section_per_kind_with_only_current_public_records(site: Flask) -> None:
    public = build_sections(db.session, _subject(FOOD), today=TODAY, public=True)
    [rating] = _section(public, "rating")
    assert (rating["title"], rating["grade"], rating["year"]) == ("纳税信用", "B", 2026)  # the 2025 A is superseded
    [inspection] = _section(public, "inspection")
    assert (inspection["title"], inspection["result"]) == ("株市监检〔2026〕15号", "责令改正")
    assert "张三" not in inspection["conclusion"]  # scrubbed like every public text
    with site.test_request_context(headers={"Accept-Language": "zh-CN"}):
        title, content, extra = kinds.spec("rating").report_cells(rating)
        assert (title, content) == ("纳税信用\n评价年度 2026", "评价等级：B；评价分数：95.5")
        assert kinds.spec("inspection").report_cells(inspection)[2] == "责令改正"
    assert _section(build_sections(db.session, _subject(BUILDER), today=TODAY, public=True), "rating") == []
    full = build_sections(db.session, _subject(BUILDER), today=TODAY, public=False)
    assert [r["title"] for r in _section(full, "rating")] == ["建筑市场主体信用评价"]  # the subject's own report


def test_a_public_report_shows_them(site: Flask, client: FlaskClient) -> None:
    subject = _subject(FOOD).public_id
    page = client.get(f"/reports/new?subject={subject}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    issued = client.post("/reports/issue", data={"csrf_token": token.group(1), "subject": subject})
    assert issued.status_code == 303
    html = client.get(issued.headers["Location"]).get_data(as_text=True)
    assert "纳税信用" in html
    assert "株市监检〔2026〕15号" in html


def test_the_subject_page_and_feed_show_the_current_rating_only(site: Flask, client: FlaskClient) -> None:
    old = db.session.scalars(sa.select(Rating).where(Rating.year == 2025, Rating.scheme == "纳税信用")).one()
    new = db.session.scalars(sa.select(Rating).where(Rating.year == 2026, Rating.scheme == "纳税信用")).one()
    page = client.get(f"/subjects/{FOOD}").get_data(as_text=True)
    assert f"/ratings/{new.id}" in page
    assert f'/ratings/{old.id}"' not in page
    assert "株市监检〔2026〕15号" in page
    feed = client.get(f"/subjects/{FOOD}/feed.atom").get_data(as_text=True)
    assert f"/ratings/{new.id}" in feed
    assert f"/ratings/{old.id}<" not in feed
    assert f'/ratings/{old.id}"' not in feed


def test_non_public_ones_are_found_nowhere(site: Flask, client: FlaskClient) -> None:
    person = db.session.scalars(sa.select(Inspection).where(Inspection.doc_no == PERSON_NO)).one()
    assert client.get(f"/inspections/{person.id}").status_code == 404
    person_subject = db.session.get(Subject, person.subject_id)
    assert client.get(f"/api/v1/subjects/p/{person_subject.public_id}").status_code == 404
    assert client.get(f"/subjects/p/{person_subject.public_id}").status_code == 404
    for query in (PERSON_NO, "王小明", "网约车驾驶员从业资格", "株洲示例建设工程有限公司", "建筑市场主体信用评价"):
        body = client.get("/api/v1/search", query_string={"q": query}).get_json()
        assert body["results"] == [], query
    assert client.get("/api/v1/suggest", query_string={"q": "株洲示例建设"}).get_json()["suggestions"] == []
    assert client.get(f"/api/v1/subjects/{BUILDER}").status_code == 404
    for path in ("/ratings/export.csv", "/inspections/export.csv", "/ratings", "/inspections"):
        text = client.get(path).get_data(as_text=True)
        for hidden in ("建筑市场主体信用评价", PERSON_NO, "王小明", "430202198503121235", "430202199001014565"):
            assert hidden not in text, (path, hidden)


def test_ratings_and_inspections_can_be_objected_to_but_not_repaired(site: Flask, client: FlaskClient) -> None:
    rating = db.session.scalars(sa.select(Rating).where(Rating.year == 2026, Rating.scheme == "纳税信用")).one()
    inspection = db.session.scalars(sa.select(Inspection).where(Inspection.doc_no == "株市监检〔2026〕15号")).one()
    with site.test_request_context():
        from flask import url_for

        objections = [url_for("submissions.objection", record=ref) for ref in
                      (f"rating:{rating.id}", f"inspection:{inspection.id}")]  # fmt: skip
        repair = url_for("submissions.repair", record=f"rating:{rating.id}")
    first, second = (client.get(u) for u in objections)
    assert first.status_code == 200
    assert "纳税信用 2026年度" in first.get_data(as_text=True)
    assert second.status_code == 200
    assert "株市监检〔2026〕15号" in second.get_data(as_text=True)
    refused = client.get(repair, headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "该记录不能通过本表单申请信用修复。" in refused  # ratings are corrected by their 评价单位 (DOMAIN §19)


def test_good_grades_count_as_incentives_on_the_profile(site: Flask, client: FlaskClient) -> None:
    shop = client.get("/api/v1/subjects/92430202MA4R2D5E1N").get_json()["counts"]  # 环保 绿
    assert (shop["rating"], shop["good_rating"]) == (1, 1)
    food = client.get(f"/api/v1/subjects/{FOOD}").get_json()["counts"]  # 纳税 B (the A of 2025 is superseded)
    assert (food["rating"], food["good_rating"]) == (1, 0)
    page = client.get("/subjects/92430202MA4R2D5E1N", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "守信激励" in page
