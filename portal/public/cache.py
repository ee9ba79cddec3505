"""A small in-process TTL cache for totals and filter options of the public listings (never for records).

One cache per application (app.extensions), so tests with fresh databases never see each other's numbers.
Counting a filtered listing at 1M rows costs a table scan; caching it for a few minutes per filter and day
keeps each listing request to one indexed query (issue 6: never COUNT(*) per request without a cache).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app, g

from portal.data_version import data_version
from portal.extensions import db

T = TypeVar("T")
DEFAULT_TTL = 300.0
DEFAULT_SIZE = 1024


class TTLCache:
    """Thread-safe: entries expire after `ttl` seconds; the least recently used go first beyond `size`."""

    def __init__(self, ttl: float = DEFAULT_TTL, size: int = DEFAULT_SIZE,
                 clock: Callable[[], float] = time.monotonic,
                 version: Callable[[], Hashable] | None = None) -> None:  # fmt: skip
        self.ttl = ttl
        self._version = version  # entries of an older data version are never answered (they age out)
        self.size = size
        self._clock = clock
        self._data: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self._version is not None:
            key = (self._version(), key)
        now = self._clock()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] > now:
                self._data.move_to_end(key)
                return hit[1]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: a slow count must not block other keys
        with self._lock:
            self._data[key] = (now + self.ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value

    def discard(self, key: Hashable) -> None:
        if self._version is not None:
            key = (self._version(), key)
        with self._lock:
            self._data.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def request_data_version() -> Hashable:
    """The data version (portal/data_version.py), read once per request (or CLI command) and kept in `g`."""
    if "data_version" not in g:
        g.data_version = data_version(db.session)
    return g.data_version  # type: ignore[no-any-return]


def app_cache() -> TTLCache:
    """The current application's cache (created on first use; PUBLIC_CACHE_TTL overrides the lifetime)."""
    cache = current_app.extensions.get("public_cache")
    if cache is None:
        ttl = float(current_app.config.get("PUBLIC_CACHE_TTL", DEFAULT_TTL))
        cache = current_app.extensions.setdefault("public_cache", TTLCache(ttl=ttl, version=request_data_version))
    return cache  # type: ignore[no-any-return]
