"""Helpers of the special report tests: apply through the form as a browser would."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import post_form

ALL_AREAS = ["market", "tax", "environment", "housing", "emergency", "labour", "transport", "natural_resources",
             "health", "agriculture", "culture", "urban", "fire", "other"]  # fmt: skip


def apply(client: FlaskClient, binding_id: int, **data: Any) -> TestResponse:
    form = {"start": "2022-01-01", "end": "2026-11-23", "areas": ["market"], "purpose": "tender", **data}
    url = f"/enterprise/subjects/{binding_id}/special-reports"
    return post_form(client, url, form)


def issued(client: FlaskClient, binding_id: int, **data: Any) -> str:
    response = apply(client, binding_id, **data)
    assert response.status_code == 303, response.get_data(as_text=True)[:1500]
    return response.headers["Location"].rsplit("/", 1)[-1]
