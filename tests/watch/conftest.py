"""Fixtures of the watch-list and interview tests: the 联合奖惩 fixtures (data-standard examples, two departments)."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from portal import clock
from portal.domain import screening
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Coercion, Subject, WatchList
from portal.watch import lists
from tests.joint.conftest import (  # noqa: F401 - fixtures shared with the 联合奖惩 tests
    BLACKLISTED,
    CITY_DEPT,
    DEPT_EMAIL,
    MARKET_DEPT,
    MINOR_SHOP,
    OTHER_DEPT_EMAIL,
    PENALISED,
    REDLISTED,
    REMOVED,
    _fast_hashes,
    admin,
    client,
    departments,
    dept,
    other_dept,
    site,
    staff,
)

__all__ = ["BLACKLISTED", "CITY_DEPT", "DEPT_EMAIL", "MARKET_DEPT", "MINOR_SHOP", "OTHER_DEPT_EMAIL", "PENALISED",
           "REDLISTED", "REMOVED"]  # fmt: skip


def make_list(department: str, codes: list[str], name: str = "重点食品企业") -> WatchList:
    watch = lists.create(db.session, department, name, actor="t@example.gov.cn", actor_id=None, now=clock.now())
    if codes:
        parsed = screening.parse_codes(enumerate(codes, start=1))
        lists.add_codes(db.session, watch, parsed, actor="t@example.gov.cn", actor_id=None, now=clock.now())
    db.session.commit()
    return watch


def add_coercion(code: str, decided_on: date, lifted_on: date | None = None, doc_no: str = "株市监强〔2026〕1号",
                 status: RecordStatus = RecordStatus.NOT_PUBLIC) -> Coercion:  # fmt: skip
    subject = db.session.query(Subject).filter_by(uscc=code).one()
    row = Coercion(subject_id=subject.id, status=status, hold_reason="政务共享", public_from=decided_on,
                   public_until=None, source_name="株洲市市场监督管理局", source_uscc=MARKET_DEPT, row_hash="c" * 64,
                   doc_no=doc_no, doc_key=doc_no, categories="查封场所、设施或者财物", reason="涉嫌生产假冒食品",
                   basis="《中华人民共和国食品安全法》第一百一十条", content="查封仓库", decided_on=decided_on,
                   lifted_on=lifted_on, authority_name="株洲市市场监督管理局", authority_uscc=MARKET_DEPT)  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def run_job(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["screen-watchlists", *args])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def page(browser: FlaskClient, url: str) -> str:
    response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)
