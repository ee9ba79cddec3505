"""POST /api/v1/chat (CONTRACT.md): one message in, one grounded reply out; the conversation is kept server-side.

The route is in the api blueprint's URL table (portal/api/routes.py).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from portal import clock
from portal.chat import sessions
from portal.chat.services import DEFAULT_LOCALE, MAX_MESSAGE, chat
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
    answer = chat(
        db.session,
        sessions.store_for(current_app),
        clock.today(),
        session_id,
        message,
        locale=str(get_locale() or DEFAULT_LOCALE),  # the request locale (portal.i18n.select_locale)
        client=get_remote_address(),
        backend=search_backend(),
    )
    db.session.commit()
    return jsonify(answer)

