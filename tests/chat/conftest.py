"""Chat tests run on the data-standard examples (tests/public/conftest.py) with the clock on TODAY."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.chat import sessions
from portal.chat.services import chat
from portal.extensions import db
from tests.conftest import TODAY
from tests.public.conftest import examples  # noqa: F401  # shared fixtures


class Bot:
    """Talks to portal.chat.services directly (no rate limit), keeping one conversation."""

    def __init__(self, app: Flask) -> None:
        self.app, self.sid = app, None
        self.store = sessions.store_for(app)

    def __call__(self, message: str) -> dict[str, Any]:
        backend = self.app.extensions.get("search")
        answer = chat(db.session, self.store, TODAY, self.sid, message, backend=backend)
        db.session.commit()
        self.sid = answer["session_id"]
        return answer


@pytest.fixture
def bot(examples: Flask) -> Bot:  # noqa: F811
    return Bot(examples)


@pytest.fixture
def api(examples: Flask) -> FlaskClient:  # noqa: F811
    return examples.test_client()
