"""Error handlers: JSON under /api, friendly translated pages elsewhere (decided by path, not Accept)."""

from __future__ import annotations

import logging
import time

import sqlalchemy as sa
from flask import Flask, current_app, g, jsonify, make_response, render_template, request, session
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

log = logging.getLogger(__name__)
# A read that lost the database waits this long for it to answer again before it is run once more: a restart or a
# promotion takes well under a second to a few seconds (docs/operations.md), a 500 page would take none.
RECONNECT_WAIT_SECONDS = 5.0
# PostgreSQL states of a server that is going away or not there yet: connection exceptions (08…),
# admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, in recovery).
_GONE_STATES = ("57P01", "57P02", "57P03")
# Form posts that are run again like reads: a submission form carries a one-time form token, and a second run
# with the same token answers the first one's receipt and stores nothing (portal/submissions/services.py).
RETRYABLE_POSTS = frozenset({"submissions.objection", "submissions.complaint", "submissions.repair"})


def _is_api() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str):  # type: ignore[no-untyped-def]
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def handle_http(error: HTTPException):  # type: ignore[no-untyped-def]
    status = error.code or 500
    if isinstance(error, SecurityError):  # an untrusted Host: no URL can be built, so no page and no link
        return error_response(400, "bad_host", "Bad Request") if _is_api() else ("Bad Request", 400)
    if _is_api():
        return error_response(status, (error.name or "error").lower().replace(" ", "_"), error.description or "")
    template = f"errors/{status}.html" if status in (403, 404, 500) else "errors/generic.html"
    return render_template(template, status=status, error=error), status


def handle_unexpected(error: Exception):  # type: ignore[no-untyped-def]
    from portal.extensions import db

    db.session.rollback()
    log.error("unhandled error on %s", request.path, exc_info=error)
    if _is_api():
        return error_response(500, "internal_error", _("An internal error occurred. Please try again later."))
    return render_template("errors/500.html", status=500, error=InternalServerError()), 500


def database_gone(error: DBAPIError) -> bool:
    """The database went away: a connection broke, or no new one could be made (refused, the server shutting down
    or starting up). Not a statement's own failure (syntax, constraint, statement timeout)."""
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError) or not type(error.orig).__module__.startswith("psycopg"):
        return False
    state = getattr(error.orig, "sqlstate", None)  # None: raised by the client library, not sent by a server
    return state is None or state.startswith("08") or state in _GONE_STATES


def wait_for_database(seconds: float) -> bool:
    """True as soon as the database answers a query on a new connection, False after `seconds`."""
    from portal.extensions import db

    deadline = time.monotonic() + seconds
    while True:
        try:
            db.session.execute(sa.text("SELECT 1"))
            return True
        except DBAPIError:
            db.session.rollback()
            db.session.remove()
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def _rewind_request() -> None:
    """Put the request back as it arrived for a second run: uploaded files at their start, and the session as the
    cookie brought it (the first run used up its CAPTCHA question in the session, not in the database)."""
    for files in request.files.listvalues():
        for upload in files:
            upload.stream.seek(0)
    if request.method not in ("GET", "HEAD"):
        as_sent = current_app.session_interface.open_session(current_app, request)  # decoded from the cookie again
        if as_sent is not None:
            session.clear()
            session.update(as_sent)


def handle_database_gone(error: DBAPIError):  # type: ignore[no-untyped-def]
    """The database connection broke or could not be made (a failover, a restart; issue 21). A read (GET, HEAD)
    or a submission form (RETRYABLE_POSTS) waits up to RECONNECT_WAIT_SECONDS for the database and is run once
    more on a new connection; any other write gets 503 with Retry-After, and the client may send it again. Other
    database errors are unexpected errors."""
    from portal.extensions import db

    if not database_gone(error):
        return handle_unexpected(error)
    db.session.rollback()
    db.session.remove()  # the next query takes a new connection; the pool drops the broken ones (pre-ping)
    retryable = request.method in ("GET", "HEAD") or request.endpoint in RETRYABLE_POSTS
    if retryable and not g.get("database_retried"):
        g.database_retried = True
        log.warning("database connection lost on %s %s: trying once more", request.method, request.path)
        wait_for_database(RECONNECT_WAIT_SECONDS)
        _rewind_request()
        try:
            return current_app.dispatch_request()
        except HTTPException as again:  # the view's own answer (404 ...), as on a first try
            return handle_http(again)
        except Exception as again:  # noqa: BLE001 - the second failure is the error page, not a loop
            return handle_unexpected(again)
    log.warning("database connection lost on %s %s: answered 503", request.method, request.path)
    message = _("The service is briefly unavailable. Please try again in a moment.")
    if _is_api():
        response = error_response(503, "database_unavailable", message)
    else:
        response = make_response(render_template("errors/generic.html", status=503), 503)
    response.headers["Retry-After"] = "5"
    return response


def remove_session(_error: BaseException | None) -> None:
    """Ends the request's session. A connection the server cut meanwhile (a restart or a promotion under way)
    makes the final rollback fail: it is dropped, rather than turning an answer that is ready into a 500
    (Flask-SQLAlchemy's own teardown, which runs after this one, then finds nothing left to do)."""
    from portal.extensions import db

    try:
        db.session.remove()
    except DBAPIError as error:
        if not database_gone(error):
            raise
        db.session.registry.clear()  # remove() stopped before forgetting the session; the pool dropped the link
        log.warning("database connection lost while ending the request: dropped")


def register(app: Flask) -> None:
    app.teardown_appcontext(remove_session)  # registered after db.init_app, so it runs before its teardown
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(DBAPIError, handle_database_gone)
    app.register_error_handler(Exception, handle_unexpected)
