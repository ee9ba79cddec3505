"""Lockout after repeated wrong passwords: the 5th failure in a row locks for 15 minutes and restarts the count."""

from datetime import UTC, datetime, timedelta

from portal.domain.lockout import LoginPolicy, after_failure, is_locked

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_failures_count_up_then_lock_and_restart() -> None:
    policy = LoginPolicy(max_failures=5, lock_minutes=15)
    failed, locked = 0, None
    for expected in (1, 2, 3, 4):
        failed, locked = after_failure(failed, NOW, policy)
        assert (failed, locked) == (expected, None)
    assert after_failure(failed, NOW, policy) == (0, NOW + timedelta(minutes=15))


def test_a_lock_holds_until_its_end_exclusive() -> None:
    until = NOW + timedelta(minutes=15)
    assert is_locked(until, NOW)
    assert is_locked(until, until - timedelta(seconds=1))
    assert not is_locked(until, until)
    assert not is_locked(None, NOW)
