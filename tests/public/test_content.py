"""Public text speaks for this site (issue 18): no editing notes ("原文未列", "原文称…") and no other city's names
on the home page, the list pages, the guides, the policies or the news, as shipped (catalogue, seed pages, demo)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.cms.seed import seed_pages
from portal.demo.load import load_demo
from portal.extensions import db
from portal.models import ListType, Page
from portal.models.cms import PageKind
from tests.conftest import TODAY

# The places of the source documents (shared/seeds/, DOMAIN.md §1) and their document-number prefixes.
FOREIGN = ("株洲", "荷塘", "忻州", "忻政办", "凌源", "凌信办", "历下", "广元", "江门", "万秀")
FOREIGN += ("淮安", "西宁", "长沙", "安徽")
NOTE = re.compile(r"原文|本包|篇[一二三四五六七八九十]+")  # editing notes about the source texts
PAGE_PATHS = {PageKind.POLICY: "/policies/{}", PageKind.NEWS: "/news/{}", PageKind.GUIDE: "/guides/{}"}


@pytest.fixture
def site(app: Flask) -> FlaskClient:
    """The catalogue (loaded by the app fixture), the shipped pages and a small demo data set."""
    seed_pages(db.session)
    load_demo(db.session, records=300, seed=2026, as_of=TODAY)
    db.session.commit()
    return app.test_client()


def _public_paths() -> list[str]:
    paths = ["/", "/lists", "/lists/redlist", "/lists/blacklist", "/lists/watchlist", "/guides", "/policies", "/news"]
    paths += [f"/guides/{slug}" for slug in ("objection", "complaint", "repair", "publicity")]
    paths += [f"/lists/type/{type_id}" for type_id in db.session.scalars(sa.select(ListType.id).order_by(ListType.id))]
    paths += [PAGE_PATHS[kind].format(slug) for kind, slug in db.session.execute(sa.select(Page.kind, Page.slug))]
    return paths


def _problems(html: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", html)
    found = [name for name in FOREIGN if name in text]
    found += [m.group(0) + "…" + text[m.start() : m.start() + 30] for m in NOTE.finditer(text)]
    return found


def test_public_pages_carry_no_editing_notes_and_no_other_citys_names(site: FlaskClient) -> None:
    paths = _public_paths()
    assert len(paths) > 90  # every list type, guide, policy and news item was visited
    problems = {}
    for path in paths:
        response = site.get(path)
        assert response.status_code == 200, path
        found = _problems(response.get_data(as_text=True))
        if found:
            problems[path] = found
    assert problems == {}


def test_the_check_catches_a_note_and_a_foreign_city() -> None:
    assert _problems("<td>（原文未列）</td>") == ["原文…原文未列） "]
    assert _problems("<p>株洲海关</p>") == ["株洲"]
    assert _problems("<p>江临海关</p>") == []
