"""Routes of the public site (thin: parse, call a service, render)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, make_response, redirect, render_template, request, url_for

from portal import clock
from portal.extensions import db
from portal.i18n import LOCALE_COOKIE
from portal.public import services

bp = Blueprint("public", __name__)


@bp.get("/")
def home():  # type: ignore[no-untyped-def]
    today = clock.today()
    return render_template(
        "public/home.html",
        counts=services.home_counts(db.session, today),
        latest=services.latest(db.session, today),
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


@bp.get("/lang/<code>")
def set_language(code: str):  # type: ignore[no-untyped-def]
    target = request.args.get("next", "")
    if not _is_local_path(target):
        target = url_for("public.home")
    response = make_response(redirect(target))
    if code in ("zh_CN", "en"):
        response.set_cookie(LOCALE_COOKIE, code, max_age=365 * 86400, samesite="Lax")
    return response
