"""Translated labels of a search certificate: result types (as on the search page) and filter names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.i18n import BADGE_LABELS, RECORD_KIND_LABELS
from portal.public.subject_counts import count_labels

_FIXED = ("penalty", "permit", "list")  # labelled above as result types (a list entry by its category)
TYPE_LABELS = {
    "all": _l("All"),
    "subject": _l("Subjects"),
    "penalty": _l("Administrative penalties"),
    "permit": _l("Administrative permits"),
    "redlist": _l("Red list"),
    "blacklist": _l("Serious dishonesty list"),
    "watchlist": _l("Key attention list"),
    # every other record kind by its label, so a kind added to the registry gets its tab and certificate line
    **{kind.value: label for kind, label in RECORD_KIND_LABELS.items() if kind.value not in _FIXED},
}
FILTER_LABELS = {"department": _l("Department"), "year": _l("Year"), "list_name": _l("List name"),
                 "category": _l("Category")}  # fmt: skip


def type_label(kind: str) -> str:
    return str(TYPE_LABELS.get(kind, kind))


def filter_lines(filters: Mapping[str, str]) -> list[str]:
    """Lines like "Department: 株洲市市场监督管理局" in a fixed order; an unknown key is shown by its name."""
    return [_("%(name)s: %(value)s", name=str(FILTER_LABELS.get(key, key)), value=value)
            for key, value in sorted(filters.items())]  # fmt: skip


def subject_lines(subjects: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A certificate's subject cards as text: "行政许可 39；行政处罚 1" and "守信激励" in the interface language."""
    labels = count_labels()
    out = []
    for s in subjects:
        counts = "；".join(f"{labels.get(key, key)} {n}" for key, n in s.get("counts", {}).items())
        marks = "；".join(str(BADGE_LABELS.get(b, b)) for b in s.get("badges", []))
        records = "；".join(r["title"] for r in s.get("records", []))
        out.append({"name": s["name"], "uscc": s.get("uscc") or "", "counts": counts, "badges": marks,
                    "records": records})  # fmt: skip
    return out
