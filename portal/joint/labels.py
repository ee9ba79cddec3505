"""Translated labels of the 联合奖惩 codes (acts, categories, outcomes, scopes, modes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ACT_LABELS = {
    "approval": _l("Administrative approval"),
    "tender": _l("Tendering and government procurement"),
    "funding": _l("Financial support"),
    "honours": _l("Awards and honours"),
    "market_entry": _l("Market entry and qualifications"),
    "financing": _l("Financing"),
    "supervision": _l("Routine supervision"),
    "land": _l("Land and real estate"),
    "public_service": _l("Public services"),
    "other": _l("Other act (all measures)"),
}
CATEGORY_LABELS = {
    "redlist": _l("Red list"),
    "blacklist": _l("List of seriously dishonest subjects"),
    "watchlist": _l("Watch list"),
}
OUTCOME_LABELS = {
    "found": _l("Found"),
    "not_found": _l("No such subject"),
    "invalid": _l("Invalid"),
    "ambiguous": _l("Several subjects have this name"),
    "duplicate": _l("Duplicate line"),
}
FEEDBACK_LABELS = {
    "applied": _l("Measure applied"),
    "not_applicable": _l("Not applicable"),
    "not_applied": _l("Not applied"),
}
MODE_LABELS = {"mandatory": _l("Mandatory"), "recommended": _l("Recommended")}
SCOPE_LABELS = {
    "check": _l("Credit checks"),
    "feedback": _l("Feedback on checks"),
    "changes": _l("List changes for sync"),
    "push": _l("Push of the department's records"),
}
