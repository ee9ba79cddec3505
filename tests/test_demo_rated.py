"""Demo ratings and inspections (portal/demo/rated.py): deterministic, valid for the real importer, and with yearly
rating series so that newer ratings supersede older ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.demo.rated import rated_counts, write_rated
from portal.extensions import db
from portal.importers.run import import_file
from portal.models import Inspection, Rating
from tests.conftest import TODAY


def test_the_files_are_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_rated(tmp_path / "a", 500, seed=7, as_of=TODAY)
    second = write_rated(tmp_path / "b", 500, seed=7, as_of=TODAY)
    assert [k for k, _ in first] == ["rating", "inspection"]
    for (_k, a), (_k2, b) in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


@pytest.mark.usefixtures("app")
def test_every_row_imports_and_newer_ratings_supersede_older_ones(tmp_path: Path) -> None:
    ratings, inspections = rated_counts(1000)
    for kind, path in write_rated(tmp_path, 1000, seed=2026, as_of=TODAY):
        result = import_file(db.session, path, kind, today=TODAY)
        expected = ratings if kind == "rating" else inspections
        assert result.summary == f"imported={expected} updated=0 rejected=0", kind
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Inspection)) == inspections
    superseded = db.session.scalar(sa.select(sa.func.count()).where(Rating.superseded_on.is_not(None)))
    assert superseded > 0
    schemes = set(db.session.scalars(sa.select(Rating.scheme).distinct()))
    assert schemes == {"纳税信用", "海关信用", "环保信用", "公共信用综合评价"}
    assert db.session.scalar(sa.select(sa.func.count()).where(Rating.scheme == "纳税信用", Rating.grade == "A")) > 0
