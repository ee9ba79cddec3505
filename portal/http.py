"""The request class and JSON provider of the app: smaller body limits for plain forms, a JSON nesting limit.

Werkzeug applies MAX_FORM_MEMORY_SIZE only to multipart text parts; an urlencoded body is read whole and is
limited only by MAX_CONTENT_LENGTH, which is sized for uploads (60 MB). A 10 MB field would then reach a view and
be echoed back in its page. Python's json module recurses per nesting level, so a body nested a few thousand
levels deep raises RecursionError (a 500) instead of a decoding error.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Request, current_app
from flask.json.provider import DefaultJSONProvider

# Opening brackets and whole strings (so brackets inside strings do not count), for the depth scan.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
DEFAULT_JSON_MAX_DEPTH = 32  # the API's bodies are 2-4 levels deep
DEFAULT_FORM_MAX_BYTES = 2 * 1024 * 1024  # a CMS page body (50,000 CJK characters) is about 450 kB urlencoded


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text` (a malformed text gives some number, never raises)."""
    if text.count("[") + text.count("{") <= 1:
        return text.count("[") + text.count("{")
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        found = match.group()
        if found in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif found in "]}":
            depth -= 1
    return deepest


class DepthLimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider whose `loads` refuses too-deep input with a ValueError.

    Request.get_json turns a ValueError into its normal "bad JSON" answer (400, or None with silent=True), so
    every JSON endpoint answers a deep body as it answers malformed JSON, in its own error shape.
    """

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", "replace") if isinstance(s, bytes) else s
        limit = int(self._app.config.get("JSON_MAX_DEPTH") or DEFAULT_JSON_MAX_DEPTH)
        if text.count("[") + text.count("{") > limit and json_depth(text) > limit:
            raise ValueError(f"JSON nested deeper than {limit} levels")
        try:
            return super().loads(s, **kwargs)
        except RecursionError:  # never a 500, whatever the scan missed
            raise ValueError("JSON nested too deeply") from None


class PortalRequest(Request):
    @property
    def max_content_length(self) -> int | None:  # type: ignore[override]
        """Uploads keep MAX_CONTENT_LENGTH; urlencoded and JSON bodies (no files) get FORM_MAX_BYTES."""
        limit = super().max_content_length
        small_body = self.mimetype in ("application/x-www-form-urlencoded", "application/json")
        if self._max_content_length is None and current_app and small_body:
            small = int(current_app.config.get("FORM_MAX_BYTES") or DEFAULT_FORM_MAX_BYTES)
            return small if limit is None else min(limit, small)
        return limit

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value
