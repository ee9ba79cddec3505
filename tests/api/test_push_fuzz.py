"""Schemathesis over the push endpoint with a valid push key: generated records, kinds and wrong types never give
a 5xx, and every answer matches portal/api/push_spec.py (positive and negative generation)."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth

from portal import clock
from portal.api.push_spec import PATHS, SCHEMAS
from portal.extensions import db, limiter
from portal.joint import apikeys
from portal.joint.api_schemas import SCHEMAS as JOINT_SCHEMAS
from portal.joint.api_spec import SECURITY_SCHEMES
from tests.entry.helpers import MARKET

DOC = {
    "openapi": "3.1.0",
    "info": {"title": "push", "version": "1"},
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {"schemas": {**JOINT_SCHEMAS, **SCHEMAS}, "securitySchemes": SECURITY_SCHEMES},
}
SCHEMA = schemathesis.openapi.from_dict(DOC)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_the_push_answers_every_generated_request_as_documented(app: Flask, mode: GenerationMode) -> None:
    app.config["RATELIMIT_ENABLED"] = False
    limiter.enabled = False
    _key, token = apikeys.create_key(db.session, MARKET, "fuzz", ("push",), actor="t", actor_id=None,
                                     now=clock.now())  # fmt: skip
    operation = next(op.ok() for op in SCHEMA.get_all_operations())

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None,
              derandomize=True)  # fmt: skip
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
        response = case.call(app=app)
        assert response.status_code < 500
        assert "Traceback" not in response.text
        excluded = [ignored_auth]
        if mode is GenerationMode.NEGATIVE:
            from schemathesis import checks

            excluded.append(checks.negative_data_rejection)  # per-item rejection answers 200 by design (§15)
        case.validate_response(response, excluded_checks=excluded)

    try:
        check()
    finally:
        limiter.enabled = True
