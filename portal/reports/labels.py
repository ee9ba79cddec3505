"""Translated labels of report sections, record statuses and marks (shared by the HTML page and the PDF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SECTION_TITLES = {
    "permit": _l("Administrative permits"),
    "penalty": _l("Administrative penalties"),
    "redlist": _l("Red list (trustworthy subjects)"),
    "blacklist": _l("List of seriously dishonest subjects"),
    "watchlist": _l("Key attention list"),
}
VERSION_TITLES = {"public": _l("Public version"), "full": _l("Full version (for the subject itself)")}
STATUS_TEXT = {
    "published": _l("Being published"),
    "under_objection": _l("Objection under review"),
    "not_public": _l("Not public"),
    "withdrawn": _l("Withdrawn"),
    "repaired": _l("Repaired"),
    "expired": _l("Publicity period ended"),
    "not_yet_public": _l("Not yet public"),
}
MARK_TEXT = {
    "under_objection": _l("Objection being handled"),
    "under_repair": _l("Repair application being handled"),
}
SEVERITY_TEXT = {"minor": _l("Minor"), "general": _l("General"), "serious": _l("Serious")}
# Chinese ordinal section numbers of an official document (一、二、…); English shows 1. 2. …
ORDINALS_ZH = ("一", "二", "三", "四", "五", "六")
