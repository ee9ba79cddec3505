"""portal.indexing: documents only from the public presenter, the outbox, the sweep, reindex, the fallback, the CLI."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.indexing.documents import iter_documents
from portal.indexing.outbox import drain_outbox, reindex, sweep
from portal.models import ListEntry, Penalty, SearchOutbox
from search.contract import Query, SearchBackend
from search.guarded import GuardedBackend
from tests.conftest import TODAY
from tests.search.conftest import EXAMPLE_KEYS, import_examples


@pytest.fixture
def examples(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    return app


@pytest.fixture
def backend(examples: Flask) -> SearchBackend:
    """The app's (guarded) backend with a fresh index of the examples."""
    instance = get_backend(examples)
    reindex(db.session, instance, TODAY)
    return instance


def _titles(backend: SearchBackend, text: str, today: date = TODAY, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.title for h in backend.search(Query(text, **kw), today=today).hits]


def _outbox(session) -> int:  # type: ignore[no-untyped-def]
    return int(session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) or 0)


def test_the_default_backend_is_tantivy_behind_the_fallback(app: Flask) -> None:
    backend = get_backend(app)
    assert isinstance(backend, GuardedBackend)
    assert backend.primary.name == "tantivy"


def test_documents_hold_only_public_masked_fields(examples: Flask) -> None:
    docs = list(iter_documents(db.session, TODAY))
    dumped = json.dumps([d.stored() | {"ids": d.identifiers, "until": str(d.public_until)} for d in docs],
                        ensure_ascii=False)  # fmt: skip
    for secret in ("person_full_name", "person_id_number", "rep_id_number"):
        assert EXAMPLE_KEYS[secret] not in dumped
    for leaked in ("张三", "李四", "赵六", "钱七", "孙八"):  # legal representatives are not indexed at all
        assert leaked not in dumped
    assert EXAMPLE_KEYS["minor_penalty"] not in dumped
    assert EXAMPLE_KEYS["removed_entry_subject"] not in dumped
    people = [d for d in docs if d.subject_name.startswith("王")]
    assert {d.subject_name for d in people} == {"王**"}
    assert all(d.uscc is None for d in people)
    types = sorted(d.type for d in docs)
    assert types == ["blacklist", "penalty", "penalty", "permit", "permit", "permit", "redlist"] + ["subject"] * 5


def test_every_document_url_is_a_public_page(examples: Flask) -> None:
    adapter = examples.url_map.bind("localhost")
    for doc in iter_documents(db.session, TODAY):
        endpoint, _args = adapter.match(doc.url)
        assert endpoint.startswith("public."), doc.url


def test_reindex_makes_the_examples_searchable_and_clears_the_outbox(backend: SearchBackend) -> None:
    assert _outbox(db.session) == 0
    assert _titles(backend, "株市监罚(2026)15号")[0] == "株市监罚〔2026〕15号"
    assert _titles(backend, EXAMPLE_KEYS["minor_penalty"]) == []
    assert _titles(backend, "株洲示例商贸") == []
    assert _titles(backend, EXAMPLE_KEYS["person_full_name"]) == []
    assert _titles(backend, EXAMPLE_KEYS["person_id_number"]) == []


def test_the_outbox_waits_while_the_index_is_missing_then_drains(examples: Flask) -> None:
    backend = get_backend(examples)
    assert _outbox(db.session) == 9
    assert drain_outbox(db.session, backend, TODAY) == 0
    assert _outbox(db.session) == 9  # nothing lost
    with backend.rebuild():
        pass  # an empty index: only the outbox can fill it
    assert drain_outbox(db.session, backend, TODAY) == 9
    assert _outbox(db.session) == 0
    assert _titles(backend, "株洲示例食品", type="penalty") == ["株市监罚〔2026〕15号"]
    assert _titles(backend, "株洲示例食品", type="subject") == ["株洲示例食品有限公司"]


def test_a_withdrawn_record_leaves_the_index_through_the_outbox(backend: SearchBackend) -> None:
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == "株市监罚〔2026〕15号")).one()
    penalty.status = RecordStatus.WITHDRAWN
    db.session.add(SearchOutbox(record_kind="penalty", record_id=penalty.id))
    db.session.commit()
    assert drain_outbox(db.session, backend, TODAY) == 1
    assert _titles(backend, "株市监罚〔2026〕15号") == []
    assert _titles(backend, "株洲示例食品") == ["株洲示例食品有限公司", "株市监食许〔2026〕102号"]


def test_a_subject_leaves_with_its_last_public_record(backend: SearchBackend) -> None:
    entry = db.session.scalars(sa.select(ListEntry).where(ListEntry.category == "redlist")).one()
    entry.removed_on = TODAY
    entry.status = RecordStatus.WITHDRAWN
    db.session.add(SearchOutbox(record_kind="list", record_id=entry.id))
    db.session.commit()
    drain_outbox(db.session, backend, TODAY)
    assert _titles(backend, "株洲示例燃气") == []


def test_publicity_that_ends_without_a_write_hides_the_record_and_the_sweep_purges_it(
    backend: SearchBackend,
) -> None:
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == "株市监罚〔2026〕15号")).one()
    end = penalty.public_until
    assert end is not None
    assert _titles(backend, "株市监罚〔2026〕15号", today=end) == ["株市监罚〔2026〕15号"]
    after = end + timedelta(days=1)
    assert _titles(backend, "株市监罚〔2026〕15号", today=after) == []
    count = backend.count()
    result = sweep(db.session, backend, after)
    assert result.purged >= 1
    assert backend.count() == count - result.purged


def test_the_sweep_indexes_records_whose_publicity_begins_on_its_own(examples: Flask) -> None:
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == "株市监罚〔2026〕15号")).one()
    penalty.public_from = TODAY + timedelta(days=3)
    db.session.commit()
    backend = get_backend(examples)
    reindex(db.session, backend, TODAY)
    assert _titles(backend, "株市监罚〔2026〕15号") == []
    later = TODAY + timedelta(days=3)
    assert sweep(db.session, backend, later).refreshed >= 1
    assert _titles(backend, "株市监罚〔2026〕15号", today=later) == ["株市监罚〔2026〕15号"]


def test_without_an_index_the_database_answers_degraded_and_warns_once(
    examples: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    backend = get_backend(examples)
    with caplog.at_level(logging.WARNING, logger="search.guarded"):
        page = backend.search(Query("株市监罚(2026)15号"), today=TODAY)
        backend.search(Query("株洲示例"), today=TODAY)
    assert page.degraded
    assert [h.title for h in page.hits] == ["株市监罚〔2026〕15号"]
    assert "<mark>" in page.hits[0].highlight
    assert len([r for r in caplog.records if "degraded" in r.getMessage()]) == 1
    for hidden in ("minor_penalty", "person_full_name", "person_id_number", "removed_entry_subject"):
        assert backend.search(Query(EXAMPLE_KEYS[hidden]), today=TODAY).hits == []
    found = backend.search(Query("株城管罚〔2026〕3号"), today=TODAY).hits
    assert [h.subject_name for h in found] == ["王**"]
    names = [h.title for h in backend.search(Query("示例", type="subject"), today=TODAY).hits]
    assert "株洲示例食品有限公司" in names
    assert EXAMPLE_KEYS["removed_entry_subject"] not in names


def test_a_corrupt_index_falls_back_and_reindex_repairs_it(backend: SearchBackend) -> None:
    assert isinstance(backend, GuardedBackend)
    current = backend.primary.generations.current()  # type: ignore[attr-defined]
    (current / "meta.json").write_text("{not json", encoding="utf-8")
    backend.primary._reopen()  # type: ignore[attr-defined]  # as a freshly started process would
    page = backend.search(Query("株洲示例食品"), today=TODAY)
    assert page.degraded
    assert page.total >= 1
    reindex(db.session, backend, TODAY)
    assert not backend.search(Query("株洲示例食品"), today=TODAY).degraded


def test_reindex_command_builds_and_if_missing_keeps_it(examples: Flask) -> None:
    runner = examples.test_cli_runner()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "reindexed=12 backend=tantivy"
    again = runner.invoke(args=["reindex", "--if-missing"])
    assert "nothing done" in again.stdout
    other = runner.invoke(args=["reindex", "--backend", "whoosh"])
    assert other.stdout.strip().splitlines()[-1] == "reindexed=12 backend=whoosh"
    assert (Path(examples.config["SEARCH_DIR"]) / "whoosh" / "current").is_symlink()


def test_reindex_for_postgres_on_sqlite_is_a_one_line_error(examples: Flask) -> None:
    result = examples.test_cli_runner().invoke(args=["reindex", "--backend", "postgres"])
    assert result.exit_code == 2
    assert "PostgreSQL" in result.stderr
    assert "Traceback" not in result.output


def test_the_worker_drains_the_outbox_once(examples: Flask) -> None:
    runner = examples.test_cli_runner()
    missing = runner.invoke(args=["search-worker", "--once"])
    assert missing.exit_code == 2
    with get_backend(examples).rebuild():
        pass
    result = runner.invoke(args=["search-worker", "--once"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "drained=9"
    assert _outbox(db.session) == 0
    swept = runner.invoke(args=["search-sweep"])
    assert swept.stdout.strip().startswith("purged=0 refreshed=")


def test_in_development_the_outbox_drains_after_each_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from portal import create_app

    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    app = create_app(
        {
            "ENV_NAME": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'dev.db'}",
            "SEARCH_DIR": str(tmp_path / "search"),
            "SEARCH_DRAIN_AFTER_REQUEST": True,
        }
    )
    with app.app_context():
        db.create_all()
        backend = get_backend(app)
        with backend.rebuild():
            pass
        import_examples(tmp_path, TODAY)
        client = app.test_client()
        client.get("/api/v1/search?q=x")  # any request applies the queued changes afterwards
        assert _outbox(db.session) == 0
        body = client.get("/api/v1/search", query_string={"q": "株市监罚〔2026〕15号"}).get_json()
        assert [r["title"] for r in body["results"]] == ["株市监罚〔2026〕15号"]
        db.session.remove()
        db.engine.dispose()
