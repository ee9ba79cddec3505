"""Chat tests run on the data-standard examples (tests/public/conftest.py) with the clock on TODAY."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.chat import sessions
from portal.chat.services import chat
from portal.extensions import db
from portal.importers.run import import_file
from tests.conftest import DATA, TODAY
from tests.public.conftest import examples, examples_any_db  # noqa: F401  # shared fixtures


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


MORE_KINDS = ("coercion", "honour", "commitment")  # the wave-2 example files (data-standard §10, §12, §13)


def import_more_examples(folder: Path, today: date = TODAY) -> None:
    """The example files of the kinds beyond penalties, permits and lists, through the real importer."""
    for kind in MORE_KINDS:
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
        assert import_file(db.session, path, kind, today=today).summary == "imported=3 updated=0 rejected=0"
    db.session.commit()


@pytest.fixture
def all_kinds(examples: Flask, tmp_path: Path) -> Flask:  # noqa: F811
    """The examples of every kind: penalties, permits, lists, coercion, honours and commitments."""
    import_more_examples(tmp_path)
    return examples


@pytest.fixture
def all_kinds_bot(all_kinds: Flask) -> Bot:
    return Bot(all_kinds)


@pytest.fixture
def api(examples: Flask) -> FlaskClient:  # noqa: F811
    return examples.test_client()
