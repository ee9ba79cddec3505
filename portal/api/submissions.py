"""GET /api/v1/submissions/<tracking_no>?code=… (CONTRACT.md): the status of an application, or one 404.

The route is in the api blueprint's URL table (portal/api/routes.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _

from portal.clock import CHINA_TZ
from portal.errors import error_response
from portal.extensions import db
from portal.rate_limits import track_guesses
from portal.submissions import services


def _iso(value: datetime) -> str:
    return value.astimezone(CHINA_TZ).isoformat(timespec="seconds")


@track_guesses(["GET"])
def submission_status(tracking_no: str) -> Any:
    """Wrong number and wrong code give the same answer, so numbers cannot be probed; failures are rate limited."""
    status = services.track(db.session, tracking_no[:64], request.args.get("code", "")[:64])
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

