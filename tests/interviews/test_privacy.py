"""Privacy (DOMAIN §6, §21): watch lists, screening hits, feedback and interviews are internal. Nothing of them
reaches public pages, the API, search, suggest, the chat or the logs."""

from __future__ import annotations

import io
import logging

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import WatchHit
from tests.conftest import post_form
from tests.submissions.fixtures import PDF
from tests.watch.conftest import BLACKLISTED, MARKET_DEPT, PENALISED, make_list, run_job

REASON = "约谈事由甲乙丙仅供内部"
MEASURES = "约定措施丁戊己"
FEEDBACK = "反馈措施庚辛壬"
LIST_NAME = "内部监管名单癸"
MARKERS = (REASON, MEASURES, FEEDBACK, LIST_NAME, "约谈", "重点监管", "Interview", "watch list")


def _internal_data(site: Flask, dept: FlaskClient) -> None:
    make_list(MARKET_DEPT, [PENALISED, BLACKLISTED], name=LIST_NAME)
    run_job(site)
    hit_id = db.session.scalar(sa.select(WatchHit.id).where(WatchHit.uscc == PENALISED))
    post_form(dept, "/watch/hits", {"feedback": FEEDBACK}, f"/watch/hits/{hit_id}/feedback")
    data = {"kind": "warning", "uscc": PENALISED, "subject_name": "", "held_on": "2026-11-20", "reason": REASON,
            "measures": MEASURES, "correction_due_on": "2026-11-21", "minutes": (io.BytesIO(PDF), "m.pdf")}  # fmt: skip
    response = post_form(dept, "/interviews/new", data, content_type="multipart/form-data")
    assert response.status_code == 302


@pytest.mark.usefixtures("departments")
def test_nothing_internal_reaches_public_pages_api_search_or_chat(
    site: Flask, dept: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _internal_data(site, dept)
    public = site.test_client()
    responses = {
        "subject page": public.get(f"/subjects/{PENALISED}"),
        "search": public.get("/search?q=株洲示例食品"),
        "search by code": public.get(f"/search?q={PENALISED}"),
        "api subject": public.get(f"/api/v1/subjects/{PENALISED}"),
        "api search": public.get("/api/v1/search?q=株洲示例食品"),
        "api suggest": public.get("/api/v1/suggest?q=株洲示例"),
        "chat": public.post("/api/v1/chat", json={"message": f"{PENALISED} 有没有被约谈"}),
        "chat by name": public.post("/api/v1/chat", json={"message": "株洲示例食品有限公司的信用记录"}),
    }
    for where, response in responses.items():
        assert response.status_code == 200, (where, response.status_code)
        body = response.get_data(as_text=True)
        for marker in MARKERS:
            assert marker not in body, (where, marker)
    logged = caplog.text
    for marker in (REASON, MEASURES, FEEDBACK, LIST_NAME):
        assert marker not in logged
