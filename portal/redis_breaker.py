"""One circuit breaker in front of Redis for every user of it: rate limits, chat sessions, 查询码 guess counters.

A hung Redis (accepting connections, never answering) used to cost each request the client's default 10 retries of
its socket timeout, and a killed one a 500 at the switch. Here every connection has short connect/read timeouts and
no retries, and the first failure opens the circuit: from then on each command fails at once with CircuitOpen (a
redis ConnectionError, so the users' existing fallbacks to process memory take over without waiting) and one WARNING
is logged for the whole outage. After `retry_after` seconds of the injectable clock a single command is let through
as a probe; its answer closes the circuit (Redis is used again), its failure keeps it open for another period.

The breaker lives in the connection class of a shared pool, so clients built on the pool (the limiter's storage,
the chat store) need no code of their own to use it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import redis
from flask import Flask

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 0.3  # seconds to connect and to wait for an answer: Redis answers in well under 1 ms on a LAN
DEFAULT_RETRY_AFTER = 5.0  # seconds the circuit stays open before one probe command is let through
FAILURES = (redis.ConnectionError, redis.TimeoutError, OSError)


class CircuitOpen(redis.ConnectionError):
    """Raised instead of talking to Redis while the circuit is open."""


class Breaker:
    """Closed → open on a failure → one probe after `retry_after` → closed on success. Thread-safe."""

    def __init__(self, name: str, *, retry_after: float = DEFAULT_RETRY_AFTER,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.name, self.retry_after, self.clock = name, retry_after, clock
        self._lock = threading.Lock()
        self._opened_at: float | None = None  # None = closed
        self._probe_at: float | None = None  # when the probe in flight started
        self._prober: int | None = None  # the thread sending it (connect and send both ask)

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def before(self) -> None:
        """Raises CircuitOpen unless this command may go to Redis (circuit closed, or this is the probe)."""
        with self._lock:
            if self._opened_at is None:
                return
            now = self.clock()
            if now - self._opened_at < self.retry_after:
                raise CircuitOpen(f"{self.name}: circuit open")
            me = threading.get_ident()
            if self._probe_at is not None and now - self._probe_at < self.retry_after:
                if self._prober == me:
                    return
                raise CircuitOpen(f"{self.name}: circuit open, a probe is in flight")
            self._probe_at, self._prober = now, me  # the probe; one that never reports expires after retry_after

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            first = self._opened_at is None
            self._opened_at, self._probe_at = self.clock(), None
        if first:  # one line per outage, whatever the number of requests or Redis users
            log.warning(
                "Redis unavailable at %s (%s: %s): rate limits, chat sessions and guess counters use this "
                "process's memory; retrying every %gs", self.name, type(exc).__name__, exc, self.retry_after,
            )  # fmt: skip

    def succeeded(self) -> None:
        if self._opened_at is None:  # the common case, without taking the lock
            return
        with self._lock:
            was_open, self._opened_at, self._probe_at = self._opened_at is not None, None, None
        if was_open:
            log.info("Redis at %s answers again: shared storage in use", self.name)


class _Guarded:
    """Mixed into redis-py's connection class of the pool: every command asks the breaker and reports back."""

    breaker: Breaker

    def connect(self) -> None:
        self.breaker.before()
        try:
            super().connect()  # type: ignore[misc]
        except FAILURES as exc:
            self.breaker.failed(exc)
            raise

    def send_packed_command(self, *args: Any, **kwargs: Any) -> None:
        self.breaker.before()
        try:
            super().send_packed_command(*args, **kwargs)  # type: ignore[misc]
        except CircuitOpen:
            raise
        except FAILURES as exc:
            self.breaker.failed(exc)
            raise

    def read_response(self, *args: Any, **kwargs: Any) -> Any:
        try:
            answer = super().read_response(*args, **kwargs)  # type: ignore[misc]
        except FAILURES as exc:
            self.breaker.failed(exc)
            raise
        self.breaker.succeeded()  # an answer, even an error reply, shows Redis is there
        return answer


def guarded_pool(url: str, breaker: Breaker, *, timeout: float = DEFAULT_TIMEOUT) -> redis.ConnectionPool:
    """A connection pool for `url` with short timeouts, no retries, and `breaker` in front of every command."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    pool = redis.ConnectionPool.from_url(
        url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),  # redis-py retries 10 times by default: 10 timeouts per command when hung
        health_check_interval=0,
    )
    base = pool.connection_class
    pool.connection_class = type(f"Guarded{base.__name__}", (_Guarded, base), {"breaker": breaker})
    return pool


class RedisBreaker:
    """The application's Redis: one pool, one breaker; `client` for direct use, `pool` for libraries."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT, retry_after: float = DEFAULT_RETRY_AFTER,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.url = url
        self.breaker = Breaker(_display(url), retry_after=retry_after, clock=clock)
        self.pool = guarded_pool(url, self.breaker, timeout=timeout)
        self.client = redis.Redis(connection_pool=self.pool)


def _display(url: str) -> str:
    """host:port/db without the password."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.hostname or parts.path}:{parts.port or 6379}{parts.path if parts.hostname else ''}"


def init_app(app: Flask) -> None:
    """With PORTAL_REDIS_URL: the shared Redis in app.extensions["redis"], and the limiter's storage on its pool."""
    url = app.config.get("REDIS_URL")
    if not url:
        return
    shared = RedisBreaker(
        url,
        timeout=float(app.config.get("REDIS_TIMEOUT", DEFAULT_TIMEOUT)),
        retry_after=float(app.config.get("REDIS_RETRY_SECONDS", DEFAULT_RETRY_AFTER)),
    )
    app.extensions["redis"] = shared
    if app.config.get("RATELIMIT_STORAGE_URI") == url:
        options = dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
        options.setdefault("connection_pool", shared.pool)
        app.config["RATELIMIT_STORAGE_OPTIONS"] = options
    _quiet_limiter_fallback_warning()


class _AlreadyReported(logging.Filter):
    """Flask-Limiter logs its own WARNING when it switches to memory; the breaker has reported the outage."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "falling back to in-memory storage" in record.getMessage():
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def _quiet_limiter_fallback_warning() -> None:
    logger = logging.getLogger("flask-limiter")
    if not any(isinstance(f, _AlreadyReported) for f in logger.filters):
        logger.addFilter(_AlreadyReported())


def shared_redis(app: Flask) -> RedisBreaker | None:
    return app.extensions.get("redis")  # type: ignore[no-any-return]
