"""Search quality over fixed demo data, on every backend: ≥ 60 queries with expected hits, recall@20 ≥ 0.95, and
not one hit that is not public today.

The demo data goes through the real importer and the real reindex (presenter, visibility), so this also checks
that what the index returns is exactly what the publicity rules allow.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
import sqlalchemy as sa
from flask import Flask

from portal.demo.load import load_demo
from portal.extensions import db
from portal.indexing.outbox import reindex
from portal.models import ListEntry, Penalty, Permit, Subject
from portal.search_ui.services import visible_keys
from portal.visibility import public_on
from search.contract import Query, SearchBackend
from search.factory import open_backend
from tests.conftest import TODAY
from tests.search.conftest import PG_TABLE, _drop_pg_tables

RECORDS = 1500
TOP = 20
FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ"
)


@pytest.fixture
def demo(app: Flask) -> Flask:
    load_demo(db.session, records=RECORDS, seed=2026, as_of=TODAY)
    return app


@pytest.fixture(params=["tantivy", "whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def indexed(request: pytest.FixtureRequest, demo: Flask, tmp_path: Path) -> Iterator[SearchBackend]:
    if request.param == "postgres":
        engine = sa.create_engine(request.getfixturevalue("pg_url"))
        _drop_pg_tables(engine)
        backend = open_backend("postgres", engine=engine, table=PG_TABLE)
    else:
        engine = None
        backend = open_backend(request.param, directory=tmp_path / "quality")
    reindex(db.session, backend, TODAY)
    yield backend
    backend.close()
    if engine is not None:
        _drop_pg_tables(engine)
        engine.dispose()


def _public(model, rng: random.Random, n: int) -> list:  # type: ignore[no-untyped-def]
    rows = db.session.execute(
        sa.select(model, Subject).join(Subject, Subject.id == model.subject_id).where(public_on(model, TODAY))
        .order_by(model.id)
    ).all()  # fmt: skip
    return rng.sample(rows, min(n, len(rows)))


def quality_queries() -> list[tuple[str, str, str]]:
    """(kind of query, query text, expected key) drawn from public records with a fixed seed."""
    rng = random.Random(7)
    to_traditional = opencc.OpenCC("s2t.json").convert
    out: list[tuple[str, str, str]] = []
    for i, (p, _s) in enumerate(_public(Penalty, rng, 10)):
        text = p.decision_no if i % 2 else p.decision_no.replace("〔", "(").replace("〕", ")")
        out.append(("penalty 文号", text, f"penalty:{p.id}"))
    for r, _s in _public(Permit, rng, 6):
        out.append(("permit 文号", r.doc_no, f"permit:{r.id}"))
    orgs = [(r, s) for r, s in _public(Penalty, rng, 400) + _public(Permit, rng, 400) if s.uscc and s.kind == "legal"]
    seen: set[str] = set()
    picked = []
    for r, s in orgs:
        if s.public_id not in seen:
            seen.add(s.public_id)
            picked.append((r, s))
    for _r, s in picked[:10]:
        out.append(("USCC", s.uscc, f"subject:{s.public_id}"))
    for _r, s in picked[10:25]:
        out.append(("full name", s.name, f"subject:{s.public_id}"))
    for _r, s in picked[25:30]:
        out.append(("full-width USCC", s.uscc.translate(FULL_WIDTH), f"subject:{s.public_id}"))
    for _r, s in picked[30:35]:
        out.append(("traditional name", to_traditional(s.name), f"subject:{s.public_id}"))
    for r, s in picked[35:50]:
        if isinstance(r, Penalty):
            out.append(("name + violation", f"{s.name} {r.violation_type}", f"penalty:{r.id}"))
        else:
            out.append(("name + permit title", f"{s.name} {r.doc_title}", f"permit:{r.id}"))
    for e, _s in _public(ListEntry, rng, 5):
        out.append(("list entry", f"{_s.name} {e.list_name}", f"list:{e.id}"))
    return out


def test_recall_at_20_and_no_hit_that_is_not_public(indexed: SearchBackend) -> None:
    queries = quality_queries()
    assert len(queries) >= 60
    missed = []
    all_keys: set[str] = set()
    for kind, text, expected in queries:
        keys = [h.key for h in indexed.search(Query(text, per_page=TOP), today=TODAY).hits]
        all_keys.update(keys)
        if expected not in keys:
            missed.append((kind, text, expected))
    recall = 1 - len(missed) / len(queries)
    assert recall >= 0.95, missed
    assert visible_keys(db.session, sorted(all_keys), TODAY) == all_keys


def test_exact_identifiers_rank_first(indexed: SearchBackend) -> None:
    for kind, text, expected in quality_queries():
        if kind in ("penalty 文号", "permit 文号", "USCC", "full-width USCC"):
            assert indexed.search(Query(text), today=TODAY).hits[0].key == expected, (kind, text)


def test_records_that_are_not_public_are_never_found(indexed: SearchBackend) -> None:
    hidden = db.session.execute(
        sa.select(Penalty.id, Penalty.decision_no).where(sa.not_(public_on(Penalty, TODAY))).order_by(Penalty.id)
    ).all()
    assert hidden, "the demo data should hold penalties that are not public (轻微, ended)"
    for record_id, decision_no in hidden[:25]:
        keys = [h.key for h in indexed.search(Query(decision_no, per_page=100), today=TODAY).hits]
        assert f"penalty:{record_id}" not in keys
