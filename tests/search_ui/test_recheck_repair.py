"""Issue 15 through the real review workflow: an approved repair leaves suggest and facets before the worker runs."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.domain.roles import Role
from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from portal.models import Permit, SearchOutbox, Subject
from tests.conftest import TODAY
from tests.submissions.fixtures import PERSON_NO, act, apply_for_repair, penalty_id, staff_client, submission

PERSON = "王**"  # 王小明 as the public presenter shows him: a penalty (PERSON_NO) and a permit
CITY_DEPT = "株洲市城市管理和综合执法局"

pytestmark = pytest.mark.usefixtures("staff")


def _get(client: FlaskClient, url: str, **params: Any) -> dict[str, Any]:
    response = client.get(url, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()  # type: ignore[no-any-return]


def _approve_repair(site: Flask, client: FlaskClient) -> None:
    s_id = submission(apply_for_repair(client).tracking_no).id
    intake = staff_client(site, Role.INTAKE)
    act(intake, s_id, "accept")
    act(intake, s_id, "verify")
    assert act(staff_client(site, Role.ADMIN), s_id, "close", "已履行，准予修复", outcome="approved").status_code == 302


def _withdraw_the_permit_and_reindex(site: Flask) -> None:
    """Leaves PERSON_NO as 王小明's only public record, with an index that knows it."""
    person = db.session.scalars(sa.select(Subject).where(Subject.name == "王小明")).one()
    db.session.scalars(sa.select(Permit).where(Permit.subject_id == person.id)).one().status = RecordStatus.WITHDRAWN
    db.session.commit()
    reindex(db.session, get_backend(site), TODAY)


def test_an_approved_repair_leaves_suggest_facets_and_totals_before_the_outbox_is_drained(site: Flask) -> None:
    client = site.test_client()
    _withdraw_the_permit_and_reindex(site)
    assert PERSON in [s["name"] for s in _get(client, "/api/v1/suggest", q="王")["suggestions"]]
    before = _get(client, "/api/v1/search", q="株洲", per_page=1)  # the record is not on the page shown
    assert before["facets"]["department"][CITY_DEPT] == 1
    _approve_repair(site, client)
    pending = db.session.scalars(sa.select(SearchOutbox.record_id).where(SearchOutbox.record_kind == "penalty"))
    assert penalty_id(PERSON_NO) in set(pending)  # the worker has not run
    assert PERSON not in [s["name"] for s in _get(client, "/api/v1/suggest", q="王")["suggestions"]]
    after = _get(client, "/api/v1/search", q="株洲", per_page=1)
    assert CITY_DEPT not in after["facets"]["department"]
    assert after["facets"]["type"]["penalty"] == before["facets"]["type"]["penalty"] - 1
    assert after["total"] == before["total"] - 1
    assert after["facets"]["year"]["2026"] == before["facets"]["year"]["2026"] - 1
