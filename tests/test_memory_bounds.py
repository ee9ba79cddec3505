"""Every in-process store that grows with requests has a bound (issue 23: worker memory grew through a soak)."""

from __future__ import annotations

import pytest
from flask import Flask

from portal.chat.sessions import MemoryStore
from portal.public import stats_cache as stats
from portal.public.cache import TTLCache
from tests.conftest import TODAY


def test_the_chat_memory_store_keeps_at_most_its_size() -> None:
    store = MemoryStore(size=100)
    for i in range(5000):
        store.put(f"s{i}", {"turns": [{"user": "你好", "bot": "您好"}]})
    assert len(store) == 100
    assert store.get("s4999") is not None
    assert store.get("s0") is None


def test_idle_chat_sessions_leave_memory_without_being_asked_for() -> None:
    now = [0.0]
    store = MemoryStore(clock=lambda: now[0], idle=60)
    for i in range(500):
        store.put(f"old{i}", {"turns": []})
    now[0] = 61.0
    for i in range(20):  # each new turn drops up to 64 idle sessions from the old end
        store.put(f"new{i}", {"turns": []})
    assert len(store) == 20


def test_the_ttl_cache_keeps_at_most_its_size() -> None:
    cache = TTLCache(ttl=300, size=100, clock=lambda: 0.0)
    for i in range(5000):
        cache.get_or_compute(("q", i), lambda: "x" * 100)
    assert len(cache._data) == 100  # noqa: SLF001


def test_statistics_for_any_number_of_departments_keep_a_bounded_fallback(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stats, "LATEST_SLOTS", 5)
    with app.test_request_context():
        for i in range(12):  # ?department= accepts any well-formed code
            stats.cached_statistics(TODAY, None, f"91430200MA4L0A{i:04d}")
        assert len(app.extensions["stats_latest"]) == 5
