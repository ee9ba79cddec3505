"""Oversized input is never echoed back, and deeply nested JSON gets a 400 in the API's error shape, never a 500."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse, encode_multipart

from portal.http import json_depth
from tests.joint.conftest import make_key
from tests.submissions.fixtures import hidden_fields

TEN_MB = 10 * 1024 * 1024


def _track(client: FlaskClient, tracking_no: str, content_type: str = "") -> TestResponse:
    token = hidden_fields(client.get("/track").get_data(as_text=True))["csrf_token"]
    fields = {"tracking_no": tracking_no, "code": "ABCD-EFGH", "csrf_token": token}
    if content_type == "multipart/form-data":  # encoded here: the test client's spooled body would stay open
        boundary, body = encode_multipart(fields)
        return client.post("/track", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    return client.post("/track", data=fields)


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_10_mb_tracking_number_gives_a_short_error_page(client: FlaskClient, content_type: str) -> None:
    response = _track(client, "A" * TEN_MB, content_type=content_type)
    assert response.status_code == 413
    assert len(response.data) < 20_000
    assert "AAAAAAAAAA" not in response.get_data(as_text=True)


@pytest.mark.parametrize("size", [33, 1_000_000])
def test_a_too_long_value_is_refused_but_not_shown_again(client: FlaskClient, size: int) -> None:
    response = _track(client, "Z" * size)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "ZZZZZZZZZZZZZZZZZZZZ" not in html
    assert len(html) < 20_000
    assert 'maxlength="32"' in html  # the browser stops a person at the limit in the first place


@pytest.mark.parametrize("path", ["/track?tracking_no=", "/search?q=", "/penalties?department="])
def test_a_long_query_string_is_not_echoed(client: FlaskClient, path: str) -> None:
    response = client.get(path + "Q" * 100_000)
    assert response.status_code == 414
    assert "QQQQQQQQQQQQQQQQQQQQ" not in response.get_data(as_text=True)
    assert len(response.data) < 20_000


def test_a_query_under_the_limit_is_answered_without_echoing_an_overlong_field(client: FlaskClient) -> None:
    html = client.get("/track?tracking_no=" + "Q" * 4000).get_data(as_text=True)
    assert 'value="QQQQ' not in html  # the links back to this page repeat the URL, bounded by the 4 kB above
    assert len(html) < 40_000


def test_a_valid_value_is_still_shown_again_after_an_error(client: FlaskClient) -> None:
    html = _track(client, "XY-2026-0000000").get_data(as_text=True)
    assert 'value="XY-2026-0000000"' in html or "XY-2026-0000000" in html


def _nested(depth: int, inner: object) -> str:
    return "[" * depth + json.dumps(inner) + "]" * depth


@pytest.mark.parametrize("depth", [3_000, 5_000, 100_000])
def test_deep_json_on_the_chat_api_is_a_400_in_the_error_shape(client: FlaskClient, depth: int) -> None:
    body = '{"message": ' + _nested(depth, "你好") + "}"
    response = client.post("/api/v1/chat", data=body, content_type="application/json")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert set(error) == {"code", "message"}
    assert error["code"] == "invalid_request"


@pytest.mark.parametrize("depth", [3_000, 5_000])
def test_deep_json_on_the_joint_checks_api_is_a_400_in_the_error_shape(site: Flask, depth: int) -> None:
    token = make_key()
    body = '{"uscc": ["91430200MA4L0A1B7K"], "purpose": ' + _nested(depth, {}) + "}"
    response = site.test_client().post("/api/v1/joint/checks", data=body, content_type="application/json",
                                       headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code == 400
    assert set(response.get_json()["error"]) == {"code", "message"}
    assert response.get_json()["error"]["code"] == "invalid_json"


def test_ordinary_json_and_brackets_inside_strings_still_parse(client: FlaskClient) -> None:
    response = client.post("/api/v1/chat", json={"message": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ 你好"})
    assert response.status_code == 200


@pytest.mark.parametrize(("text", "depth"), [("[]", 1), ('{"a": [1, {"b": []}]}', 4), ('["[[[[", {}]', 2),
                                             ('"\\"[[["', 0), ("[" * 50, 50)])  # fmt: skip
def test_json_depth_ignores_brackets_in_strings(text: str, depth: int) -> None:
    assert json_depth(text) == depth
