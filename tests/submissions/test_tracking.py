"""/track and GET /api/v1/submissions/<no>?code=… (CONTRACT.md): one 404 for a wrong number or a wrong code,
rate limits on submissions and on guesses (memory and Redis storage), and no personal data in the logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.extensions import db, limiter
from portal.submissions import codes
from tests.submissions.fixtures import PERSON_ID, Posted, complain, hidden_fields, object_to

VALUES = re.compile(r'value="[^"]*"')  # the CSRF token and the input kept in the form


def _track(client: FlaskClient, number: str, code: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    token = hidden_fields(client.get("/track").get_data(as_text=True))["csrf_token"]
    return client.post("/track", data={"tracking_no": number, "code": code, "csrf_token": token}, headers=headers)


def _wrong(code: str) -> str:
    return ("2" if code[0] != "2" else "3") + code[1:]


@pytest.fixture
def posted(site: Flask, client: FlaskClient) -> Posted:
    result = object_to(client)
    assert result.response.status_code == 200
    return result


def test_the_right_number_and_code_show_the_status_and_history(client: FlaskClient, posted: Posted) -> None:
    response = _track(client, posted.tracking_no, posted.code, headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert posted.tracking_no in html
    assert 'id="status"' in html
    assert "2026-12-15" in html
    assert "张三" not in html
    assert "13812345678" not in html


def test_numbers_and_codes_are_forgiven_case_spaces_and_full_width(client: FlaskClient, posted: Posted) -> None:
    number = posted.tracking_no.lower().replace("-", "－")
    code = " " + posted.code.lower().replace("-", " ") + " "
    response = _track(client, number, code)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert posted.tracking_no in html  # the submission itself, under its canonical number
    assert 'id="status"' in html


def test_a_wrong_number_and_a_wrong_code_give_the_same_404(client: FlaskClient, posted: Posted) -> None:
    wrong_code = _track(client, posted.tracking_no, _wrong(posted.code))
    wrong_number = _track(client, "20261123-ZZZZZZ", posted.code)
    garbage = _track(client, "<script>' OR 1=1 --", "x")
    assert wrong_code.status_code == wrong_number.status_code == garbage.status_code == 404
    bodies = {VALUES.sub("", r.get_data(as_text=True)) for r in (wrong_code, wrong_number)}
    assert len(bodies) == 1
    assert posted.tracking_no not in next(iter(bodies))  # the number typed is not echoed as "found"


def test_the_api_answers_exactly_as_the_contract_says(client: FlaskClient, posted: Posted) -> None:
    response = client.get(f"/api/v1/submissions/{posted.tracking_no}?code={posted.code}")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"tracking_no", "kind", "status", "submitted_at", "due_date", "history"}
    assert (body["tracking_no"], body["kind"], body["status"], body["due_date"]) == (
        posted.tracking_no, "objection", "submitted", "2026-12-15"
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", body["submitted_at"])
    assert body["history"] == [{"status": "submitted", "at": body["submitted_at"]}]


def test_the_api_gives_one_404_for_a_wrong_number_or_code(client: FlaskClient, posted: Posted) -> None:
    answers = [
        client.get(f"/api/v1/submissions/{posted.tracking_no}?code={_wrong(posted.code)}"),
        client.get(f"/api/v1/submissions/20261123-ZZZZZZ?code={posted.code}"),
        client.get(f"/api/v1/submissions/{posted.tracking_no}"),
        client.get("/api/v1/submissions/%3Cscript%3E?code=%27%20OR%201=1"),
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.get_data() for r in answers}) == 1
    assert answers[0].get_json()["error"]["code"] == "not_found"


def test_submissions_are_rate_limited_per_address(site: Flask, client: FlaskClient) -> None:
    site.config["RATELIMIT_SUBMIT"] = "2 per minute"
    assert complain(client).response.status_code == 200
    assert complain(client).response.status_code == 200
    third = complain(client)
    assert third.response.status_code == 429
    assert "Traceback" not in third.html
    assert client.get("/complaints/new").status_code == 200  # reading the form is not limited


def test_failed_tracking_guesses_are_rate_limited_but_successes_do_not_count(
    site: Flask, client: FlaskClient, posted: Posted
) -> None:
    site.config["RATELIMIT_TRACK"] = "3 per minute"
    for _attempt in range(5):
        assert _track(client, posted.tracking_no, posted.code).status_code == 200
    for _attempt in range(3):
        assert _track(client, posted.tracking_no, _wrong(posted.code)).status_code == 404
    assert _track(client, posted.tracking_no, _wrong(posted.code)).status_code == 429
    # The API shares the budget: no more guesses there either, even with the right code.
    api = client.get(f"/api/v1/submissions/{posted.tracking_no}?code={posted.code}")
    assert api.status_code == 429
    assert api.get_json()["error"]["code"] == "too_many_requests"


@pytest.fixture
def redis_url() -> str:
    import redis  # a pinned runtime dependency (requirements.txt): missing it is an error, not a skip

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis not reachable on 127.0.0.1:6379")
    return url


@pytest.fixture
def redis_app(tmp_path: Path, redis_url: str) -> Iterator[Flask]:
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'r.db'}",
                      "SEARCH_DIR": str(tmp_path / "s"), "UPLOAD_DIR": str(tmp_path / "u"),
                      "REDIS_URL": redis_url, "RATELIMIT_TRACK": "2 per minute"})  # fmt: skip
    with app.app_context():
        db.create_all()
        limiter.reset()
        yield app
        limiter.reset()
        db.session.remove()
        db.engine.dispose()


def test_with_portal_redis_url_the_limits_live_in_redis(redis_app: Flask, redis_url: str) -> None:
    import redis

    assert redis_app.config["RATELIMIT_STORAGE_URI"] == redis_url
    client = redis_app.test_client()
    statuses = [client.get("/api/v1/submissions/20261123-ZZZZZZ?code=X").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
    keys = redis.Redis.from_url(redis_url).keys("LIMITS*")
    assert keys, "no rate-limit counter in Redis"


def test_no_phone_id_number_name_or_query_code_reaches_the_logs(
    site: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    description = f"本人身份证号{PERSON_ID}，手机13812345678。"
    posted = object_to(client, description=description, contact_email="zhangsan@example.com")
    _track(client, posted.tracking_no, posted.code)
    _track(client, posted.tracking_no, _wrong(posted.code))
    client.get(f"/api/v1/submissions/{posted.tracking_no}?code={posted.code}")
    text = "\n".join(record.getMessage() + " " + str(record.__dict__) for record in caplog.records)
    assert "submission received" in text
    for secret in (PERSON_ID, "13812345678", "张三", "zhangsan@example.com", posted.code,
                   codes.normalize_code(posted.code)):  # fmt: skip
        assert secret not in text
