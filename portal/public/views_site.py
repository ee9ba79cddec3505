"""Views of the site itself: home, language and 适老化 switches, about/privacy/accessibility, guides, sitemap."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import make_response, redirect, render_template, request, url_for

from portal import clock, kinds
from portal.domain.kinds import ListCategory
from portal.extensions import db
from portal.i18n import LOCALE_COOKIE
from portal.public import services
from portal.public.cache import app_cache

CARE_COOKIE = "care"  # 适老化 mode: "1" = larger type, higher contrast, simpler layout
YEAR = 365 * 86400


NEWS_ON_HOME = 5
HOME_INCENTIVES = 6  # the newest honours (and other 守信激励 records) on the home page
HOME_SECTION_ROWS = 5  # rows of a kind's own home section (信用承诺)
HIGHLIGHTS = (ListCategory.REDLIST, ListCategory.BLACKLIST)  # 红榜 and 黑榜, side by side on the home page


def home():  # type: ignore[no-untyped-def]
    from portal.cms import services as cms_services  # imported late: portal.cms imports the public blueprint
    from portal.models.cms import PageKind

    today = clock.today()
    incentive = [spec for spec in kinds.specs() if spec.incentive]
    honours = services.latest_of(db.session, today, incentive, HOME_INCENTIVES, per_summary=2) if incentive else None
    sections = [spec for spec in kinds.specs() if spec.home_latest]
    return render_template(
        "public/home.html",
        counts=services.home_counts(db.session, today, app_cache()),
        other_kinds=services.other_listed_kinds(),
        incentive=honours,
        incentive_kinds=incentive,
        sections=[(spec, services.latest_of(db.session, today, [spec], HOME_SECTION_ROWS)) for spec in sections],
        latest=services.latest(db.session, today),
        highlights={c.value: services.latest_listed(db.session, today, c) for c in HIGHLIGHTS},
        news=cms_services.published_pages(db.session, PageKind.NEWS, today, per_page=NEWS_ON_HOME).items,
        today=today,
    )


def _is_local_path(target: str) -> bool:
    """True for a path on this site only: no scheme, host, "//", backslash or control character.

    Browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.com" would leave the site; a newline
    cannot go into a Location header at all.
    """
    if not target.startswith("/") or "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False
    parts = urlsplit(target)
    return not (target.startswith("//") or parts.scheme or parts.netloc)


def _back() -> str:
    target = request.args.get("next", "")
    return target if _is_local_path(target) else url_for("public.home")


def set_language(code: str):  # type: ignore[no-untyped-def]
    response = make_response(redirect(_back()))
    if code in ("zh_CN", "en"):
        response.set_cookie(LOCALE_COOKIE, code, max_age=YEAR, samesite="Lax")
    return response


def care_mode():  # type: ignore[no-untyped-def]
    """Switch 适老化 mode on (?on=1) or off (?on=0) and go back: a plain link, so it works without JavaScript."""
    response = make_response(redirect(_back()))
    if request.args.get("on") == "1":
        response.set_cookie(CARE_COOKIE, "1", max_age=YEAR, samesite="Lax", httponly=True)
    elif request.args.get("on") == "0":
        response.delete_cookie(CARE_COOKIE, samesite="Lax", httponly=True)
    return response


def about():  # type: ignore[no-untyped-def]
    return render_template("public/pages/about.html")


def privacy():  # type: ignore[no-untyped-def]
    return render_template("public/pages/privacy.html")


def accessibility():  # type: ignore[no-untyped-def]
    return render_template("public/pages/accessibility.html")


def guides():  # type: ignore[no-untyped-def]
    """办事指南: the staff-edited guides (portal/cms), with the built-in guides listed below them."""
    from portal.cms.views_public import render_index
    from portal.models.cms import PageKind

    return render_index(PageKind.GUIDE)


def guide(slug: str):  # type: ignore[no-untyped-def]
    return render_template(f"public/pages/guide_{slug}.html")  # slug is one of four literals (URL converter)


def sitemap():  # type: ignore[no-untyped-def]
    return render_template("public/pages/sitemap.html", other_kinds=services.other_listed_kinds())
