"""The credit report and the record page name a record's status with the same words (one label, portal/i18n.py)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import Permit
from tests.enterprise.helpers import SHOP
from tests.reports.test_reports import issue_public

PERMIT_NO = "荷市监登〔2026〕311号"  # SHOP's public permit


def _report_status(html: str) -> str:
    """The status cell of the permit's row in the report."""
    row = html[html.index(PERMIT_NO) :]
    found = re.search(r'<td class="nowrap">\d{4}-\d{2}-\d{2}</td>\s*<td class="nowrap">([^<]+)', row)
    assert found, row[:800]
    return found.group(1).strip()


def _page_status(html: str) -> str:
    found = re.search(r'<span class="badge badge-published">([^<]+)</span>', html)
    assert found
    return found.group(1)


@pytest.mark.parametrize(("locale", "text"), [("zh_CN", "公示中"), ("en", "Published")])
def test_report_and_record_page_show_the_same_status_text(site: Flask, client: FlaskClient, locale: str,
                                                          text: str) -> None:  # fmt: skip
    client.set_cookie("locale", locale)
    number = issue_public(client, SHOP)
    report = client.get(f"/reports/{number}").get_data(as_text=True)
    permit_id = db.session.scalar(sa.select(Permit.id).where(Permit.doc_no == PERMIT_NO))
    page = client.get(f"/permits/{permit_id}").get_data(as_text=True)
    assert _page_status(page) == text
    assert _report_status(report) == text
