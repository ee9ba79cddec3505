"""Bad API input (portal.search_args.InvalidArgument, raised while parsing) answered as a 400
{"error": {"code", "message"}} in the user's language."""

from __future__ import annotations

from typing import Any

from portal.errors import error_response
from portal.search_args import InvalidArgument


def bad_request(error: InvalidArgument) -> Any:
    return error_response(400, error.code, error.message)
