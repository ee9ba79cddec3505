"""The public pages give the same answers on SQLite and PostgreSQL (keyset seeks, grouping, LIKE, enums)."""

from __future__ import annotations

import csv
import io
import re

from flask import Flask

from tests.public.helpers import (
    FOOD_USCC,
    MARKET_DEPT,
    MINOR_PENALTY_NO,
    PERSON_NO,
    SERIOUS_NO,
    assert_no_id_numbers,
    penalty_id,
    rows_of,
)


def test_listing_filters_pages_details_profiles_and_exports(examples_any_db: Flask) -> None:
    client = examples_any_db.test_client()
    first = client.get("/penalties?per_page=1").get_data(as_text=True)
    assert PERSON_NO in first
    assert "共 2 条记录" in first
    link = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert link
    second = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert SERIOUS_NO in rows_of(second)[0]
    last = client.get("/penalties?per_page=1&last=1").get_data(as_text=True)
    assert SERIOUS_NO in last
    assert PERSON_NO not in last
    filtered = client.get(f"/penalties?ptype=罚款&dept={MARKET_DEPT}&year=2026&kind=legal&severity=serious")
    assert filtered.status_code == 200
    assert SERIOUS_NO in filtered.get_data(as_text=True)
    assert client.get("/penalties?dept=' OR 1=1 --").status_code == 400
    detail = client.get(f"/penalties/{penalty_id(SERIOUS_NO)}").get_data(as_text=True)
    assert "张*" in detail
    assert "2029-03-10" in detail
    assert client.get(f"/penalties/{penalty_id(MINOR_PENALTY_NO)}").status_code == 404
    assert client.get("/penalties/2147483647").status_code == 404
    profile = client.get(f"/subjects/{FOOD_USCC}").get_data(as_text=True)
    assert SERIOUS_NO in profile
    body = client.get("/penalties/export.csv").get_data()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert "王**" in rows[1]
    assert_no_id_numbers(body.decode("utf-8-sig"))
    lists = client.get("/lists").get_data(as_text=True)
    assert "政府采购领域严重违法失信主体" in lists
    assert "株洲示例建设工程有限公司" in client.get("/lists/blacklist").get_data(as_text=True)
    permits = client.get("/permits?category=登记&state=1").get_data(as_text=True)
    assert len(rows_of(permits)) == 1
