"""Rendering of form fields that never echoes an oversized value back (a 10 MB field gives a short page)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from wtforms import Field

# Fields without a Length validator: still never echo more than this many characters.
DEFAULT_ECHO_MAX = 100_000


def echo_limit(field: Field) -> int:
    return int(getattr(field.flags, "maxlength", 0) or DEFAULT_ECHO_MAX)


def render_field(field: Field, **kwargs: Any) -> Markup:
    """`field(**kwargs)`, but a text value longer than the field's maximum length is rendered empty.

    The value is already refused by the field's Length validator (its error says so); showing it again would
    only send the attacker's bytes back, possibly megabytes of them.
    """
    data = field.data
    too_long = isinstance(data, str) and len(data) > echo_limit(field)
    raw = field.raw_data
    too_long = too_long or any(isinstance(v, str) and len(v) > echo_limit(field) for v in raw or ())
    if not too_long:
        return Markup(field(**kwargs))  # noqa: S704 - WTForms escapes what it renders
    try:
        field.data, field.raw_data = "", []
        return Markup(field(**kwargs))  # noqa: S704 - WTForms escapes what it renders
    finally:
        field.data, field.raw_data = data, raw
