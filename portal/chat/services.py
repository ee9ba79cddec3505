"""The chat use case: load the conversation, answer one message, store the turn (the caller commits)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import force_locale
from sqlalchemy.orm import Session

from portal.chat import sessions
from portal.chat.answers import respond
from portal.chat.replies import is_english
from portal.chat.sessions import MAX_TURNS
from portal.chat.types import Context
from portal.domain.masking import mask_id_numbers

MAX_MESSAGE = 500
DEFAULT_LOCALE = "zh_CN"


def chat(
    db: Session,
    store: Any,
    today: date,
    session_id: str | None,
    message: str,
    *,
    locale: str = DEFAULT_LOCALE,
    client: str | None = None,
    backend: Any = None,
) -> dict[str, Any]:
    """One turn, answered in `locale` (the request's; English when the message itself is written in English).

    `client` is the caller's address, for the 查询码 guessing budget shared with /track and the API.
    """
    # ID numbers, however written (spaced, hyphenated, full-width), are never kept nor echoed.
    message = mask_id_numbers(message, hide_all=True)
    sid, state = sessions.load(store, session_id)
    locale = "en" if is_english(message) else locale
    ctx = Context(db, today, sid, state, locale=locale, client=client, backend=backend)
    with force_locale(locale):  # replies are built in the conversation's language, in or outside a request
        reply = respond(message, ctx)
        body = reply.as_json(sid)
    state["turns"] = (state.get("turns", []) + [{"user": message, "bot": reply.text, "intent": reply.intent}])[
        -MAX_TURNS:
    ]
    store.put(sid, state)
    return body
