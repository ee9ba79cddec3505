"""schemathesis fuzzes every operation of /api/v1/openapi.json against the WSGI app with the examples imported.

No 5xx, and every response (status, content type, body) conforms to the document. Bounded: a few examples per
operation and generation mode, so the file runs in well under a minute.

The operations are walked in one test rather than through `schema.parametrize()`: schemathesis' lazy fixture
loader does not run under pytest 9 (it reads the removed `Function._nodeid`).
"""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from tests.api.conftest import indexed  # noqa: F401  # the fixture: examples imported and indexed

MAX_EXAMPLES = 25
# Rules that span parameters, which JSON Schema cannot state: schema-valid requests that get the documented 400.
CROSS_PARAMETER_RULES = {
    "GET /search": "(page - 1) * per_page beyond the first 10,000 results: 400 invalid_page",
}
FUZZ_SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                         database=None, derandomize=True)  # fmt: skip


@pytest.fixture
def api_schema(indexed: Flask):  # type: ignore[no-untyped-def]  # noqa: F811
    # Fuzzing sends hundreds of requests from one address: lift the per-IP limits (their 429 is tested elsewhere).
    for key in ("RATELIMIT_CHAT", "RATELIMIT_TRACK", "RATELIMIT_JOINT"):
        indexed.config[key] = "100000 per minute"
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", indexed)


def _fuzz(operation, mode: GenerationMode) -> None:  # type: ignore[no-untyped-def]
    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:  # type: ignore[no-untyped-def]
        excluded = [checks.positive_data_acceptance] if operation.label in CROSS_PARAMETER_RULES else []
        if mode is GenerationMode.NEGATIVE:
            # Lenient by design, like the HTML forms: an empty parameter means its default (type=, page=) and an
            # unknown session id starts a new conversation. Invalid input must still never give a 5xx or a body
            # outside the documented responses, which the remaining checks assert.
            excluded.append(checks.negative_data_rejection)
        response = case.call_and_validate(excluded_checks=excluded)
        assert response.status_code < 500
        assert "Traceback" not in response.text

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_every_operation_answers_within_its_documented_responses(api_schema, mode: GenerationMode) -> None:  # type: ignore[no-untyped-def]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.label for op in operations} >= {
        "GET /search", "GET /suggest", "GET /subjects/{uscc}", "GET /subjects/p/{public_id}",
        "GET /submissions/{tracking_no}", "POST /chat",
    }  # fmt: skip
    for operation in operations:
        try:
            _fuzz(operation, mode)
        except Exception as exc:  # name the operation: hypothesis' report alone does not
            raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc
