"""GET /api/v1/submissions/<tracking_no>?code=… (CONTRACT.md): the status of an application, or one 404.

The route is in the api blueprint's URL table (portal/api/routes.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from portal.clock import CHINA_TZ
from portal.errors import error_response
from portal.extensions import db
from portal.submissions import guesses


def _iso(value: datetime) -> str:
    return value.astimezone(CHINA_TZ).isoformat(timespec="seconds")


def submission_status(tracking_no: str) -> Any:
    """Wrong number and wrong code give the same answer, so numbers cannot be probed; failures count against the
    budget the /track page and the chat share (portal.submissions.guesses)."""
    code = request.args.get("code", "")[:64]
    status = guesses.track(db.session, tracking_no[:64], code, get_remote_address())
    if status is None:
        return error_response(404, "not_found", _("No application matches this tracking number and query code."))
    return jsonify(
        {
            "tracking_no": status.tracking_no,
            "kind": status.kind.value,
            "status": status.status.value,
            "submitted_at": _iso(status.submitted_at),
            "due_date": status.due_on.isoformat(),
            "history": [{"status": item.status.value, "at": _iso(item.at)} for item in status.history],
        }
    )

