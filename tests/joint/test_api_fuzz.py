"""Schemathesis over the 联合奖惩 API with a valid key: no 5xx, and every answer matches portal/joint/api_spec.py."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import ignored_auth

from portal import clock
from portal.extensions import db, limiter
from portal.joint import apikeys
from portal.joint.api_spec import PATHS, SCHEMAS, SECURITY_SCHEMES

DOC = {
    "openapi": "3.1.0",
    "info": {"title": "joint", "version": "1"},
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {"schemas": SCHEMAS, "securitySchemes": SECURITY_SCHEMES},
}
SCHEMA = schemathesis.openapi.from_dict(DOC)


@pytest.mark.parametrize("label", [f"{m.upper()} {p}" for p, item in PATHS.items() for m in item])
def test_the_api_answers_every_generated_request_as_documented(app: Flask, label: str) -> None:
    app.config["RATELIMIT_ENABLED"] = False
    limiter.enabled = False
    _key, token = apikeys.create_key(db.session, "11430200006123458Y", "fuzz", apikeys.SCOPES, actor="t",
                                     actor_id=None, now=clock.now())  # fmt: skip
    operation = next(op.ok() for op in SCHEMA.get_all_operations() if op.ok().label == label)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def check(case: schemathesis.Case) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        response = case.call(app=app)
        assert "Traceback" not in response.text
        case.validate_response(response, excluded_checks=[ignored_auth])  # the key is valid on purpose

    try:
        check()
    finally:
        limiter.enabled = True
