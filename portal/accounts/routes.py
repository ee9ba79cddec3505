"""Staff login and logout (/accounts); the session itself (start, end, timeouts, loader) is sessions.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts import services, sessions, views_manage
from portal.accounts.forms import LoginForm
from portal.domain.roles import Role
from portal.extensions import db, limiter
from portal.review import nav
from portal.sign_in import safe_next

bp = Blueprint("accounts", __name__)


def login_limit() -> str:
    return str(current_app.config["RATELIMIT_LOGIN"])


def _home() -> str:
    """The signed-in user's start page: their first back-office page, or an enterprise's own dashboard."""
    role = getattr(current_user, "role", None)
    return nav.home_url(role) if isinstance(role, Role) else url_for("enterprise.home")


@limiter.limit(login_limit, methods=["POST"])
def login():  # type: ignore[no-untyped-def]
    if current_user.is_authenticated:
        return redirect(_home())
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        cfg = current_app.config
        policy = services.LoginPolicy(int(cfg["LOGIN_MAX_FAILURES"]), int(cfg["LOGIN_LOCK_MINUTES"]))
        user = services.authenticate(db.session, form.email.data, form.password.data, now=clock.now(), policy=policy)
        if user is not None:
            sessions.start(user)
            return redirect(safe_next(request.args.get("next"), _home()))
        failed = True
    status = 401 if failed else (400 if form.errors else 200)
    return render_template("accounts/login.html", form=form, failed=failed), status


def logout():  # type: ignore[no-untyped-def]
    sessions.end()  # a new session generation: a copy of the cookie taken before no longer signs in
    flash(_("You have signed out."))
    return redirect(url_for("accounts.login"))


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/login", "login", login, ["GET", "POST"]),
    ("/logout", "logout", logout, ["POST"]),
    *views_manage.URLS,  # /users…, /password
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
