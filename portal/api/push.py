"""Department push of records (data-standard §15): `POST /api/v1/records/<kind>` with a key of scope `push`.

The body is one record (a JSON object whose keys are the standard's column names) or a batch (an array of up to
MAX_PUSH_ITEMS of them). Every item goes through the importer's row rules (portal/entry/rows.py) and answers with
its own outcome; a department may only push records whose 数据来源单位 is its own. Authentication, the rate limit
and the audit of refused calls are the department API's (portal/api/joint.py); the accepted call is audited with
its batch. The route is in the api blueprint's URL table (portal/api/routes.py).
"""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, jsonify, request
from flask_babel import gettext as _

from portal import clock, kinds
from portal.api.joint import api_limit, guarded, key_identity
from portal.domain.entry import MAX_PUSH_ITEMS
from portal.entry.rows import IMPORTED, REJECTED, UNCHANGED, UPDATED, Submitter, apply_items
from portal.errors import error_response
from portal.extensions import db, limiter
from portal.models import ApiKey

SCOPE = "push"
DEFAULT_MAX_BYTES = 8 * 1024 * 1024  # 1,000 full penalty rows are about 2 MB of UTF-8


def max_bytes() -> int:
    return int(current_app.config.get("PUSH_MAX_BYTES") or DEFAULT_MAX_BYTES)  # PORTAL_PUSH_MAX_BYTES


def _without_lone_surrogates(body: Any) -> Any:
    """Lone surrogates are valid JSON escapes but no database stores them: they become "?"."""
    text = json.dumps(body, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.loads(text.encode("utf-8", "replace").decode("utf-8"))
    return body


def _items() -> list[object] | Any:
    """The pushed items, or the error response to return."""
    limit = max_bytes()
    if (request.content_length or 0) > limit:
        return error_response(
            413, "body_too_large", _("The request body is larger than %(n)s bytes; send smaller batches.", n=limit)
        )
    request.max_content_length = limit  # instead of the small limit of plain form and JSON bodies (portal/http.py)
    body = request.get_json(silent=True)
    if isinstance(body, dict):
        return [_without_lone_surrogates(body)]
    if not isinstance(body, list):
        return error_response(
            400, "invalid_json", _("Send one record as a JSON object, or a batch as a JSON array of objects.")
        )
    if not body:
        return error_response(400, "empty_batch", _("The batch holds no records."))
    if len(body) > MAX_PUSH_ITEMS:
        message = _("A batch is limited to %(max)s records; %(count)s were sent.", max=MAX_PUSH_ITEMS, count=len(body))
        return error_response(400, "too_many_items", message)
    return _without_lone_surrogates(body)


@limiter.limit(api_limit, key_func=key_identity)
def push_records(kind: str) -> Any:
    def handle(key: ApiKey) -> Any:
        spec = kinds.find(kind)
        if spec is None:
            message = _("Unknown kind of record. Use one of: %(kinds)s.", kinds=", ".join(kinds.values()))
            return error_response(404, "unknown_kind", message)
        items = _items()
        if not isinstance(items, list):
            return items
        submitter = Submitter(f"apikey:{key.prefix}", None, key.department_uscc, "api")
        outcome = apply_items(
            db.session,
            spec,
            items,
            submitter=submitter,
            today=clock.today(),
            now=clock.now(),
            publish_minor_penalties=bool(current_app.config.get("PUBLISH_MINOR_PENALTIES")),
        )
        return jsonify(
            {
                "kind": spec.kind.value,
                "batch_id": outcome.batch_id,
                "summary": {s: outcome.count(s) for s in (IMPORTED, UPDATED, UNCHANGED, REJECTED)},
                "items": [item.as_json() for item in outcome.items],
            }
        )

    return guarded(SCOPE, handle)
