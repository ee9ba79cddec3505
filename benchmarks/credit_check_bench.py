"""Batch 信用核查 of 1,000 USCCs against a big database (issue 10 target: ≤ 2 s at 1M records).

    python benchmarks/credit_check_bench.py --records 1000000 [--db URL] [--reuse] [--runs 5]

Builds (or, with --reuse, reuses) a database of synthetic records with SQLAlchemy Core bulk inserts: about 20 %
subjects, 50 % penalties, 45 % permits and 5 % list entries of the record count; then times `run_check` on batches
of 1,000 USCCs (900 known, 50 unknown, 50 malformed) and the same batch through POST /api/v1/joint/checks/batch.
The default database is a SQLite file under /tmp, kept between runs so --reuse can skip the build.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import clock, create_app  # noqa: E402
from portal.db_setup import load_list_types, load_measures  # noqa: E402
from portal.domain import uscc  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.joint import apikeys, checks  # noqa: E402
from portal.models import ListEntry, ListType, Penalty, Permit, Subject  # noqa: E402
from portal.work_calendar import work_calendar  # noqa: E402

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
CHUNK = 20_000
DEPT = "11430200006123458Y"


def code_of(i: int) -> str:
    return uscc.make_uscc(f"9143020{i:010d}")


def _insert(table: sa.Table, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(table.insert(), rows[start : start + CHUNK])
    db.session.commit()


def build(records: int, rng: random.Random) -> None:
    subjects = max(1000, records // 5)
    started = time.perf_counter()
    common = {"created_at": NOW, "updated_at": NOW}
    for first in range(0, subjects, 100_000):
        rows = [
            {
                "id": i + 1,
                "public_id": f"p{i:011d}",
                "kind": "legal",
                "name": f"江临基准测试企业{i}有限公司",
                "name_norm": f"江临基准测试企业{i}有限公司",
                "uscc": code_of(i),
                **common,
            }
            for i in range(first, min(subjects, first + 100_000))
        ]
        _insert(Subject.__table__, rows)
    record = {
        "status": "published",
        "public_from": date(2026, 1, 1),
        "public_until": date(2027, 12, 31),
        "suspended_days": 0,
        "source_name": "江临市市场监督管理局",
        "source_uscc": DEPT,
        "version": 1,
        "row_hash": "0" * 64,
        **common,
    }
    n_pen, n_per, n_list = records // 2, records * 45 // 100, records // 20
    for first in range(0, n_pen, 100_000):
        rows = [
            {
                **record,
                "subject_id": rng.randrange(subjects) + 1,
                "decision_no": f"江市监罚〔2026〕{i}号",
                "decision_key": f"江市监罚〔2026〕{i}号",
                "violation_type": "未按规定明码标价",
                "facts": "事实",
                "basis": "依据",
                "punishment_types": "罚款",
                "content": "罚款1000元",
                "decided_on": date(2026, 3, 1),
                "authority_name": "江临市市场监督管理局",
                "authority_uscc": DEPT,
                "severity": "general",
            }
            for i in range(first, min(n_pen, first + 100_000))
        ]
        _insert(Penalty.__table__, rows)
    for first in range(0, n_per, 100_000):
        rows = [
            {
                **record,
                "subject_id": rng.randrange(subjects) + 1,
                "doc_title": "食品经营许可证",
                "doc_no": f"JY{i:012d}",
                "doc_key": f"JY{i:012d}",
                "category": "普通",
                "content": "食品销售",
                "decided_on": date(2026, 2, 1),
                "valid_from": date(2026, 2, 1),
                "valid_until": date(2031, 1, 31),
                "authority_name": "江临市市场监督管理局",
                "authority_uscc": DEPT,
                "state": "1",
            }
            for i in range(first, min(n_per, first + 100_000))
        ]
        _insert(Permit.__table__, rows)
    types = db.session.execute(sa.select(ListType.id, ListType.name, ListType.category)).all()
    rows = []
    for i in range(n_list):
        type_id, name, category = rng.choice(types)
        rows.append(
            {
                **record,
                "subject_id": rng.randrange(subjects) + 1,
                "category": getattr(category, "value", category),
                "list_name": name,
                "list_key": name,
                "list_type_id": type_id,
                "reason": "列入事由",
                "basis": "认定依据",
                "doc_no": f"认定〔2026〕{i}号",
                "doc_key": f"认定〔2026〕{i}号",
                "recognised_by": "江临市发展和改革委员会",
                "recognised_by_uscc": DEPT,
                "listed_on": date(2026, 4, 1),
            }
        )
    _insert(ListEntry.__table__, rows)
    total = n_pen + n_per + n_list
    print(f"built {subjects:,} subjects and {total:,} records in {time.perf_counter() - started:.0f} s")


def batch_lines(rng: random.Random, subjects: int) -> list[tuple[int, str]]:
    codes = [code_of(i) for i in rng.sample(range(subjects), 900)]
    codes += [code_of(subjects + 10 + i) for i in range(50)]  # unknown
    codes += [f"BAD{i:04d}" for i in range(50)]  # malformed
    rng.shuffle(codes)
    return list(enumerate(codes, start=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: sqlite:////tmp/credit-check-bench-N.db)")
    parser.add_argument("--reuse", action="store_true", help="reuse an existing database of the same size")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    uri = args.db or f"sqlite:////tmp/credit-check-bench-{args.records}.db"
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": uri, "RATELIMIT_ENABLED": False})
    rng = random.Random(7)
    with app.app_context():
        if not args.reuse:
            db.drop_all()
            db.create_all()
            load_list_types(db.session)
            load_measures(db.session)
            db.session.commit()
            build(args.records, rng)
            db.session.execute(sa.text("ANALYZE"))  # fresh bulk load: give the planner statistics, as autovacuum would
            db.session.commit()
        subjects = int(db.session.scalar(sa.select(sa.func.count()).select_from(Subject)) or 0)
        records = sum(
            int(db.session.scalar(sa.select(sa.func.count()).select_from(m)) or 0) for m in (Penalty, Permit, ListEntry)
        )
        print(f"database: {uri.split('@')[-1]}, {subjects:,} subjects, {records:,} records")
        calendar = work_calendar(db.session)
        requester = checks.Requester(DEPT, "bench", "web")
        timings, hits = [], 0
        for _run in range(args.runs):
            request = checks.CheckRequest("tender", "基准测试", batch_lines(rng, subjects), True)
            started = time.perf_counter()
            check = checks.run_check(db.session, requester, request, today=TODAY, now=NOW, calendar=calendar)
            timings.append(time.perf_counter() - started)
            hits = check.hits
        print(
            f"run_check, 1,000 USCCs: median {statistics.median(timings):.3f} s, max {max(timings):.3f} s "
            f"({hits} hits in the last batch)"
        )
        _key, token = apikeys.create_key(
            db.session, DEPT, "bench", ["check"], actor="bench", actor_id=None, now=clock.now()
        )
        client = app.test_client()
        timings = []
        for _run in range(args.runs):
            body = {"act": "tender", "purpose": "基准测试", "usccs": [c for _n, c in batch_lines(rng, subjects)]}
            started = time.perf_counter()
            response = client.post("/api/v1/joint/checks/batch", json=body, headers={"X-API-Key": token})
            timings.append(time.perf_counter() - started)
            assert response.status_code == 201, response.get_data(as_text=True)[:300]
        size = len(response.get_data())
        print(
            f"POST /api/v1/joint/checks/batch (1,000 USCCs, JSON answer {size / 1024:.0f} KB): "
            f"median {statistics.median(timings):.3f} s, max {max(timings):.3f} s"
        )
        db.session.remove()


if __name__ == "__main__":
    main()
