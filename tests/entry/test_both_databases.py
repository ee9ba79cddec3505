"""The entry pipeline, subject completion, the §16 export and the data-sources table on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import clock, kinds
from portal.entry import services
from portal.entry.rows import Correction, Submitter, apply_items
from portal.extensions import db
from portal.models import Penalty
from portal.public.sources import compute as sources
from portal.upstream.export import export_kind, parse_since
from tests.conftest import TODAY
from tests.entry.helpers import MARKET, penalty

STAFF = Submitter("clerk@example.gov.cn", None, None, "entry")


def _apply(rows: list[object], correction: Correction | None = None):  # type: ignore[no-untyped-def]
    return apply_items(db.session, kinds.spec("penalty"), rows, submitter=STAFF, today=TODAY, now=clock.now(),
                       publish_minor_penalties=False, correction=correction)  # fmt: skip


def test_entry_export_and_sources_on_both_databases(app_any_db: Flask, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    first = _apply([penalty(), penalty(行政处罚决定书文号="株市监罚〔2026〕16号")])
    assert [i.status for i in first.items] == ["imported", "imported"]
    assert [i.status for i in _apply([penalty()]).items] == ["unchanged"]
    rid = first.items[0].record_id
    fixed = _apply([penalty(违法事实="更正")], Correction(rid, "笔误"))
    assert fixed.items[0].status == "updated"
    assert db.session.get(Penalty, rid).version == 2
    assert [s.uscc for s in services.known_subjects(db.session, "示例食品")] == ["91430200MA4L0A1B7K"]
    assert services.known_subjects(db.session, "%_") == []
    assert [r.id for r in services.find_records(db.session, kinds.spec("penalty"), "(2026)16", None)] == [
        first.items[1].record_id
    ]
    spec = kinds.spec("penalty")
    full = export_kind(db.session, spec, tmp_path, parse_since(db.session, "penalty", "last"), now=clock.now(),
                       actor="cli")  # fmt: skip
    assert full.rows == 2
    later = export_kind(db.session, spec, tmp_path, parse_since(db.session, "penalty", "last"), now=clock.now(),
                        actor="cli")  # fmt: skip
    assert later.rows == 0
    assert later.since == full.until
    (market,) = [s for s in sources(db.session, TODAY) if s.uscc == MARKET]
    assert market.records == 2
    assert market.last_day is not None
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Penalty))
    assert count == 2
