"""The chat use case: load the conversation, answer one message, store the turn (the caller commits)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from portal.chat import sessions
from portal.chat.answers import Context, is_english, respond
from portal.chat.sessions import MAX_TURNS

MAX_MESSAGE = 500
ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")


def chat(
    db: Session,
    store: Any,
    today: date,
    session_id: str | None,
    message: str,
    *,
    english: bool = False,
    backend: Any = None,
) -> dict[str, Any]:
    message = ID_IN_TEXT.sub(lambda m: "*" * len(m.group(0)), message)  # ID numbers are never kept nor echoed
    sid, state = sessions.load(store, session_id)
    ctx = Context(db, today, sid, state, english=english or is_english(message), backend=backend)
    reply = respond(message, ctx)
    body = reply.as_json(sid)
    state["turns"] = (state.get("turns", []) + [{"user": message, "bot": reply.text, "intent": reply.intent}])[
        -MAX_TURNS:
    ]
    store.put(sid, state)
    return body
