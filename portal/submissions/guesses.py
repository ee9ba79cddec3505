"""One budget for 查询码 guesses wherever a tracking number and its code are checked: /track, the API and the chat.

Failed look-ups are counted per client address (RATELIMIT_TRACK) and per tracking number from any address
(RATELIMIT_TRACK_NUMBER), in the rate limiter's own storage (Redis when PORTAL_REDIS_URL is set), so every door and
every app process draws on the same counters. Successful look-ups cost nothing.
"""

from __future__ import annotations

import logging
import threading

from flask import current_app
from flask_babel import gettext as _
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter
from sqlalchemy.orm import Session
from werkzeug.exceptions import TooManyRequests

from portal.extensions import limiter
from portal.redis_breaker import FAILURES
from portal.submissions import services

log = logging.getLogger(__name__)
SCOPE = "submission-tracking"
_fallback = FixedWindowRateLimiter(MemoryStorage())  # only while the shared storage is unreachable
_outage = threading.Event()  # set from the first failure until the storage answers again: one warning per outage


def _storage_failed(exc: Exception) -> None:
    if isinstance(exc, FAILURES):  # Redis: portal/redis_breaker.py reports the outage once for every user
        log.debug("guess limit: counting in this process (%s)", type(exc).__name__)
        return
    if not _outage.is_set():
        _outage.set()
        log.warning("guess limit: shared storage unavailable (%s), counting in this process", type(exc).__name__)


class TooManyGuesses(TooManyRequests):
    """The guessing budget of this address or this tracking number is spent (answered 429 by portal.errors)."""

    def __init__(self) -> None:
        super().__init__(_("Too many wrong attempts. Please try again later."))


def _limits() -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    return [(item, ("address",)) for item in parse_many(str(current_app.config["RATELIMIT_TRACK"]))] + [
        (item, ("number",)) for item in parse_many(str(current_app.config["RATELIMIT_TRACK_NUMBER"]))
    ]


def _keys(address: str | None, tracking_no: str) -> dict[str, tuple[str, ...]]:
    keys = {"number": (SCOPE, "number", tracking_no.strip().upper()[:32])}
    if address is not None:  # in-process callers (tests, the CLI) have no client address
        keys["address"] = (SCOPE, "address", address)
    return keys


def _strategy() -> RateLimiter:
    return limiter.limiter


def _each(address: str | None, tracking_no: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    keys = _keys(address, tracking_no)
    return [(item, keys[kind]) for item, (kind,) in _limits() if kind in keys]


def blocked(address: str | None, tracking_no: str) -> bool:
    """True when this address or this number has no failed look-up left in some window."""
    pairs = _each(address, tracking_no)
    try:
        answer = not all(_strategy().test(item, *key) for item, key in pairs)
    except Exception as exc:  # noqa: BLE001 - a storage outage must not open the door nor break the page
        _storage_failed(exc)
        return not all(_fallback.test(item, *key) for item, key in pairs)
    _outage.clear()
    return answer


def failed(address: str | None, tracking_no: str) -> None:
    """Counts one failed look-up against the address and against the number."""
    pairs = _each(address, tracking_no)
    try:
        for item, key in pairs:
            _strategy().hit(item, *key)
        _outage.clear()
    except Exception as exc:  # noqa: BLE001 - see blocked()
        _storage_failed(exc)
        for item, key in pairs:
            _fallback.hit(item, *key)


def track(session: Session, tracking_no: str, code: str, address: str | None) -> services.Status | None:
    """services.track behind the shared budget: raises TooManyGuesses before looking up once it is spent."""
    if blocked(address, tracking_no):
        raise TooManyGuesses()
    status = services.track(session, tracking_no, code)
    if status is None:
        failed(address, tracking_no)
    return status
