"""Bad API input: raised while parsing, answered as a 400 {"error": {"code", "message"}} in the user's language."""

from __future__ import annotations

from typing import Any

from portal.errors import error_response


class BadRequest(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def bad_request(error: BadRequest) -> Any:
    return error_response(400, error.code, error.message)
