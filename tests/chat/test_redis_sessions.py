"""Chat sessions in the real Redis (127.0.0.1:6379): shared between stores, expiring when idle, surviving an outage."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator

import pytest
from flask import Flask

from portal.chat import sessions
from portal.chat.services import chat
from portal.extensions import db
from tests.conftest import TODAY

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> Iterator[str]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    yield REDIS_URL
    for key in client.scan_iter("test-chat-*"):
        client.delete(key)
    client.close()


def store(url: str, idle: float = sessions.IDLE_SECONDS) -> sessions.RedisStore:
    return sessions.RedisStore(url, idle, prefix=f"test-chat-{secrets.token_hex(4)}:")


def test_a_conversation_is_shared_by_every_process_through_redis(app: Flask, redis_url: str) -> None:
    first = store(redis_url)
    second = sessions.RedisStore(redis_url, prefix=first.prefix)  # another worker, same Redis
    opened = chat(db.session, first, TODAY, None, "我想查一家公司")
    assert opened["reply"]["type"] == "clarify"
    state = second.get(opened["session_id"])
    assert state is not None
    assert state["pending"] == "subject_lookup"
    assert state["turns"][0]["user"] == "我想查一家公司"
    raw = first.client.get(first.prefix + opened["session_id"])
    assert json.loads(raw)["turns"][0]["intent"] == "subject_lookup"
    ttl = first.client.ttl(first.prefix + opened["session_id"])
    assert 29 * 60 < ttl <= 30 * 60  # 30 minutes idle, renewed on every turn


def test_a_session_expires_after_the_idle_time(app: Flask, redis_url: str) -> None:
    # Redis, not the app, runs the idle clock: the test reads the expiry Redis reports (PTTL) and moves it, instead
    # of waiting for it.
    idle_ms = 30 * 60 * 1000
    s = store(redis_url, idle=idle_ms / 1000)
    first = chat(db.session, s, TODAY, None, "我想查一家公司")
    sid = first["session_id"]
    key = s.prefix + sid
    assert idle_ms - 60_000 < s.client.pttl(key) <= idle_ms  # expires 30 minutes after the turn
    s.client.pexpire(key, 120_000)  # 28 minutes pass without a turn: 2 minutes left
    kept = chat(db.session, s, TODAY, sid, "株洲示例食品")
    assert kept["session_id"] == sid  # a turn within the idle time keeps the conversation
    assert idle_ms - 60_000 < s.client.pttl(key) <= idle_ms  # ... and renews the full idle time
    s.client.delete(key)  # the idle time runs out: Redis drops the key
    assert s.get(sid) is None
    later = chat(db.session, s, TODAY, sid, "株洲示例食品")
    assert later["session_id"] != sid


def test_an_unknown_or_hostile_session_id_starts_a_new_conversation(app: Flask, redis_url: str) -> None:
    s = store(redis_url)
    for sid in ("nope", "*", "chat:*", "../../x", "a" * 65, "' OR 1=1 --"):
        answer = chat(db.session, s, TODAY, sid, "你好")
        assert answer["session_id"] != sid
        assert s.get(answer["session_id"]) is not None


def test_redis_down_keeps_the_chat_answering_from_memory(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    down = sessions.RedisStore("redis://127.0.0.1:1/0", prefix="test-chat-down:")  # nothing listens on port 1
    first = chat(db.session, down, TODAY, None, "我想查一家公司")
    second = chat(db.session, down, TODAY, first["session_id"], "株洲示例食品")
    assert second["session_id"] == first["session_id"]
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1  # once per outage, not once per message


def test_the_app_uses_redis_when_redis_url_is_set(app: Flask, redis_url: str) -> None:
    app.config["REDIS_URL"] = redis_url
    app.extensions.pop("chat_store", None)
    assert isinstance(sessions.store_for(app), sessions.RedisStore)
    assert sessions.store_for(app) is sessions.store_for(app)
