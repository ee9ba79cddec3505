"""Query-string arguments of a search (q, type, page, per_page, filters) parsed into a search.Query.

Shared by GET /api/v1/search, /api/v1/suggest and the HTML /search page, so both accept and refuse the same input.
The parser raises InvalidArgument with a stable code and a translated message; each caller decides how to answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import gettext as _

from search.analysis import MAX_QUERY_CHARS
from search.contract import MAX_OFFSET, MAX_PER_PAGE, TYPES, Query

SEARCH_TYPES = ("all", *TYPES)
MAX_FILTER_CHARS = 256
_YEAR = re.compile(r"\d{4}")


class InvalidArgument(Exception):
    """An argument out of range: `code` is stable (the API's error code), `message` is already translated."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_search_args(args: Mapping[str, str]) -> Query:
    """The Query of a request's arguments; raises InvalidArgument (translated message) for anything out of range."""
    text = query_text(args)
    kind = args.get("type", "all") or "all"
    if kind not in SEARCH_TYPES:
        raise InvalidArgument("invalid_type", _("Unknown type. Use one of: %(types)s.", types=", ".join(SEARCH_TYPES)))
    page = positive_int(args, "page", 1)
    per_page = min(positive_int(args, "per_page", 20), MAX_PER_PAGE)
    if (page - 1) * per_page > MAX_OFFSET:
        raise InvalidArgument(
            "invalid_page", _("Only the first %(count)s results can be paged through.", count=MAX_OFFSET)
        )
    filters: dict[str, str] = {}
    for key in ("department", "year", "list_name", "category"):
        value = (args.get(key) or "").strip()
        if not value:
            continue
        if len(value) > MAX_FILTER_CHARS or (key == "year" and not _YEAR.fullmatch(value)):
            raise InvalidArgument("invalid_filter", _("The filter %(name)s has an invalid value.", name=key))
        filters[key] = value
    return Query(text, type=kind, filters=filters, page=page, per_page=per_page)


def query_text(args: Mapping[str, str]) -> str:
    """The stripped `q`; raises InvalidArgument when it is missing or longer than the analyser accepts."""
    text = args.get("q")
    if text is None:
        raise InvalidArgument("missing_query", _("The parameter q is required."))
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidArgument("query_too_long", _("The query is longer than %(max)s characters.", max=MAX_QUERY_CHARS))
    return text


def positive_int(args: Mapping[str, str], name: str, default: int) -> int:
    """A whole number from 1 (at most six ASCII digits), `default` when absent; raises InvalidArgument otherwise."""
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise InvalidArgument(
            f"invalid_{name}", _("The parameter %(name)s must be a positive whole number.", name=name)
        )
    return int(raw)
