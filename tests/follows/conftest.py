"""Follow fixtures: the data-standard examples on TODAY, a CSRF-aware client and helpers that change records."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Follow, Penalty, Subject
from tests.conftest import csrf_of, outbox
from tests.public.conftest import examples, examples_any_db  # noqa: F401  # fixtures shared with the public tests
from tests.public.helpers import FOOD_USCC, SERIOUS_NO

CONFIRM_LINK = re.compile(r"http://[^\s]+/follows/confirm/[A-Za-z0-9_.\-]+")
UNSUBSCRIBE_LINK = re.compile(r"http://[^\s]+/follows/unsubscribe/[A-Za-z0-9_.\-]+")
UNSUBSCRIBE_ALL_LINK = re.compile(r"http://[^\s]+/follows/unsubscribe-all/[A-Za-z0-9_.\-]+")


@pytest.fixture
def site(examples: Flask) -> Flask:  # noqa: F811
    examples.config["WTF_CSRF_ENABLED"] = True
    return examples


@pytest.fixture
def web(site: Flask) -> FlaskClient:
    return site.test_client()


def food() -> Subject:
    found = db.session.scalar(sa.select(Subject).where(Subject.uscc == FOOD_USCC))
    assert found is not None
    return found


def serious_penalty() -> Penalty:
    found = db.session.scalar(sa.select(Penalty).where(Penalty.decision_no == SERIOUS_NO))
    assert found is not None
    return found


def add_penalty(subject: Subject, decision_no: str, *, public_from: date, status: RecordStatus | None = None,
                public_until: date | None = None) -> Penalty:  # fmt: skip
    """A copy of the serious example penalty for `subject` under a new 文号, committed."""
    model = serious_penalty()
    skip = {"id", "created_at", "updated_at", "decision_no", "decision_key", "subject_id"}
    values = {c.key: getattr(model, c.key) for c in sa.inspect(Penalty).column_attrs if c.key not in skip}
    values.update(public_from=public_from, public_until=public_until or model.public_until)
    if status is not None:
        values["status"] = status
    penalty = Penalty(decision_no=decision_no, decision_key=decision_no, subject_id=subject.id, **values)
    db.session.add(penalty)
    db.session.commit()
    return penalty


def follow_form(client: FlaskClient, public_id: str, email: str) -> Any:
    url = f"/subjects/p/{public_id}/follow"
    return client.post(url, data={"email": email, "csrf_token": csrf_of(client, url)})


def subscribe_and_confirm(app: Flask, client: FlaskClient, public_id: str, email: str) -> Follow:
    before = len(outbox(app))
    response = follow_form(client, public_id, email)
    assert response.status_code == 303
    assert len(outbox(app)) == before + 1
    link = CONFIRM_LINK.search(outbox(app)[-1].body)
    assert link
    confirmed = client.get(link.group(0).removeprefix("http://127.0.0.1:5000"))
    assert confirmed.status_code == 200
    follow = db.session.scalars(sa.select(Follow).order_by(Follow.id.desc())).first()
    assert follow is not None
    assert follow.is_active
    return follow
