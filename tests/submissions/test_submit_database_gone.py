"""A submission form whose database connection is lost (a restart, a failover; issue 21) is run once more, as a
read is: the form token makes the second run store the submission once, whether or not the first run committed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import Attachment, StoredFile, Submission
from portal.submissions import services
from tests.submissions.fixtures import OBJECTION, PDF, SERIOUS_NO, file, fill, penalty_id
from tests.test_database_gone import LOST


def _object(client: FlaskClient):  # type: ignore[no-untyped-def]
    data = {**OBJECTION, "attachments": [file(PDF, "申请书.pdf")]}
    return fill(client, f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}", data,
                headers={"Accept-Language": "zh-CN"})  # fmt: skip


def _submissions() -> list[Submission]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Submission)))


@pytest.fixture
def in_database(site: Flask) -> Flask:
    site.config["FILE_STORE"] = "database"
    return site


@pytest.mark.parametrize("committed", [False, True], ids=["lost-before-commit", "lost-after-commit"])
def test_a_submission_that_loses_the_database_is_stored_once_with_its_attachment(
    in_database: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, committed: bool
) -> None:
    real = services.submit
    calls: list[int] = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            if committed:
                real(*args, **kwargs)  # stored, then the connection breaks before the answer is made
            else:
                db.session.rollback()
            raise LOST
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "submit", flaky)
    posted = _object(client)
    assert posted.response.status_code == 200, posted.html[:1500]
    # Run once more: the uploaded file and the CAPTCHA were there again for it; when the first run had committed,
    # the form token finds its submission and the receipt is answered without storing anything again.
    assert len(calls) == (1 if committed else 2)
    stored = _submissions()
    assert [s.tracking_no for s in stored] == [posted.tracking_no]
    rows = list(db.session.scalars(sa.select(Attachment).where(Attachment.submission_id == stored[0].id)))
    assert len(rows) == 1
    assert db.session.get(StoredFile, rows[0].stored_name).data == PDF


def test_another_write_that_loses_the_database_is_still_answered_503(
    in_database: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise LOST

    monkeypatch.setattr("portal.api.chat.chat", lost)
    response = client.post("/api/v1/chat", json={"message": "怎么申请信用修复"})
    assert response.status_code == 503
    assert _submissions() == []
