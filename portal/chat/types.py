"""The chat's shared shapes: the conversation context, the reply (CONTRACT.md) and quick-reply menus.

A leaf module: it imports nothing from portal.chat, so every handler module can depend on it without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session


@dataclass
class Context:
    """One turn of one conversation. Replies are built inside flask_babel.force_locale(locale) (services.chat)."""

    db: Session
    today: date
    session_id: str
    state: dict[str, Any]
    locale: str = "zh_CN"
    client: str | None = None  # the client address: 查询码 guesses are limited per address (submissions.guesses)
    backend: Any = None  # the search backend (subject names); None = database only
    followup: bool = False  # the message answers the bot's clarifying question

    @property
    def english(self) -> bool:
        """Picks the column of bilingual data (FAQ answers); interface text goes through gettext instead."""
        return self.locale.startswith("en")


@dataclass
class Reply:
    type: str
    text: str
    intent: str
    confidence: float
    cards: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)

    def as_json(self, session_id: str) -> dict[str, Any]:
        return {
            "session_id": session_id,
            "reply": {"type": self.type, "text": self.text},
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "cards": self.cards,
            "suggestions": self.suggestions or main_menu(),
            "sources": self.sources,
        }


def menu(*titles: str) -> list[dict[str, str]]:
    """Quick replies whose button text is also the message sent (titles come translated from the caller)."""
    return [{"title": t, "payload": t} for t in titles]


def main_menu() -> list[dict[str, str]]:
    """The default quick replies, in the current locale (called inside force_locale)."""
    return [
        {"title": _("Look up a company"), "payload": _("I want to look up a company")},
        {"title": _("Credit repair"), "payload": _("How do I apply for credit repair")},
        {"title": _("Objection"), "payload": _("The information is wrong, how do I object")},
        {"title": _("Complaint or report"), "payload": _("How do I file a complaint")},
        {"title": _("Application status"), "payload": _("Check the status of my application")},
        {"title": _("Talk to a person"), "payload": _("Talk to a person")},
    ]


def starter_questions() -> list[dict[str, str]]:
    """The questions the /chat page offers before the first message: one per thing the assistant can do."""
    return menu(
        _("I want to look up a company"),
        _("How do I apply for credit repair"),
        _("The information is wrong, how do I object"),
        _("How do I file a complaint"),
        _("Check the status of my application"),
        _("What is a credit commitment"),
        _("How long is administrative coercion published"),
        _("What measures apply to the serious dishonesty list"),
    )


def link(title: str, url: str) -> dict[str, Any]:
    return {"type": "link", "title": title, "url": url, "data": {}}


def source(title: str, url: str) -> dict[str, str]:
    return {"title": title, "url": url}
