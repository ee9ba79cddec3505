"""Routes of the public site (thin: parse, call a service, render)."""

from __future__ import annotations

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


@bp.get("/lang/<code>")
def set_language(code: str):  # type: ignore[no-untyped-def]
    target = request.args.get("next", "")
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        target = url_for("public.home")
    response = make_response(redirect(target))
    if code in ("zh_CN", "en"):
        response.set_cookie(LOCALE_COOKIE, code, max_age=365 * 86400, samesite="Lax")
    return response
