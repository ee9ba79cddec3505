"""Paths of the pages the browser tests visit, resolved once against the live site's data."""

from __future__ import annotations

from urllib.parse import quote

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ListEntry, Penalty, Permit
from tests.browser.conftest import LiveServer

SERIOUS_NO = "株市监罚〔2026〕15号"  # public 严重 penalty of the data-standard examples (objection target)
SERIOUS_USCC = "91430200MA4L0A1B7K"  # its subject, 株洲示例食品有限公司
ELIGIBLE_NO = "株城管罚〔2026〕3号"  # 一般 penalty of a natural person: repair possible since 2026-08-06


def page_paths(live_server: LiveServer) -> dict[str, str]:
    """Name → path of every page checked by axe (one of each kind the public and staff see)."""
    with live_server.app.app_context():
        penalty_id = db.session.scalar(sa.select(Penalty.id).where(Penalty.decision_no == SERIOUS_NO))
        eligible_id = db.session.scalar(sa.select(Penalty.id).where(Penalty.decision_no == ELIGIBLE_NO))
        assert penalty_id is not None
        assert eligible_id is not None
        db.session.remove()
    return {
        "home": "/",
        "search results": "/search?q=" + quote("食品"),
        "penalty listing": "/penalties",
        "penalty record": f"/penalties/{penalty_id}",
        "list page": "/lists/blacklist",
        "subject profile": f"/subjects/{SERIOUS_USCC}",
        "objection form": f"/objections/new?record=penalty:{penalty_id}",
        "complaint form": "/complaints/new",
        "repair form": f"/repairs/new?record=penalty:{eligible_id}",
        "repair not yet possible": f"/repairs/new?record=penalty:{penalty_id}",
        "track": "/track",
        "chat": "/chat",
        "staff login": "/accounts/login",
        "404": "/no-such-page",
    }


def more_paths(live_server: LiveServer) -> dict[str, str]:
    """Name → path of further public pages, checked in the default mode only (same layout and styles)."""
    with live_server.app.app_context():
        permit_id = db.session.scalar(sa.select(Permit.id).order_by(Permit.id).limit(1))
        entry_id = db.session.scalar(sa.select(ListEntry.id).order_by(ListEntry.id).limit(1))
        typed = sa.select(ListEntry.list_type_id).where(ListEntry.list_type_id.is_not(None))
        type_id = db.session.scalar(typed.limit(1))
        db.session.remove()
    return {
        "permit listing": "/permits",
        "permit record": f"/permits/{permit_id}",
        "lists index": "/lists",
        "list type": f"/lists/type/{type_id}",
        "list entry": f"/lists/entries/{entry_id}",
        "search without results": "/search?q=" + quote("无此企业名称"),
        "guides": "/guides",
        "objection guide": "/guides/objection",
        "statistics": "/statistics",
        "accessibility statement": "/accessibility",
        "site map": "/sitemap",
        "submissions index": "/submissions",
        "repair results": "/repairs/results",
        "objection about a missing record": "/objections/new",
        "repair without a record": "/repairs/new",
    }
