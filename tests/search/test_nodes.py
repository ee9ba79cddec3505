"""Several app servers (issue 21): every node's index applies the outbox from its own cursor and converges."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.indexing import cursors
from portal.indexing.outbox import drain_outbox, reindex
from portal.models import Penalty, SearchNode, SearchOutbox
from portal.models.base import utcnow
from search.contract import Query, SearchBackend
from search.factory import open_backend
from tests.conftest import TODAY
from tests.search.conftest import import_examples

NUMBER = "株市监罚〔2026〕15号"


@pytest.fixture
def site(app_any_db: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    return app_any_db


@pytest.fixture
def nodes(site: Flask, tmp_path: Path) -> Iterator[dict[str, SearchBackend]]:
    """Two app servers, each with its own embedded index, both built from the database."""
    pair = {name: open_backend("tantivy", directory=tmp_path / name) for name in ("node-a", "node-b")}
    for name, backend in pair.items():
        reindex(db.session, backend, TODAY, node=name)
    yield pair
    for backend in pair.values():
        backend.close()


def _found(backend: SearchBackend, text: str) -> list[str]:
    return [h.title for h in backend.search(Query(text), today=TODAY).hits]


def _withdraw(number: str) -> None:
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == number)).one()
    penalty.status = RecordStatus.WITHDRAWN
    db.session.add(SearchOutbox(record_kind="penalty", record_id=penalty.id))
    db.session.commit()


def _outbox() -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) or 0)


def test_a_change_reaches_every_node_and_leaves_the_log_when_both_have_applied_it(
    nodes: dict[str, SearchBackend],
) -> None:
    a, b = nodes["node-a"], nodes["node-b"]
    assert _found(a, NUMBER) == _found(b, NUMBER) == [NUMBER]
    _withdraw(NUMBER)
    assert drain_outbox(db.session, a, TODAY, node="node-a") == 1
    assert _found(a, NUMBER) == []
    assert _found(b, NUMBER) == [NUMBER]  # node B has not applied it yet ...
    assert _outbox() == 1  # ... so the row stays for it
    assert drain_outbox(db.session, a, TODAY, node="node-a") == 0  # node A does not apply it twice
    assert drain_outbox(db.session, b, TODAY, node="node-b") == 1
    assert _found(b, NUMBER) == []
    assert _outbox() == 0


def test_a_node_stopped_for_a_while_catches_up_when_it_starts_again(nodes: dict[str, SearchBackend]) -> None:
    a, b = nodes["node-a"], nodes["node-b"]
    public = [n for n in db.session.scalars(sa.select(Penalty.decision_no).order_by(Penalty.id)) if _found(b, n)]
    assert len(public) == 2
    for number in public:  # two changes while node B is down; node A keeps up
        _withdraw(number)
        assert drain_outbox(db.session, a, TODAY, node="node-a") == 1
    assert _outbox() == 2
    # node B starts again: it applies the rows in order, in small batches, and ends where node A is
    assert drain_outbox(db.session, b, TODAY, node="node-b", limit=1) == 1
    assert [_found(b, n) for n in public] == [[], [public[1]]]
    assert drain_outbox(db.session, b, TODAY, node="node-b", limit=1) == 1
    assert [_found(b, n) for n in public] == [[], []] == [_found(a, n) for n in public]
    assert drain_outbox(db.session, b, TODAY, node="node-b") == 0
    assert _outbox() == 0


def test_the_search_recheck_hides_what_this_node_has_not_applied(site: Flask, nodes: dict[str, SearchBackend]) -> None:
    from portal.search_ui.services import stale_keys

    _withdraw(NUMBER)
    drain_outbox(db.session, nodes["node-a"], TODAY, node="node-a")
    penalty_key = f"penalty:{db.session.scalar(sa.select(Penalty.id).where(Penalty.decision_no == NUMBER))}"
    assert penalty_key not in stale_keys(db.session, TODAY, "node-a")  # applied there: nothing to hide
    assert penalty_key in stale_keys(db.session, TODAY, "node-b")  # node B's index still holds it
    assert penalty_key in stale_keys(db.session, TODAY, "node-new")  # a node without a cursor has applied nothing


def test_rows_are_kept_for_a_live_node_and_dropped_after_the_retention_window(
    site: Flask, nodes: dict[str, SearchBackend]
) -> None:
    _withdraw(NUMBER)
    drain_outbox(db.session, nodes["node-a"], TODAY, node="node-a")
    assert _outbox() == 1
    now = utcnow()
    assert cursors.prune(db.session, now + timedelta(days=6)) == 0  # node B was seen within the window
    assert not cursors.behind(db.session, "node-b", now + timedelta(days=6))
    later = now + timedelta(days=cursors.RETENTION_DAYS, hours=1)
    assert cursors.prune(db.session, later) == 1  # too old: node B will have to rebuild
    assert cursors.behind(db.session, "node-b", later)


def test_a_rebuild_puts_the_node_past_every_row_written_before_it(site: Flask, tmp_path: Path) -> None:
    backend = open_backend("tantivy", directory=tmp_path / "fresh")
    try:
        assert _outbox() > 0  # the examples' import queued their rows
        reindex(db.session, backend, TODAY, node="fresh")
        node = db.session.get(SearchNode, "fresh")
        assert node is not None
        assert node.rebuilt_at is not None
        assert drain_outbox(db.session, backend, TODAY, node="fresh") == 0
        assert _outbox() == 0  # the only node has passed them all
    finally:
        backend.close()


def test_a_shared_index_has_one_cursor_for_the_whole_site(site: Flask, tmp_path: Path) -> None:
    embedded = open_backend("tantivy", directory=tmp_path / "x")
    try:
        site.config["NODE_NAME"] = "app-1"
        assert cursors.node_name(embedded) == "app-1"
        embedded.shared = True  # type: ignore[misc]  # as the postgres backend declares
        assert cursors.node_name(embedded) == cursors.SHARED_NODE
    finally:
        embedded.close()


@pytest.mark.postgres
def test_a_row_committed_after_a_later_one_is_not_skipped(pg_url: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: transaction 1 takes outbox id n, transaction 2 takes n+1 and commits first; a drain between
    the two commits must not move the cursor past n."""
    from tests.conftest import _make_app

    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    app = _make_app(tmp_path, pg_url)
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    with app.app_context():
        db.create_all()
        import_examples(tmp_path, TODAY)
        backend = open_backend("tantivy", directory=tmp_path / "pg-node")
        try:
            reindex(db.session, backend, TODAY, node="n")
            penalty_id = db.session.scalar(sa.select(Penalty.id).where(Penalty.decision_no == NUMBER))
            slow = engine.connect()
            slow_tx = slow.begin()
            slow.execute(sa.insert(SearchOutbox).values(record_kind="penalty", record_id=penalty_id,
                                                        created_at=utcnow()))  # fmt: skip
            with engine.begin() as fast:  # a later id, committed first
                fast.execute(sa.insert(SearchOutbox).values(record_kind="subject", record_id=1, created_at=utcnow()))
            assert drain_outbox(db.session, backend, TODAY, node="n") == 0  # waits for the older transaction
            slow.execute(sa.update(Penalty).where(Penalty.id == penalty_id).values(status=RecordStatus.WITHDRAWN))
            slow_tx.commit()
            slow.close()
            assert drain_outbox(db.session, backend, TODAY, node="n") == 2
            assert _found(backend, NUMBER) == []
        finally:
            backend.close()
            db.session.remove()
            db.engine.dispose()
            engine.dispose()
