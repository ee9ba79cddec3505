"""The TTL cache of listing totals and filter options."""

from __future__ import annotations

from portal.public.cache import TTLCache


def test_a_value_is_computed_once_until_it_expires() -> None:
    now = [0.0]
    cache = TTLCache(ttl=10, clock=lambda: now[0])
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get_or_compute("k", compute) == 1
    now[0] = 9.9
    assert cache.get_or_compute("k", compute) == 1
    now[0] = 10.1
    assert cache.get_or_compute("k", compute) == 2
    assert len(calls) == 2


def test_the_least_recently_used_key_goes_first_when_full() -> None:
    cache = TTLCache(ttl=100, size=2, clock=lambda: 0.0)
    cache.get_or_compute("a", lambda: 1)
    cache.get_or_compute("b", lambda: 2)
    cache.get_or_compute("a", lambda: 99)  # a is used again
    cache.get_or_compute("c", lambda: 3)  # evicts b
    assert cache.get_or_compute("a", lambda: 100) == 1
    assert cache.get_or_compute("b", lambda: 200) == 200
