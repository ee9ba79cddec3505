"""Server-side conversation state, expiring after 30 minutes idle: in process memory by default, Redis when
REDIS_URL (PORTAL_REDIS_URL) is set. The client only ever holds the opaque session id.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

IDLE_SECONDS = 30 * 60
MAX_TURNS = 20  # turns kept per session (the /chat page shows them)
MAX_SESSIONS = 10_000  # memory store: oldest sessions are dropped beyond this


def new_id() -> str:
    return secrets.token_urlsafe(18)


class MemoryStore:
    def __init__(self, clock: Callable[[], float] = time.monotonic, idle: int = IDLE_SECONDS) -> None:
        self.clock, self.idle = clock, idle
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
            self._data[sid] = (self.clock(), json.loads(json.dumps(state)))
            while len(self._data) > MAX_SESSIONS:
                del self._data[next(iter(self._data))]


class RedisStore:
    def __init__(self, url: str, idle: int = IDLE_SECONDS) -> None:
        import redis

        self.client, self.idle = redis.Redis.from_url(url), idle

    def get(self, sid: str) -> dict[str, Any] | None:
        raw = self.client.get(f"chat:{sid}")
        return json.loads(raw) if raw else None

    def put(self, sid: str, state: dict[str, Any]) -> None:
        self.client.set(f"chat:{sid}", json.dumps(state, ensure_ascii=False), ex=self.idle)


def store_for(app: Any) -> MemoryStore | RedisStore:
    """One store per app (kept in app.extensions)."""
    store = app.extensions.get("chat_store")
    if store is None:
        url = app.config.get("REDIS_URL")
        store = RedisStore(url) if url else MemoryStore()
        app.extensions["chat_store"] = store
    return store


def load(store: MemoryStore | RedisStore, sid: str | None) -> tuple[str, dict[str, Any]]:
    """(id, state): the stored state, or a fresh one under a new id when unknown or expired."""
    if sid and len(sid) <= 64:
        state = store.get(sid)
        if state is not None:
            return sid, state
    return new_id(), {"turns": [], "pending": None, "failures": 0}
