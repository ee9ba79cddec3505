"""Redis gone (a closed port) or hung (a server that accepts and never answers): the limits, the chat sessions and
the 查询码 guess counter fall back to memory at once, without a 500, with one warning per outage, and go back to
Redis when the breaker's clock reaches the retry time and Redis answers.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from portal import create_app
from portal.chat import sessions
from portal.extensions import db, limiter
from portal.redis_breaker import Breaker, CircuitOpen, RedisBreaker
from portal.submissions import guesses

REAL_REDIS = ("127.0.0.1", 6379)
CLOSED_URL = "redis://127.0.0.1:1/15"  # nothing listens on port 1


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Switch:
    """A TCP server on loopback: 'hang' accepts and never answers, 'forward' relays to the real Redis."""

    def __init__(self) -> None:
        self.mode = "hang"
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/15"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.held.append(conn)
            if self.mode == "forward":
                upstream = socket.create_connection(REAL_REDIS)
                self.held.append(upstream)
                for a, b in ((conn, upstream), (upstream, conn)):
                    threading.Thread(target=_pump, args=(a, b), daemon=True).start()

    def close(self) -> None:
        self.server.close()
        for conn in self.held:
            conn.close()


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass


@pytest.fixture
def real_redis() -> Iterator[None]:
    import redis

    client = redis.Redis(*REAL_REDIS, db=15, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("Redis not reachable on 127.0.0.1:6379")
    for key in client.scan_iter("test-breaker:*"):
        client.delete(key)
    yield
    for key in client.scan_iter("test-breaker:*"):
        client.delete(key)


@pytest.fixture
def switch() -> Iterator[Switch]:
    server = Switch()
    yield server
    server.close()


def make_app(tmp_path: Path, url: str) -> Flask:
    return create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'r.db'}",
                       "SEARCH_DIR": str(tmp_path / "s"), "UPLOAD_DIR": str(tmp_path / "u"), "REDIS_URL": url,
                       "RATELIMIT_CHAT": "3 per minute", "RATELIMIT_TRACK": "2 per minute"})  # fmt: skip


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Flask]:
    apps: list[Flask] = []

    def build(url: str) -> Flask:
        app = make_app(tmp_path, url)
        with app.app_context():
            db.create_all()
        apps.append(app)
        return app

    yield build  # type: ignore[misc]
    # The limiter is one module-level object: leave it as a fresh app would find it for the tests that follow.
    limiter._storage_dead = False  # noqa: SLF001
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def chat_statuses(app: Flask, n: int) -> list[int]:
    client = app.test_client()
    return [client.post("/api/v1/chat", json={"message": "你好"}).status_code for _ in range(n)]


def test_the_breaker_opens_once_lets_one_probe_through_after_the_retry_time_and_closes_on_an_answer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    breaker = Breaker("test", retry_after=5, clock=clock)
    breaker.before()  # closed: goes through
    for _ in range(10):
        breaker.failed(TimeoutError("hung"))
    assert breaker.is_open
    assert len(warnings_of(caplog)) == 1
    clock.now += 4.9
    with pytest.raises(CircuitOpen):
        breaker.before()
    clock.now += 0.2
    breaker.before()  # the probe
    others: list[BaseException] = []
    thread = threading.Thread(target=lambda: _capture(breaker.before, others))
    thread.start()
    thread.join()
    assert [type(e) for e in others] == [CircuitOpen]  # one probe at a time; other threads keep using memory
    breaker.failed(TimeoutError("still hung"))  # the probe failed: open for another period, no second warning
    clock.now += 5.1
    breaker.before()
    breaker.succeeded()
    assert not breaker.is_open
    assert len(warnings_of(caplog)) == 1


def _capture(fn: object, into: list[BaseException]) -> None:
    try:
        fn()  # type: ignore[operator]
    except BaseException as exc:  # noqa: BLE001 - the test inspects it
        into.append(exc)


def test_redis_gone_limits_still_apply_from_memory_without_a_500_and_one_warning(
    site, caplog: pytest.LogCaptureFixture
) -> None:
    app = site(CLOSED_URL)
    assert chat_statuses(app, 5) == [200, 200, 200, 429, 429]  # the limit holds in memory: 3 per minute
    assert len(warnings_of(caplog)) == 1
    assert "Redis unavailable" in warnings_of(caplog)[0].getMessage()


def test_a_hung_redis_costs_one_timeout_then_memory_answers_at_once(
    site, switch: Switch, caplog: pytest.LogCaptureFixture
) -> None:
    app = site(switch.url)
    started = time.monotonic()
    statuses = chat_statuses(app, 5)
    elapsed = time.monotonic() - started
    assert statuses == [200, 200, 200, 429, 429]
    # Without the breaker each command waited the timeout 11 times (redis-py's 10 retries): several seconds.
    assert elapsed < 0.3 * 3 + 1.0
    assert len(warnings_of(caplog)) == 1
    with app.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.9"}):
        for _ in range(2):
            assert guesses.track(db.session, "20261123-ZZZZZZ", "X", "10.0.0.9") is None
        with pytest.raises(guesses.TooManyGuesses):  # the guess budget holds in memory too
            guesses.track(db.session, "20261123-ZZZZZZ", "X", "10.0.0.9")
    assert len(warnings_of(caplog)) == 1


def test_chat_sessions_go_back_to_redis_when_the_breaker_clock_passes_the_retry_time(
    real_redis: None, switch: Switch, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    shared = RedisBreaker(switch.url, timeout=0.2, retry_after=5, clock=clock)
    store = sessions.RedisStore(switch.url, prefix="test-breaker:", shared=shared)
    store.put("during", {"turns": [1]})  # hung: one timeout, then memory
    assert shared.breaker.is_open
    assert store.get("during") == {"turns": [1]}  # from memory, without waiting: the circuit is open
    switch.mode = "forward"  # Redis is back
    store.put("still-open", {"turns": [2]})
    assert shared.client.connection_pool.connection_class.breaker.is_open  # the clock has not moved: memory
    clock.now += 5.1
    store.put("after", {"turns": [3]})  # the probe: Redis answers, the circuit closes
    assert not shared.breaker.is_open
    assert shared.client.get("test-breaker:after") is not None
    assert shared.client.get("test-breaker:still-open") is None
    assert store.get("during") == {"turns": [1]}  # a conversation begun in the outage goes on
    assert len(warnings_of(caplog)) == 1


def test_the_limiter_returns_to_redis_after_the_outage(
    real_redis: None, site, switch: Switch, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flask_limiter._extension as ext

    clock = Clock()
    now = [time.time()]
    monkeypatch.setattr(ext, "time", type("T", (), {"time": staticmethod(lambda: now[0])}))  # the limiter's clock
    app = site(switch.url)
    shared = app.extensions["redis"]
    shared.breaker.clock = clock
    assert chat_statuses(app, 1) == [200]
    assert shared.breaker.is_open
    switch.mode = "forward"
    clock.now += shared.breaker.retry_after + 0.1
    now[0] += 64  # past Flask-Limiter's back-off between checks of its storage
    with app.app_context():
        limiter.reset()
    assert chat_statuses(app, 1) == [200]
    assert not shared.breaker.is_open
    assert shared.client.keys("LIMITS*"), "the limit is counted in Redis again"
    with app.app_context():
        limiter.reset()
