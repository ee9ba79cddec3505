"""Authenticated 联合奖惩 API for departments (issue 10): credit checks, feedback, list changes since a moment.

Authentication is a department API key (`Authorization: Bearer jlk_…`, or `X-API-Key`), never the session cookie,
so the api blueprint stays exempt from CSRF. Each key has scopes and its own rate limit; every authenticated call
(allowed or refused for its scope) writes an AuditEntry.
The routes are in the api blueprint's URL table (portal/api/routes.py).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from flask import current_app, g, jsonify, make_response, request
from flask_babel import gettext as _

from portal import clock
from portal.domain import joint
from portal.domain.errors import DomainError
from portal.errors import error_response
from portal.extensions import db, limiter
from portal.joint import api_input, apikeys, changes, checks, feedback, results
from portal.joint.api_json import changes_json, check_json
from portal.models import ApiKey, AuditEntry
from portal.work_calendar import work_calendar

log = logging.getLogger(__name__)
MAX_BODY = 256 * 1024  # 1,000 USCCs in JSON are about 25 KB


def api_limit() -> str:
    return str(current_app.config.get("RATELIMIT_JOINT_API", "120 per minute"))


def key_identity() -> str:
    """Rate-limit bucket: the presented key (hashed), else the client address."""
    token = _presented_token()
    if token:
        return "apikey:" + hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:32]
    return "addr:" + (request.remote_addr or "unknown")


def _presented_token() -> str:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip()
    return request.headers.get("X-API-Key", "").strip()


def _audit(key: ApiKey, action: str, target: str, reason: str | None = None) -> None:
    db.session.add(
        AuditEntry(actor=f"apikey:{key.prefix}", action=action, target=target[:128], reason=reason, at=clock.now())
    )


def _authorised(scope: str) -> ApiKey | Any:
    """The key, or the 401/403 response to return."""
    token = _presented_token()
    if not token:
        return error_response(401, "unauthorized", _("Send a department API key in the Authorization header."))
    key = apikeys.authenticate(db.session, token)
    if key is None:
        log.warning("API call with an unknown or revoked key on %s", request.path)
        return error_response(401, "invalid_key", _("The API key is unknown or has been revoked."))
    if not apikeys.has_scope(key, scope):
        _audit(key, "api_denied", request.path, f"scope {scope}")
        db.session.commit()
        return error_response(403, "insufficient_scope", _("This API key may not use %(scope)s.", scope=scope))
    key.last_used_at = clock.now()
    g.api_key = key
    return key


def _body() -> dict[str, Any] | Any:
    if (request.content_length or 0) > MAX_BODY:
        return error_response(413, "body_too_large", _("The request body is too large."))
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error_response(400, "invalid_json", _("Send a JSON object."))
    return api_input.without_lone_surrogates(body)


def _requester(key: ApiKey) -> checks.Requester:
    return checks.Requester(key.department_uscc, f"apikey:{key.prefix}", "api", api_key_id=key.id)


def _text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    return value if isinstance(value, str) else None


CHECK_ERRORS = {
    "act": lambda: _("Unknown act. Use one of: %(acts)s.", acts=", ".join(a.value for a in joint.Act)),
    "purpose_required": lambda: _("The purpose of the check is required."),
    "purpose": lambda: _("The purpose is limited to %(n)s characters without control characters.", n=joint.MAX_PURPOSE),
    "empty": lambda: _("Give at least one subject to check."),
    "too_many": lambda: _("A batch check is limited to %(max)s subjects.", max=joint.MAX_BATCH),
}


def _run(key: ApiKey, body: dict[str, Any], lines: list[tuple[int, str]], batch: bool) -> Any:
    act, purpose = _text(body, "act"), _text(body, "purpose")
    if act is None or purpose is None:
        return error_response(400, "invalid_request", _("act and purpose must be strings."))
    request_ = checks.CheckRequest(act, purpose, lines, batch)
    try:
        check = checks.run_check(
            db.session,
            _requester(key),
            request_,
            today=clock.today(),
            now=clock.now(),
            calendar=work_calendar(db.session),
            feedback_workdays=int(current_app.config.get("JOINT_FEEDBACK_WORKDAYS", 10)),
        )
    except checks.CheckError as exc:
        reason = str(exc.params.get("reason", ""))
        message = CHECK_ERRORS.get(reason, CHECK_ERRORS["empty"])()
        return error_response(400, f"invalid_{reason}" if reason else "invalid_request", message)
    view = results.check_view(db.session, check.id, key.department_uscc, today=clock.today())
    return jsonify(check_json(view)), 201


def _guarded(scope: str, handler: Callable[[ApiKey], Any]) -> Any:
    key = _authorised(scope)
    if not isinstance(key, ApiKey):
        return key
    response = make_response(handler(key))
    if response.status_code >= 400:  # refused input is audited too (the successful calls audit themselves)
        db.session.rollback()
        _audit(key, "api_rejected", request.path, str(response.status_code))
        db.session.commit()
    return response


@limiter.limit(api_limit, key_func=key_identity)
def check_one() -> Any:
    def handle(key: ApiKey) -> Any:
        body = _body()
        if not isinstance(body, dict):
            return body
        subject = _text(body, "subject")
        if subject is None or not subject.strip():
            return error_response(400, "invalid_subject", _("subject must be a USCC or an organisation name."))
        if len(subject) > checks.MAX_QUERY:
            return error_response(
                400, "invalid_subject", _("subject is limited to %(n)s characters.", n=checks.MAX_QUERY)
            )
        return _run(key, body, [(1, subject)], batch=False)

    return _guarded("check", handle)


@limiter.limit(api_limit, key_func=key_identity)
def check_batch() -> Any:
    def handle(key: ApiKey) -> Any:
        body = _body()
        if not isinstance(body, dict):
            return body
        codes = body.get("usccs")
        if not isinstance(codes, list) or not all(isinstance(c, str) and len(c) <= 64 for c in codes):
            return error_response(400, "invalid_usccs", _("usccs must be a list of strings."))
        if len(codes) > joint.MAX_BATCH:
            message = _(
                "A batch check is limited to %(max)s subjects; %(count)s were sent.",
                max=joint.MAX_BATCH,
                count=len(codes),
            )
            return error_response(400, "invalid_too_many", message)
        return _run(key, body, list(enumerate(codes, start=1)), batch=True)

    return _guarded("check", handle)


FEEDBACK_ERRORS = {
    "outcome": lambda: _("outcome must be applied, not_applicable or not_applied."),
    "reason_required": lambda: _("Give a reason when a measure was not applied or does not apply."),
    "reason_too_long": lambda: _("The reason is limited to %(n)s characters.", n=joint.MAX_REASON),
    "measure_required": lambda: _("Name the measure that was applied (measure_id)."),
    "measure": lambda: _("This measure was not offered for this hit."),
    "hit": lambda: _("This hit does not belong to the check."),
    "duplicate": lambda: _("Each hit may appear only once."),
    "reason": lambda: _("The reason contains control characters."),
}


@limiter.limit(api_limit, key_func=key_identity)
def submit_feedback(check_id: int) -> Any:
    def handle(key: ApiKey) -> Any:
        body = _body()
        if not isinstance(body, dict):
            return body
        items = api_input.feedback_items(body)
        if items is None:
            message = _(
                "items must be a list of 1 to %(max)s objects with hit_id, outcome, measure_id and reason.",
                max=feedback.MAX_ITEMS,
            )
            return error_response(400, "invalid_items", message)
        try:
            done = feedback.record_feedback(
                db.session,
                check_id,
                key.department_uscc,
                items,
                actor=f"apikey:{key.prefix}",
                actor_id=None,
                today=clock.today(),
                now=clock.now(),
            )
        except results.CheckNotFound:
            db.session.rollback()
            return error_response(404, "not_found", _("No check with this id for your department."))
        except DomainError as exc:
            db.session.rollback()
            reason = str(exc.params.get("reason", ""))
            message = FEEDBACK_ERRORS.get(reason, FEEDBACK_ERRORS["outcome"])()
            hit = exc.params.get("hit_id")
            text = _("Hit %(hit)s: %(message)s", hit=hit, message=message) if hit is not None else message
            # Well-formed items that do not fit the stored check: 404 for a hit of another check, 409 otherwise.
            status = {"hit": 404, "measure": 409, "measure_required": 409, "duplicate": 409}.get(reason, 400)
            return error_response(status, f"invalid_{reason}" if reason else "invalid_feedback", text)
        check = results.load_check(db.session, check_id, key.department_uscc)
        return jsonify(
            {
                "check_id": check.id,
                "hits": check.hits,
                "feedback": done,
                "complete": done >= check.hits,
                "overdue": results.is_overdue(check, clock.today()),
            }
        )

    return _guarded("feedback", handle)


@limiter.limit(api_limit, key_func=key_identity)
def list_changes() -> Any:
    def handle(key: ApiKey) -> Any:
        since = api_input.since(request.args.get("since"))
        if since is None:
            return error_response(
                400, "invalid_since", _("since must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00+08:00.")
            )
        raw_limit = request.args.get("limit", "100")
        if not raw_limit.isascii() or not raw_limit.isdigit() or not 1 <= int(raw_limit[:6]) <= changes.MAX_LIMIT:
            return error_response(
                400, "invalid_limit", _("limit must be a whole number from 1 to %(max)s.", max=changes.MAX_LIMIT)
            )
        cursor = None
        if request.args.get("cursor"):
            cursor = changes.decode_cursor(request.args["cursor"])
            if cursor is None:
                return error_response(400, "invalid_cursor", _("The cursor is not valid."))
        page = changes.changes_since(db.session, since, today=clock.today(), limit=int(raw_limit), cursor=cursor)
        _audit(key, "api_changes", "list_entries", since.isoformat())
        db.session.commit()
        return jsonify(changes_json(since, page))

    return _guarded("changes", handle)



guarded = _guarded  # the department API's authentication and refusal audit, shared by portal/api/push.py
