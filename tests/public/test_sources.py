"""/statistics/sources — 数据来源及更新情况: departments, kinds, public record counts and last update."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Penalty


def test_each_department_with_its_kinds_public_records_and_last_update(client: FlaskClient, examples: Flask) -> None:
    response = client.get("/statistics/sources")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    rows = html.split("<tr>")[2:]
    market = next(r for r in rows if "株洲市市场监督管理局" in r)
    assert "行政处罚、行政许可" in market
    assert "<td>2</td>" in market  # the serious penalty and a permit; its list entry was removed (not public)
    hetang = next(r for r in rows if "荷塘区" in r)
    assert "<td>1</td>" in hetang  # the 轻微 penalty is not public: only its permit counts
    assert "行政处罚" not in hetang
    assert "11430200006123458Y" not in html  # the page names departments, it does not list codes
    assert "/statistics/sources" in client.get("/statistics").get_data(as_text=True)


def test_a_withdrawn_record_no_longer_counts(client: FlaskClient, examples: Flask) -> None:
    penalty = db.session.query(Penalty).filter(Penalty.decision_no == "株市监罚〔2026〕15号").one()
    penalty.status = RecordStatus.WITHDRAWN
    db.session.commit()
    rows = client.get("/statistics/sources").get_data(as_text=True).split("<tr>")[2:]
    market = next(r for r in rows if "株洲市市场监督管理局" in r)
    assert "<td>1</td>" in market
    assert "行政处罚" not in market


def test_no_data_shows_an_empty_state(client: FlaskClient) -> None:
    html = client.get("/statistics/sources").get_data(as_text=True)
    assert "暂无公示记录。" in html
