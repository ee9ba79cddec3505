"""The signed-in session in the cookie, for staff and enterprise accounts alike: start, end, timeouts, loader.

Server-side checks, because the cookie's own expiry is up to the browser and a copy of a cookie outlives sign-out:
- the session generation (the account's nonce in flask-login's id) changes at sign-out, so an old copy loads no one;
- an idle timeout (PERMANENT_SESSION_LIFETIME) renewed by each request;
- an absolute lifetime (SESSION_MAX_HOURS) from sign-in that no activity renews.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, session
from flask_login import current_user, login_user, logout_user

from portal import clock
from portal.accounts import signin
from portal.extensions import db

SEEN_KEY = "staff_seen"  # last request (epoch seconds); the name predates enterprise accounts
STARTED_KEY = "signed_in_at"  # sign-in time (epoch seconds)


def start(account: Any) -> None:
    """A fresh session for the account that just signed in (no session fixation), permanent for the idle timeout."""
    session.clear()
    session.permanent = True
    login_user(account)
    now = clock.now().timestamp()
    session[SEEN_KEY] = session[STARTED_KEY] = now


def _audit(account: Any) -> signin.Audit:
    if getattr(account, "is_enterprise", False):
        from portal.enterprise.accounts import ENTERPRISE_AUDIT

        return ENTERPRISE_AUDIT
    from portal.accounts.services import STAFF_AUDIT

    return STAFF_AUDIT


def end() -> None:
    """Sign-out: a new session generation for the account (every copy of its cookies ends), then an empty session."""
    if current_user.is_authenticated:
        account = current_user._get_current_object()  # type: ignore[attr-defined]
        signin.end_generation(db.session, account, now=clock.now(), audit=_audit(account))
    logout_user()
    session.clear()


def load_user(user_id: str) -> Any:
    if user_id.startswith("e"):  # enterprise accounts "e<id>:<nonce>" (portal/enterprise); staff "<id>:<nonce>"
        from portal.enterprise.accounts import load_account

        return load_account(db.session, user_id)
    from portal.accounts.services import load_user as load_staff

    return load_staff(db.session, user_id)


def enforce_timeouts() -> None:
    """before_request: end a session idle longer than PERMANENT_SESSION_LIFETIME or older than SESSION_MAX_HOURS."""
    if SEEN_KEY not in session:
        return
    now = clock.now().timestamp()
    idle_limit = current_app.permanent_session_lifetime.total_seconds()
    age_limit = float(current_app.config["SESSION_MAX_HOURS"]) * 3600
    started = float(session.setdefault(STARTED_KEY, now))  # sessions started before the key existed: from now
    if now - float(session[SEEN_KEY]) > idle_limit or now - started > age_limit:
        logout_user()
        session.clear()
        return
    session[SEEN_KEY] = now
