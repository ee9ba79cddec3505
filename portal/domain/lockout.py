"""Account lockout after repeated wrong passwords (staff and enterprise accounts alike): plain values, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    max_failures: int = 5
    lock_minutes: int = 15


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and locked_until > now


def after_failure(failed_logins: int, now: datetime, policy: LoginPolicy) -> tuple[int, datetime | None]:
    """(failures to store, locked until) after one more wrong password: the `max_failures`-th in a row locks the
    account for `lock_minutes` and starts the count again."""
    failed = failed_logins + 1
    if failed >= policy.max_failures:
        return 0, now + timedelta(minutes=policy.lock_minutes)
    return failed, None
