"""Translated labels of a search certificate: result types (as on the search page) and filter names."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

TYPE_LABELS = {
    "all": _l("All"),
    "subject": _l("Subjects"),
    "penalty": _l("Administrative penalties"),
    "permit": _l("Administrative permits"),
    "redlist": _l("Red list"),
    "blacklist": _l("Serious dishonesty list"),
    "watchlist": _l("Key attention list"),
    "coercion": _l("Administrative coercion"),
    "honour": _l("Honours and rewards"),
    "commitment": _l("Credit commitments"),
}
FILTER_LABELS = {"department": _l("Department"), "year": _l("Year"), "list_name": _l("List name"),
                 "category": _l("Category")}  # fmt: skip


def type_label(kind: str) -> str:
    return str(TYPE_LABELS.get(kind, kind))


def filter_lines(filters: Mapping[str, str]) -> list[str]:
    """Lines like "Department: 株洲市市场监督管理局" in a fixed order; an unknown key is shown by its name."""
    return [_("%(name)s: %(value)s", name=str(FILTER_LABELS.get(key, key)), value=value)
            for key, value in sorted(filters.items())]  # fmt: skip
