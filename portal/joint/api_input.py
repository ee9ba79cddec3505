"""Parsing of the 联合奖惩 API's input (portal/api/joint.py): ids, feedback items, moments, JSON text."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from portal import clock
from portal.joint import changes, feedback, results


def without_lone_surrogates(body: dict[str, Any]) -> dict[str, Any]:
    """Lone surrogates are valid JSON escapes but no database stores them: they become "?"."""
    text = json.dumps(body, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return dict(json.loads(text.encode("utf-8", "replace").decode("utf-8")))
    return body


def as_id(value: object) -> int | None:
    """A JSON integer (2.0 counts, as in JSON Schema) within the id range, else None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= results.MAX_ID:
        return value
    return None


def feedback_items(body: dict[str, Any]) -> list[feedback.FeedbackItem] | None:
    items = body.get("items")
    if not isinstance(items, list) or not items or len(items) > feedback.MAX_ITEMS:
        return None
    parsed = []
    for item in items:
        if not isinstance(item, dict):
            return None
        hit_id, outcome = as_id(item.get("hit_id")), item.get("outcome")
        raw_measure, reason = item.get("measure_id"), item.get("reason") or ""
        measure_id = as_id(raw_measure) if raw_measure is not None else None
        if hit_id is None or not isinstance(outcome, str) or (raw_measure is not None and measure_id is None):
            return None
        if not isinstance(reason, str):
            return None
        parsed.append(feedback.FeedbackItem(hit_id, outcome, measure_id, reason))
    return parsed


def since(value: str | None) -> datetime | None:
    if not value or len(value) > 40:
        return None
    text = value[:-1] + "+00:00" if value[-1:] in ("Z", "z") else value
    try:
        parsed = datetime.fromisoformat(text.replace("t", "T"))
    except ValueError:
        return None
    return changes.clamp(parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=clock.CHINA_TZ))
