"""Error handlers: JSON under /api, friendly translated pages elsewhere (decided by path, not Accept)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

log = logging.getLogger(__name__)


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


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
