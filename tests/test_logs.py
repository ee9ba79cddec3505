"""Log lines are JSON and never carry a full ID or mobile number (DOMAIN §6: never logged)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from portal import create_app
from portal.logs import JsonFormatter, redact

PERSON_ID = "430202198503121235"
MASKED_ID = "430202********1235"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PERSON_ID, MASKED_ID),
        ("43020219850312123X", "430202********123X"),
        ("43020219850312123x", "430202********123x"),
        (f"证件号码{PERSON_ID}已核验", f"证件号码{MASKED_ID}已核验"),
        (f"id={PERSON_ID}&kind=penalty", f"id={MASKED_ID}&kind=penalty"),
        ("13812345678", "138****5678"),
        ("联系电话：13812345678。", "联系电话：138****5678。"),
        ("+8613812345678", "+86138****5678"),
        ("138-1234-5678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        (f"{PERSON_ID},13812345678", f"{MASKED_ID},138****5678"),
        # Separated and full-width spellings (issue 15): the same recogniser as the chat's transcripts.
        ("证件 4302 0219 8503 1212 35", f"证件 {MASKED_ID}"),
        ("430202-19850312-1235", MASKED_ID),
        ("４３０２０２１９８５０３１２１２３５", MASKED_ID),
    ],
)
def test_redact_masks_id_and_mobile_numbers(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "91430200MA4L0A1B7K",  # a USCC is public
        "4302021985031212351",  # 19 digits: not an ID number
        "订单号20261123000012345678",
        "12345678901",  # 11 digits but not a mobile prefix
        "2026-11-23T16:23:58",
        "imported=3 updated=0 rejected=0",
    ],
)
def test_redact_leaves_other_numbers_alone(text: str) -> None:
    assert redact(text) == text


@pytest.fixture
def json_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.logs.json")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_an_id_in_a_log_message_comes_out_masked(json_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = json_log
    logger.info("lookup of %s by 13812345678", PERSON_ID)
    (entry,) = _lines(stream)
    assert entry["message"] == f"lookup of {MASKED_ID} by 138****5678"
    assert (entry["level"], entry["logger"]) == ("INFO", "tests.logs.json")
    assert PERSON_ID not in stream.getvalue()


def test_an_id_in_extra_fields_and_in_a_traceback_comes_out_masked(
    json_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = json_log
    try:
        raise ValueError(f"bad row with {PERSON_ID}")
    except ValueError:
        logger.exception("import failed", extra={"id_number": PERSON_ID, "line_no": 3})
    (entry,) = _lines(stream)
    assert entry["id_number"] == MASKED_ID
    assert entry["line_no"] == 3
    assert f"ValueError: bad row with {MASKED_ID}" in entry["exc"]
    assert PERSON_ID not in stream.getvalue()


def test_the_app_logs_through_one_json_formatter_however_often_it_is_created(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path / "second"))
    create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    handlers = [h for h in logging.getLogger("portal").handlers if getattr(h, "_portal", False)]
    assert len(handlers) == 1
    assert isinstance(handlers[0].formatter, JsonFormatter)
