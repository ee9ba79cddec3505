"""Rate limits shared by more than one blueprint (each blueprint keeps its own single-use limits next to its views).

Failed look-ups of a submission on the /track page and in GET /api/v1/submissions/<no> share one budget per
address, so tracking numbers cannot be probed twice as fast by alternating between the page and the API.
"""

from __future__ import annotations

from typing import Any

from flask import current_app

from portal.extensions import limiter

TRACKING_SCOPE = "submission-tracking"


def track_limit() -> str:
    return str(current_app.config["RATELIMIT_TRACK"])


def _failed_lookup(response: Any) -> bool:
    return bool(response.status_code == 404)


def track_guesses(methods: list[str]) -> Any:
    """Decorator: count only failed look-ups (404) of `methods` against the shared tracking budget."""
    return limiter.shared_limit(track_limit, scope=TRACKING_SCOPE, methods=methods, deduct_when=_failed_lookup)
