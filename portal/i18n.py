"""Locale selection (cookie, then Accept-Language, then zh_CN) and translated labels of domain codes."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

LOCALE_COOKIE = "locale"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in languages:
        return str(chosen)
    best = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    if best == "en":
        return "en"
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


SEVERITY_LABELS = {"minor": _l("Minor"), "general": _l("General"), "serious": _l("Serious")}
CATEGORY_LABELS = {
    "redlist": _l("Red list"),
    "blacklist": _l("Serious dishonesty list"),
    "watchlist": _l("Key attention list"),
}
STATUS_LABELS = {
    "published": _l("Published"),
    "under_objection": _l("Objection under review"),
    "not_public": _l("Not public"),
    "withdrawn": _l("Withdrawn"),
    "repaired": _l("Repaired"),
}
