"""The statistics' cache: one build per data version, day and filter, single flight, and the window of a year.

Apart from the views (portal/public/views_stats.py) so that the staff timeliness dashboard (portal/review/
timeliness.py) reads the very numbers the public page shows, from the same cache, without importing a view module.
"""

from __future__ import annotations

import threading
from datetime import date

from flask import current_app

from portal.data_version import data_version
from portal.extensions import db
from portal.public.cache import TTLCache
from portal.public.stats_queries import Statistics, Window, compute
from portal.work_calendar import work_calendar

MIN_YEAR = 2000
_BUILD_LOCK = threading.Lock()
LATEST_SLOTS = 256  # previous statistics kept per (year, department) for single flight; older slots are dropped


def stats_cache() -> TTLCache:
    """One cache per app; entries are keyed by data version, so the TTL only bounds memory and clock drift."""
    cache = current_app.extensions.get("stats_cache")
    if cache is None:
        ttl = float(current_app.config.get("STATS_CACHE_TTL", 3600))
        cache = current_app.extensions.setdefault("stats_cache", TTLCache(ttl=ttl, size=64))
    return cache  # type: ignore[no-any-return]


def window_for(today: date, year: int | None) -> Window:
    """A calendar year (up to today), or the last 24 months including the current one."""
    if year is not None:
        return Window(date(year, 1, 1), min(date(year, 12, 31), today))
    months_back = today.year * 12 + today.month - 1 - 23
    return Window(date(months_back // 12, months_back % 12 + 1, 1), today)


def _key(today: date, year: int | None, source: str | None) -> tuple[object, ...]:
    return ("statistics", today, data_version(db.session), year, source)


class _Miss(Exception):
    """Raised instead of computing: lets a cache lookup tell a miss from a hit."""


def _raise_miss() -> Statistics:
    raise _Miss


def cached_statistics(today: date, year: int | None, source: str | None) -> tuple[tuple[object, ...], Statistics]:
    """(cache key, statistics): a hit costs two primary-key lookups (the data version) and no aggregate.

    A build after an import takes seconds at 1M rows, so one build runs at a time per process (single flight);
    meanwhile other requests get the previous numbers for the same filters when there are any.
    """
    cache, key = stats_cache(), _key(today, year, source)
    latest: dict[tuple[object, ...], tuple[tuple[object, ...], Statistics]] = current_app.extensions.setdefault(
        "stats_latest", {})  # fmt: skip
    slot = (year, source)

    def build() -> Statistics:
        value = compute(db.session, today=today, window=window_for(today, year), calendar=work_calendar(db.session),
                        source=source)  # fmt: skip
        latest.pop(slot, None)  # most recent last; ?department= takes any well-formed code, so keep a bound
        latest[slot] = (key, value)
        while len(latest) > LATEST_SLOTS:
            del latest[next(iter(latest))]
        return value

    try:
        return key, cache.get_or_compute(key, _raise_miss)
    except _Miss:
        pass
    if not _BUILD_LOCK.acquire(blocking=False):
        if slot in latest:
            return latest[slot]
        _BUILD_LOCK.acquire()
    try:
        return key, cache.get_or_compute(key, build)
    finally:
        _BUILD_LOCK.release()
