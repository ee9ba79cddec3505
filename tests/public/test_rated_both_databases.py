"""Ratings and inspections give the same answers on SQLite and PostgreSQL: import (with supersession), listing
filters, record pages, exports and the subject API."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.extensions import db
from portal.importers.run import import_file
from portal.models import Inspection, Rating
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, write_csv

FOOD = "91430200MA4L0A1B7K"


def test_ratings_and_inspections_on_both_databases(
    app_any_db: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    for kind in ("rating", "inspection"):
        path = write_csv(tmp_path / f"{kind}.csv", kind, example_rows(kind))
        assert import_file(db.session, path, kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
    newer = dict(example_rows("rating")[0], 评价等级="M", 评价年度="2026", 评价日期="2026-11-20")
    path = write_csv(tmp_path / "newer.csv", "rating", [newer])
    assert import_file(db.session, path, "rating", today=TODAY).summary == "imported=1 updated=0 rejected=0"
    query = sa.select(Rating.grade, Rating.public_until).where(Rating.scheme == "纳税信用").order_by(Rating.rated_on)
    assert db.session.execute(query).all() == [("A", date(2026, 11, 19)), ("M", date(2027, 11, 19))]
    client = app_any_db.test_client()
    listing = client.get("/ratings", query_string={"category": "纳税信用", "state": "M", "year": "2026"})
    assert "株洲示例食品有限公司" in listing.get_data(as_text=True)
    assert "株洲示例食品有限公司" not in client.get("/ratings", query_string={"state": "A"}).get_data(as_text=True)
    inspections = client.get("/inspections", query_string={"category": "双随机抽查", "state": "责令改正"})
    assert "株市监检〔2026〕15号" in inspections.get_data(as_text=True)
    record = db.session.scalars(sa.select(Inspection).where(Inspection.doc_no == "株市监检〔2026〕15号")).one()
    assert client.get(f"/inspections/{record.id}").status_code == 200
    exported = client.get("/ratings/export.csv").get_data(as_text=True)
    assert "环保信用" in exported
    assert "建筑市场主体信用评价" not in exported
    profile = client.get(f"/api/v1/subjects/{FOOD}").get_json()
    assert [r["grade"] for r in profile["ratings"]] == ["M"]
    assert [r["inspection_no"] for r in profile["inspections"]] == ["株市监检〔2026〕15号"]
    assert profile["counts"]["rating"] == 1
