"""Imports commit every CHUNK_ROWS rows and are resumable (portal/importers/run.py, "Transactions"): a failure
mid-import leaves the committed chunks under an unfinished batch, and running the file again ends in exactly the
state of a clean import.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import kinds
from portal.db_setup import load_list_types, load_measures
from portal.demo import write_csv
from portal.domain.kinds import RecordKind
from portal.extensions import db
from portal.importers import run as importer
from portal.models import ImportBatch, Penalty, RecordHistory, RejectedRow, SearchOutbox, Subject
from tests.conftest import TODAY, _make_app

ROWS = 2600
# Surrogate keys, clock times and random public ids differ between any two databases.
IGNORED = {"id", "public_id", "batch_id", "subject_id", "record_id"} | {"created_at", "updated_at", "started_at"}
IGNORED |= {"finished_at"}


class Killed(Exception):
    """Stands for the process dying mid-import."""


def snapshot() -> dict[str, Any]:
    """Everything an import writes, without surrogate keys and clock times."""

    def rows(model: Any, *order: Any) -> list[dict[str, Any]]:
        table = model.__table__
        found = db.session.execute(sa.select(table).order_by(*order)).mappings()
        return [{k: v for k, v in row.items() if k not in IGNORED} for row in found]

    queued = sa.select(Penalty.decision_key).join(SearchOutbox, SearchOutbox.record_id == Penalty.id)
    return {
        "penalties": rows(Penalty, Penalty.decision_key),
        "subjects": rows(Subject, Subject.name, Subject.id),
        "history": rows(RecordHistory, RecordHistory.line_no),
        "batches": rows(ImportBatch, ImportBatch.id),
        "rejected": rows(RejectedRow, RejectedRow.line_no),
        "queued": sorted(db.session.scalars(queued.where(SearchOutbox.record_kind == "penalty"))),
    }


@pytest.fixture
def penalty_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.csv"
    write_csv(path, "penalty", ROWS, seed=7, as_of=date(2026, 6, 30))
    return path


def clean_import(tmp_path: Path, path: Path) -> dict[str, Any]:
    folder = tmp_path / "clean"
    folder.mkdir()
    copy = folder / path.name  # same file name (the batch records it), its own rejects file
    shutil.copyfile(path, copy)
    other = _make_app(folder, f"sqlite:///{folder / 'clean.db'}")
    with other.app_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        importer.import_file(db.session, copy, "penalty", today=TODAY)
        state = snapshot()
        db.session.remove()
        db.engine.dispose()
    return state


def test_a_failed_import_keeps_its_committed_chunks_and_a_rerun_ends_as_a_clean_import(
    app: Flask, tmp_path: Path, penalty_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = clean_import(tmp_path, penalty_file)
    assert len(expected["penalties"]) > 2 * importer.CHUNK_ROWS  # the failure below comes after two commits
    spec = kinds.KINDS[RecordKind.PENALTY]
    parse, calls = spec.parse_row, [0]

    def dies_after_2500_rows(reader: Any) -> Any:
        calls[0] += 1
        if calls[0] > 2500:
            raise Killed
        return parse(reader)

    # The registry is read-only (a Mapping of frozen specs): swap the whole spec for one whose parser dies.
    dying = dataclasses.replace(spec, parse_row=dies_after_2500_rows)
    monkeypatch.setattr(kinds, "KINDS", {**kinds.KINDS, RecordKind.PENALTY: dying})
    with pytest.raises(Killed):
        importer.import_file(db.session, penalty_file, "penalty", today=TODAY)
    db.session.remove()
    # The documented state after a failure: whole chunks committed, the batch unfinished, nothing queued yet.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) == 2 * importer.CHUNK_ROWS
    unfinished = db.session.scalars(sa.select(ImportBatch)).one()
    assert unfinished.finished_at is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == 0
    assert not importer.rejects_path_for(penalty_file).exists()
    assert not list(tmp_path.glob("*.part"))

    monkeypatch.setattr(kinds, "KINDS", {**kinds.KINDS, RecordKind.PENALTY: spec})
    result = importer.import_file(db.session, penalty_file, "penalty", today=TODAY)
    assert result.batch_id == unfinished.id  # resumed, not a second batch
    assert snapshot() == expected


def test_a_rerun_of_a_finished_import_starts_a_new_batch_and_changes_nothing(app: Flask, penalty_file: Path) -> None:
    first = importer.import_file(db.session, penalty_file, "penalty", today=TODAY)
    again = importer.import_file(db.session, penalty_file, "penalty", today=TODAY)
    assert again.batch_id != first.batch_id
    assert (again.imported, again.updated) == (0, 0)
    assert again.unchanged == first.imported + first.updated
