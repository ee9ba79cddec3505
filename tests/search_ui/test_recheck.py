"""Issue 15: suggestions, facets and the did-you-mean are re-checked against the database like hits are.

A record withdrawn or repaired a moment ago is still in the index until the worker drains the outbox; none of
these tests drain it.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Penalty, Permit, SearchOutbox, Subject

FOOD = "株洲示例食品有限公司"  # a penalty and a permit, nothing else


def _get(client: FlaskClient, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()  # type: ignore[no-any-return]


def _names(client: FlaskClient, prefix: str) -> list[str]:
    return [s["name"] for s in _get(client, "/api/v1/suggest", q=prefix)["suggestions"]]


def _withdraw_food(*, outbox: bool) -> None:
    """Both records of FOOD stop being public; with `outbox`, as the review effects write it (one row each)."""
    subject = db.session.scalars(sa.select(Subject).where(Subject.name == FOOD)).one()
    for model in (Penalty, Permit):
        for record in db.session.scalars(sa.select(model).where(model.subject_id == subject.id)):
            record.status = RecordStatus.WITHDRAWN
            if outbox:
                kind = "penalty" if model is Penalty else "permit"
                db.session.add(SearchOutbox(record_kind=kind, record_id=record.id))
    db.session.commit()


@pytest.mark.parametrize("outbox", [True, False], ids=["outbox-pending", "no-outbox-row"])
@pytest.mark.parametrize("prefix", ["zzslsp", "株洲示例食"])
def test_a_subject_no_longer_public_is_not_suggested(api: FlaskClient, outbox: bool, prefix: str) -> None:
    assert FOOD in _names(api, prefix)
    _withdraw_food(outbox=outbox)
    assert FOOD not in _names(api, prefix)


@pytest.mark.parametrize("outbox", [True, False], ids=["outbox-pending", "no-outbox-row"])
def test_a_subject_no_longer_public_is_not_offered_as_did_you_mean(api: FlaskClient, outbox: bool) -> None:
    assert _get(api, "/api/v1/search", q="株洲示列食品")["suggestion"] == FOOD  # 列 for 例
    _withdraw_food(outbox=outbox)
    body = _get(api, "/api/v1/search", q="株洲示列食品")
    # With the outbox row the engine leaves FOOD out; the next public name (株洲示例燃气有限公司) is no close
    # correction of 株洲示列食品 (issue 18, search.closeness), so nothing is offered. Without one the re-check
    # drops the stale guess.
    assert (body["total"], body["suggestion"]) == (0, None)


@pytest.mark.parametrize("outbox", [True, False], ids=["outbox-pending", "no-outbox-row"])
def test_records_no_longer_public_leave_totals_and_facets(api: FlaskClient, outbox: bool) -> None:
    before = _get(api, "/api/v1/search", q=FOOD)
    assert before["facets"]["type"] == {"penalty": 1, "permit": 1, "subject": 1}
    _withdraw_food(outbox=outbox)
    after = _get(api, "/api/v1/search", q=FOOD)
    assert (after["total"], after["results"]) == (0, [])
    assert all(counts == {} for counts in after["facets"].values()), after["facets"]
