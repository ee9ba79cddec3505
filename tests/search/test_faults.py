"""Search faults (issue 23): an engine error or panic ends in a degraded answer for that request, never a dead
thread; a damaged index is reported unhealthy (to every process) and rebuilt by `reindex --if-missing` and the
worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal import search_cli
from portal.extensions import db
from portal.indexing.backend import get_backend, make_backend
from portal.indexing.outbox import reindex
from search import tantivy_health
from search.contract import Query, SearchBackend
from search.guarded import GuardedBackend
from tests.conftest import TODAY
from tests.search.conftest import import_examples


class PanicException(BaseException):  # noqa: N818 - named as tantivy's panic reaches Python: not an Exception
    __module__ = "pyo3_runtime"


@pytest.fixture
def examples(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    return app


@pytest.fixture
def backend(examples: Flask) -> GuardedBackend:
    instance = get_backend(examples)
    assert isinstance(instance, GuardedBackend)
    reindex(db.session, instance, TODAY)
    return instance


def _overwrite_fast_fields(gen: Path) -> None:
    """The first half of the fast-field files zeroed: the index opens, and tantivy panics on the first facet
    count ("assertion failed: end <= orig_range.end")."""
    for path in gen.glob("*.fast"):
        with path.open("r+b") as fh:
            fh.write(bytes(path.stat().st_size // 2))


def _truncate_store(gen: Path) -> None:
    for path in gen.glob("*.store"):
        with path.open("r+b") as fh:
            fh.truncate(path.stat().st_size // 2)


def _fresh(app: Flask) -> SearchBackend:
    """The engine as a newly started process opens it (no guard)."""
    return make_backend(app, with_fallback=False)


def test_a_panic_gets_a_degraded_answer_from_the_database_and_one_warning(
    examples: Flask, backend: GuardedBackend, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def panic(*_args: Any, **_kwargs: Any) -> Any:
        raise PanicException("called `Result::unwrap()` on an `Err` value")

    monkeypatch.setattr(backend.primary, "search", panic)
    client = examples.test_client()
    with caplog.at_level(logging.WARNING, logger="search.guarded"):
        answers = [client.get("/api/v1/search", query_string={"q": "株市监罚〔2026〕15号"}) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    body = answers[0].get_json()
    assert body["degraded"] is True
    assert [r["title"] for r in body["results"]] == ["株市监罚〔2026〕15号"]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "PanicException" in warnings[0].getMessage()
    # The index itself reads fine, so one failing query does not condemn it (nor trigger a rebuild).
    assert backend.healthy()
    assert not list(Path(examples.config["SEARCH_DIR"]).rglob(tantivy_health.MARKER))


def test_a_panic_in_autocomplete_falls_back_too(backend: GuardedBackend, monkeypatch: pytest.MonkeyPatch) -> None:
    def panic(*_args: Any, **_kwargs: Any) -> Any:
        raise PanicException("index out of bounds")

    monkeypatch.setattr(backend.primary, "suggest", panic)
    assert "株洲示例食品有限公司" in [s.title for s in backend.suggest("株洲示例", today=TODAY)]


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_an_order_to_stop_is_not_swallowed(
    backend: GuardedBackend, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    def interrupted(*_args: Any, **_kwargs: Any) -> Any:
        raise stop()

    monkeypatch.setattr(backend.primary, "search", interrupted)
    with pytest.raises(stop):
        backend.search(Query("株洲示例食品"), today=TODAY)


@pytest.mark.parametrize("damage", [_overwrite_fast_fields, _truncate_store])
def test_a_damaged_segment_is_unhealthy_served_degraded_and_rebuilt_by_reindex_if_missing(
    examples: Flask, backend: GuardedBackend, damage: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A process looks at the index files again when its last look is RESCAN_SECONDS old: here, at every call
    # (reading a mapped file truncated since would end the test run with SIGBUS).
    monkeypatch.setattr(tantivy_health, "RESCAN_SECONDS", 0.0)
    assert backend.healthy()
    gen = backend.primary.generations.current()  # type: ignore[attr-defined]
    damage(gen)
    assert not _fresh(examples).healthy()
    page = backend.search(Query("株洲示例食品"), today=TODAY)  # a running process notices the changed files
    assert page.degraded
    assert "株洲示例食品有限公司" in [h.title for h in page.hits]
    result = examples.test_cli_runner().invoke(args=["reindex", "--if-missing"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "reindexed=12 backend=tantivy"
    assert "unreadable" in result.stderr
    assert _fresh(examples).healthy()
    assert not backend.search(Query("株洲示例食品"), today=TODAY).degraded


def test_a_real_panic_marks_the_index_for_every_process_until_the_worker_rebuilds_it(
    examples: Flask, backend: GuardedBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    gen = backend.primary.generations.current()  # type: ignore[attr-defined]
    _overwrite_fast_fields(gen)
    # As a process that verified the index before the damage and has not looked at its files since:
    monkeypatch.setattr(backend.primary, "healthy", lambda: True)
    page = backend.search(Query("株洲示例食品"), today=TODAY)  # tantivy panics; the guard answers degraded
    assert page.degraded
    assert "株洲示例食品有限公司" in [h.title for h in page.hits]
    assert (gen / tantivy_health.MARKER).read_text(encoding="utf-8").startswith("PanicException")
    other = _fresh(examples)  # another gunicorn worker, the search worker
    assert not other.healthy()
    assert search_cli._heal(other)
    assert other.healthy()
    monkeypatch.undo()
    assert not backend.search(Query("株洲示例食品"), today=TODAY).degraded


def test_reindex_if_missing_keeps_a_readable_index(examples: Flask, backend: GuardedBackend) -> None:
    before = backend.primary.generations.current()  # type: ignore[attr-defined]
    result = examples.test_cli_runner().invoke(args=["reindex", "--if-missing"])
    assert "exists with 12 documents, nothing done" in result.stdout
    assert backend.primary.generations.current() == before  # type: ignore[attr-defined]
