"""The database connection breaks during a request (failover, restart; issue 21): a read is tried once more on a
new connection, a write gets 503 with Retry-After, and the next request works."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from flask import Flask

from portal import errors
from portal.extensions import db
from portal.public import services
from tests.conftest import TODAY, import_examples

LOST = sa.exc.OperationalError(
    "SELECT 1", {}, Exception("server closed the connection unexpectedly"), connection_invalidated=True
)
# the pool's new connection is refused (the server is down or restarting): not an invalidated connection
REFUSED = sa.exc.OperationalError(None, None, psycopg.OperationalError("connection failed: Connection refused"))


@pytest.fixture
def site(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    return app


def _fail(times: int, monkeypatch: pytest.MonkeyPatch, error: Exception = LOST) -> list[int]:
    """The home page's counts query loses its connection the first `times` calls."""
    calls: list[int] = []
    real = services.home_counts

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) <= times:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "home_counts", flaky)
    return calls


def test_a_read_that_loses_its_connection_is_answered_on_a_new_one(
    site: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fail(1, monkeypatch)
    response = site.test_client().get("/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    assert len(calls) == 2
    assert "行政处罚" in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"]  # the answer went through the usual after-request steps


def test_a_read_that_fails_twice_is_a_500_page_not_a_loop(site: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fail(5, monkeypatch)
    response = site.test_client().get("/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 500
    assert len(calls) == 2
    assert "系统内部错误，请稍后再试。" in response.get_data(as_text=True)


def test_a_write_is_not_repeated_but_answered_503_with_retry_after(
    site: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise LOST

    monkeypatch.setattr("portal.api.chat.chat", lost)
    response = site.test_client().post("/api/v1/chat", json={"message": "怎么申请信用修复"},
                                       headers={"Accept-Language": "zh-CN"})  # fmt: skip
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0  # (the rate limiter may state its own, longer wait)
    assert response.get_json()["error"] == {"code": "database_unavailable", "message": "服务暂时不可用，请稍后重试。"}


def test_other_database_errors_stay_unexpected_errors(site: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise sa.exc.ProgrammingError("SELECT nope", {}, Exception("no such column"))

    monkeypatch.setattr(services, "home_counts", broken)
    response = site.test_client().get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers


def test_a_read_whose_new_connection_is_refused_waits_for_the_database_and_is_answered(
    site: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fail(1, monkeypatch, REFUSED)
    waited: list[float] = []
    real_wait = errors.wait_for_database
    monkeypatch.setattr(errors, "wait_for_database", lambda seconds: waited.append(seconds) or real_wait(seconds))
    response = site.test_client().get("/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    assert len(calls) == 2
    assert waited == [errors.RECONNECT_WAIT_SECONDS]
    assert "行政处罚" in response.get_data(as_text=True)


def test_a_write_whose_connection_is_refused_is_answered_503(site: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise REFUSED

    monkeypatch.setattr("portal.api.chat.chat", refused)
    response = site.test_client().post("/api/v1/chat", json={"message": "怎么申请信用修复"},
                                       headers={"Accept-Language": "zh-CN"})  # fmt: skip
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "database_unavailable"


def test_a_statement_timeout_is_not_taken_for_a_lost_database() -> None:
    timeout = sa.exc.OperationalError("SELECT", {}, psycopg.errors.QueryCanceled("canceling statement due to timeout"))
    assert not errors.database_gone(timeout)
    assert errors.database_gone(REFUSED)
    assert errors.database_gone(LOST)
    shutting_down = psycopg.errors.AdminShutdown("terminating connection due to administrator command")
    assert errors.database_gone(sa.exc.OperationalError("SELECT", {}, shutting_down))
    sqlite_locked = sa.exc.OperationalError("SELECT", {}, Exception("database is locked"))
    assert not errors.database_gone(sqlite_locked)


def test_waiting_for_the_database_gives_up_at_its_deadline(site: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    assert errors.wait_for_database(0)  # it answers: no wait
    tries: list[int] = []

    def down(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        tries.append(1)
        raise REFUSED

    monkeypatch.setattr(db.session, "execute", down)
    assert not errors.wait_for_database(0)
    assert tries == [1]


def test_the_search_worker_waits_for_the_database_instead_of_ending(
    site: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = site.test_cli_runner()
    assert runner.invoke(args=["reindex"]).exit_code == 0
    from portal.indexing import outbox

    real = outbox.drain_outbox
    calls: list[int] = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise REFUSED
        return real(*args, **kwargs)

    monkeypatch.setattr(outbox, "drain_outbox", flaky)
    result = runner.invoke(args=["search-worker", "--once"])
    assert result.exit_code == 0, result.output
    assert len(calls) >= 2
    assert "drained=" in result.output


def test_a_connection_cut_while_the_request_ends_does_not_fail_the_answer(
    site: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutting_down = psycopg.errors.AdminShutdown("terminating connection due to administrator command")
    cut = sa.exc.OperationalError("ROLLBACK", {}, shutting_down)
    db.session.execute(sa.text("SELECT 1"))
    monkeypatch.setattr(sa.orm.Session, "close", lambda self: (_ for _ in ()).throw(cut))
    errors.remove_session(None)  # no exception: the answer goes out
    assert not db.session.registry.has()

    db.session.execute(sa.text("SELECT 1"))
    broken = sa.exc.ProgrammingError("ROLLBACK", {}, Exception("something else"))
    monkeypatch.setattr(sa.orm.Session, "close", lambda self: (_ for _ in ()).throw(broken))
    with pytest.raises(sa.exc.ProgrammingError):
        errors.remove_session(None)
    monkeypatch.undo()
    db.session.remove()
