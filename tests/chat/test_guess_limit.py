"""查询码 guesses share one budget whichever door they come through: /track, the API and the chat (issue 15)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.submissions.fixtures import Posted, hidden_fields, object_to, site  # noqa: F401


def _wrong(code: str) -> str:
    return ("2" if code[0] != "2" else "3") + code[1:]


def _page(client: FlaskClient, number: str, code: str) -> int:
    token = hidden_fields(client.get("/track").get_data(as_text=True))["csrf_token"]
    return client.post("/track", data={"tracking_no": number, "code": code, "csrf_token": token}).status_code


def _api(client: FlaskClient, number: str, code: str) -> int:
    return client.get(f"/api/v1/submissions/{number}?code={code}").status_code


def _chat(client: FlaskClient, number: str, code: str) -> str:
    response = client.post("/api/v1/chat", json={"message": f"受理编号 {number} 查询码 {code}"})
    assert response.status_code == 200
    return str(response.get_json()["reply"]["text"])


def _posted(site: Flask) -> tuple[FlaskClient, Posted]:  # noqa: F811
    client = site.test_client()
    posted = object_to(client)
    assert posted.response.status_code == 200
    return client, posted


def test_wrong_codes_in_the_chat_count_against_the_page_and_the_api(site: Flask) -> None:  # noqa: F811
    site.config["RATELIMIT_TRACK"] = "3 per minute"
    client, posted = _posted(site)
    wrong = _wrong(posted.code)
    assert "受理编号" in _chat(client, posted.tracking_no, posted.code)  # a right code costs nothing
    for _attempt in range(3):
        assert "没有找到" in _chat(client, posted.tracking_no, wrong)
    assert _page(client, posted.tracking_no, posted.code) == 429
    assert _api(client, posted.tracking_no, posted.code) == 429
    assert "查询失败次数过多" in _chat(client, posted.tracking_no, posted.code)


def test_wrong_codes_on_the_page_and_the_api_count_against_the_chat(site: Flask) -> None:  # noqa: F811
    site.config["RATELIMIT_TRACK"] = "3 per minute"
    client, posted = _posted(site)
    wrong = _wrong(posted.code)
    assert _page(client, posted.tracking_no, wrong) == 404
    assert _api(client, posted.tracking_no, wrong) == 404
    assert _api(client, posted.tracking_no, wrong) == 404
    text = _chat(client, posted.tracking_no, posted.code)
    assert "查询失败次数过多" in text
    assert posted.tracking_no not in text  # nothing about the application leaks once the budget is spent


def test_one_tracking_number_has_a_budget_of_its_own_across_addresses(site: Flask) -> None:  # noqa: F811
    site.config["RATELIMIT_TRACK_NUMBER"] = "4 per hour"
    client, posted = _posted(site)
    wrong = _wrong(posted.code)
    for n in range(4):  # four addresses, one wrong guess each
        other = site.test_client()
        other.environ_base["REMOTE_ADDR"] = f"203.0.113.{n + 1}"
        assert _api(other, posted.tracking_no, wrong) == 404
    fresh = site.test_client()
    fresh.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert "查询失败次数过多" in _chat(fresh, posted.tracking_no, posted.code)
    assert _api(fresh, "20261123-ZZZZZZ", wrong) == 404  # another number from that address is still answered
