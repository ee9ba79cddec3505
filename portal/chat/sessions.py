"""Server-side conversation state, expiring after 30 minutes idle: in process memory by default, Redis when
REDIS_URL (PORTAL_REDIS_URL) is set. The client only ever holds the opaque session id.
"""

from __future__ import annotations

import itertools
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from portal.redis_breaker import RedisBreaker, shared_redis

log = logging.getLogger(__name__)
IDLE_SECONDS = 30 * 60
MAX_TURNS = 20  # turns kept per session (the /chat page shows them)
MAX_SESSIONS = 10_000  # memory store: oldest sessions are dropped beyond this


def new_id() -> str:
    return secrets.token_urlsafe(18)


class MemoryStore:
    def __init__(self, clock: Callable[[], float] = time.monotonic, idle: int = IDLE_SECONDS,
                 size: int = MAX_SESSIONS) -> None:  # fmt: skip
        self.clock, self.idle, self.size = clock, idle, size
        self._data: dict[str, tuple[float, dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def get(self, sid: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._data.get(sid)
            if found is None:
                return None
            if self.clock() - found[0] > self.idle:
                del self._data[sid]
                return None
            return json.loads(json.dumps(found[1]))

    def put(self, sid: str, state: dict[str, Any]) -> None:
        with self._lock:
            self._data.pop(sid, None)
            now = self.clock()
            self._data[sid] = (now, json.loads(json.dumps(state)))
            # Oldest first (put moves a session to the end): drop the idle ones, then any beyond the bound, so
            # sessions nobody comes back to do not stay until the store is full.
            for old in list(itertools.islice(self._data, 64)):
                if now - self._data[old][0] <= self.idle:
                    break
                del self._data[old]
            while len(self._data) > self.size:
                del self._data[next(iter(self._data))]

    def __len__(self) -> int:
        return len(self._data)


class RedisStore:
    """Sessions shared by every app process: one key per session, expiring `idle` seconds after the last turn.

    When Redis is unreachable the conversation goes on in this process's memory (logged once per outage), so the
    chat keeps answering, as the limiter does (STYLE: Redis is optional).
    """

    def __init__(self, url: str, idle: float = IDLE_SECONDS, *, prefix: str = "chat:",
                 shared: RedisBreaker | None = None) -> None:  # fmt: skip
        # The app's shared Redis (portal/redis_breaker.py): short timeouts, no retries, one circuit breaker that
        # logs the outage once and answers at once while Redis is away.
        self.shared = shared or RedisBreaker(url)
        self.client = self.shared.client
        self.idle, self.prefix = idle, prefix
        self.fallback = MemoryStore(idle=int(idle) or 1)

    def _failed(self, exc: Exception) -> None:
        log.debug("chat sessions: session kept in memory (%s)", type(exc).__name__)

    def get(self, sid: str) -> dict[str, Any] | None:
        import redis

        try:
            raw = self.client.get(self.prefix + sid)
        except redis.RedisError as exc:
            self._failed(exc)
            return self.fallback.get(sid)
        return json.loads(raw) if raw else self.fallback.get(sid)

    def put(self, sid: str, state: dict[str, Any]) -> None:
        import redis

        try:
            self.client.set(self.prefix + sid, json.dumps(state, ensure_ascii=False), px=max(1, int(self.idle * 1000)))
        except redis.RedisError as exc:
            self._failed(exc)
            self.fallback.put(sid, state)


def store_for(app: Any) -> MemoryStore | RedisStore:
    """One store per app (kept in app.extensions)."""
    store = app.extensions.get("chat_store")
    if store is None:
        url = app.config.get("REDIS_URL")
        store = RedisStore(url, shared=shared_redis(app)) if url else MemoryStore()
        app.extensions["chat_store"] = store
    return store


def load(store: MemoryStore | RedisStore, sid: str | None) -> tuple[str, dict[str, Any]]:
    """(id, state): the stored state, or a fresh one under a new id when unknown or expired."""
    if sid and len(sid) <= 64:
        state = store.get(sid)
        if state is not None:
            return sid, state
    return new_id(), {"turns": [], "pending": None, "failures": 0}
