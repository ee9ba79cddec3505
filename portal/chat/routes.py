"""/chat: the inquiry service as a plain HTML form (works without JavaScript); the session id lives in the cookie."""

from __future__ import annotations

import threading
from typing import Any

from flask import Blueprint, current_app, render_template, request, session
from flask_babel import get_locale
from flask_limiter.util import get_remote_address

from portal import clock
from portal.chat import intents, sessions, tickets
from portal.chat.services import DEFAULT_LOCALE, MAX_MESSAGE, chat
from portal.chat.types import starter_questions
from portal.extensions import db, limiter
from portal.indexing.backend import EXTENSION

bp = Blueprint("chat", __name__)


@bp.record_once
def _fit_the_intent_model(state: Any) -> None:
    """The intent model is fitted once per process from train.jsonl (about 2 s): begin when the app is built, so the
    first question does not wait for it (tests fit it on first use)."""
    if not state.app.testing:
        threading.Thread(target=intents.model, name="chat-intent-model", daemon=True).start()


def search_backend() -> Any:
    return current_app.extensions.get(EXTENSION)


def chat_limit() -> str:
    return str(current_app.config["RATELIMIT_CHAT"])


@limiter.limit(chat_limit, methods=["POST"])
def page() -> Any:
    store = sessions.store_for(current_app)
    error, answer, status = None, None, 200
    if request.method == "POST":
        message = (request.form.get("message") or "").strip()
        if not message or len(message) > MAX_MESSAGE:
            error, status = True, 400
        else:
            answer = chat(
                db.session,
                store,
                clock.today(),
                session.get("chat_sid"),
                message,
                locale=str(get_locale() or DEFAULT_LOCALE),
                client=get_remote_address(),
                backend=search_backend(),
            )
            db.session.commit()
            session["chat_sid"] = answer["session_id"]
    sid = session.get("chat_sid")
    state = store.get(sid) if sid else None
    turns = state.get("turns", []) if state else []
    return render_template(
        "chat/index.html",
        turns=turns,
        answer=answer,
        error=error,
        limit=MAX_MESSAGE,
        starters=starter_questions(),
        nav_section="chat",
    ), status


@limiter.limit(chat_limit, methods=["POST"])
def ticket() -> Any:
    """The staff reply to a consultation ticket, by number + 查询码 (POST, so the code stays out of URLs and logs)."""
    found, error, status = None, False, 200
    number = code = ""
    if request.method == "POST":
        number = (request.form.get("number") or "").strip()[:16]
        code = (request.form.get("code") or "").strip()[:16]
        found = tickets.lookup(db.session, number, code) if number and code else None
        error, status = found is None, 200 if found else 404
    return render_template("chat/ticket.html", ticket=found, error=error, number=number, nav_section="chat"), status


bp.add_url_rule("", "index", page, methods=["GET", "POST"])
bp.add_url_rule("/ticket", "ticket", ticket, methods=["GET", "POST"])
