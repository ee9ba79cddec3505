"""POST /api/v1/chat (CONTRACT.md): one message in, one grounded reply out; the conversation is kept server-side.

Adds its route to the api blueprint when imported (create_app imports it before registering the blueprint).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from flask_babel import gettext as _

from portal import clock
from portal.api.routes import bp
from portal.chat import sessions
from portal.chat.services import MAX_MESSAGE, chat
from portal.errors import error_response
from portal.extensions import db, limiter
from portal.indexing.backend import EXTENSION


def search_backend() -> Any:
    return current_app.extensions.get(EXTENSION)


def chat_limit() -> str:
    return str(current_app.config["RATELIMIT_CHAT"])


@limiter.limit(chat_limit)
def chat_message() -> Any:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        return error_response(400, "invalid_request", _("Send a JSON object with a message."))
    message = body["message"].strip()
    if not message:
        return error_response(400, "invalid_request", _("The message is empty."))
    if len(message) > MAX_MESSAGE:
        return error_response(400, "message_too_long", _("Messages are limited to %(n)s characters.", n=MAX_MESSAGE))
    session_id = body.get("session_id")
    if session_id is not None and not isinstance(session_id, str):
        return error_response(400, "invalid_request", _("session_id must be a string."))
    english = (request.accept_languages.best_match(["zh", "en"]) == "en") if request.accept_languages else False
    answer = chat(
        db.session,
        sessions.store_for(current_app),
        clock.today(),
        session_id,
        message,
        english=english,
        backend=search_backend(),
    )
    db.session.commit()
    return jsonify(answer)


bp.add_url_rule("/chat", "chat", chat_message, methods=["POST"])
