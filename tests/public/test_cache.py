"""The TTL cache of listing totals and filter options."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Penalty, RecordHistory
from portal.models.base import utcnow
from portal.public.cache import TTLCache
from tests.conftest import TODAY, _make_app, import_examples


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


def test_an_entry_of_an_older_data_version_is_never_answered() -> None:
    version = [1]
    cache = TTLCache(ttl=100, clock=lambda: 0.0, version=lambda: version[0])
    assert cache.get_or_compute("total", lambda: 10) == 10
    assert cache.get_or_compute("total", lambda: 99) == 10  # same version: cached
    version[0] = 2  # a record changed, on this or any other app server
    assert cache.get_or_compute("total", lambda: 9) == 9


def test_a_withdrawal_through_one_app_server_shows_at_once_in_another_servers_cached_totals(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    other = _make_app(tmp_path / "node-b", app.config["SQLALCHEMY_DATABASE_URI"])  # same database
    listing = other.test_client()
    assert "2 条记录" in listing.get("/penalties", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.status == RecordStatus.PUBLISHED)).first()
    assert penalty is not None
    penalty.status = RecordStatus.WITHDRAWN  # as a staff decision does it: a history row with the change
    db.session.add(RecordHistory(record_kind="penalty", record_id=penalty.id, version=penalty.version, data="{}",
                                 from_status="published", to_status="withdrawn", changed_at=utcnow()))  # fmt: skip
    db.session.commit()
    page = listing.get("/penalties", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "1 条记录" in page  # not after the cache's 5 minutes
    with other.app_context():
        db.engine.dispose()
