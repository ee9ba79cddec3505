"""SQLite runs in WAL mode with a busy timeout (portal/db_engine.py): pages read while an import writes."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from portal.demo import write_csv
from portal.extensions import db
from portal.importers.run import CHUNK_ROWS, import_file
from portal.models import Penalty
from tests.conftest import TODAY


def test_a_file_database_is_in_wal_mode_with_a_busy_timeout(app: Flask) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_readers_are_never_locked_out_while_an_import_writes(app: Flask, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    write_csv(path, "penalty", 3000, seed=3, as_of=date(2026, 6, 30))
    done = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []
    engine = db.engine

    def browse() -> None:
        while not done.is_set():
            try:
                with engine.connect() as conn:
                    seen.append(conn.execute(sa.select(sa.func.count()).select_from(Penalty)).scalar_one())
                    conn.execute(sa.select(Penalty.id, Penalty.decision_no).limit(20)).all()
            except BaseException as exc:  # noqa: BLE001 - counted, the assertion shows them
                errors.append(exc)

    reader = threading.Thread(target=browse)
    reader.start()
    try:
        result = import_file(db.session, path, "penalty", today=TODAY)
    finally:
        done.set()
        reader.join()
    assert errors == []
    total = result.imported
    assert total > 2 * CHUNK_ROWS
    assert any(0 < n < total for n in seen), "the reader saw the import's committed chunks while it ran"
    assert seen == sorted(seen)  # never a half-written chunk: counts only grow, chunk by chunk
    assert set(seen) <= {0, total} | {k * CHUNK_ROWS for k in range(1, total // CHUNK_ROWS + 1)}
