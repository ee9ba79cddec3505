"""分级分类 grading and 双随机 draws against a big database (issue 17 targets: grading 100k subjects ≤ 30 s at 1M
records; a draw over 10,000 USCCs ≤ 5 s).

    python benchmarks/supervision_bench.py --subjects 100000 --records 1000000 [--db URL] [--reuse] [--runs 3]

Builds (or, with --reuse, reuses) synthetic data with SQLAlchemy Core bulk inserts: organisations (85 %) and
个体工商户 (15 %), and records spread over the last four years — penalties 55 % (轻微 20 %, 一般 70 %, 严重 10 %),
permits 30 %, list entries 5 % (red / serious / watch), coercions 4 %, commitments 4 % (a fifth broken), honours 2 %
— from ten departments. Then times:
  1. grading every subject (`grade_everyone`, the rule set of DOMAIN §20, facts loaded per chunk of 20,000);
  2. `take_snapshot` (what `flask grade --day` runs: grading plus department attribution and the stored counts);
  3. `create_draw` over 10,000 USCCs (9,500 known, 500 unknown), parsing, grading, drawing and storing included.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.db_setup import load_list_types  # noqa: E402
from portal.domain import uscc  # noqa: E402
from portal.domain.grading_rules import DEFAULT_RULE_SET  # noqa: E402
from portal.domain.sampling import parse_population  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Coercion, Commitment, Honour, ListEntry, Penalty, Permit, Subject  # noqa: E402
from portal.supervision import draws, grading, stats  # noqa: E402

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
CHUNK = 50_000
DEPTS = [uscc.make_uscc(f"11430200{i:09d}") for i in range(10)]


def code_of(i: int) -> str:
    return uscc.make_uscc(f"9143020{i:010d}")


def _insert(table: sa.Table, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(table.insert(), rows[start : start + CHUNK])
    db.session.commit()


def _day(rng: random.Random) -> date:
    return TODAY - timedelta(days=rng.randrange(4 * 365))


def _record(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    dept = DEPTS[n % len(DEPTS)]
    status = "published" if rng.random() < 0.9 else rng.choice(("not_public", "repaired", "under_objection"))
    return {"subject_id": rng.randrange(subjects) + 1, "status": status, "public_from": date(2023, 1, 1),
            "public_until": date(2027, 12, 31), "suspended_days": 0, "source_name": "来源", "source_uscc": dept,
            "version": 1, "row_hash": "0" * 64, "created_at": NOW, "updated_at": NOW, "authority_name": "部门",
            "authority_uscc": dept}  # fmt: skip


def _penalty(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    roll = rng.random()
    severity = "minor" if roll < 0.2 else "serious" if roll > 0.9 else "general"
    return {**_record(rng, subjects, n), "decision_no": f"罚〔{n}〕号", "decision_key": f"罚〔{n}〕号",
            "violation_type": "未按规定明码标价", "facts": "事实", "basis": "依据", "punishment_types": "罚款",
            "content": "罚款", "decided_on": _day(rng), "severity": severity}  # fmt: skip


def _permit(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    day = _day(rng)
    return {**_record(rng, subjects, n), "doc_title": "许可", "doc_no": f"JY{n}", "doc_key": f"JY{n}",
            "category": "普通", "content": "食品销售", "decided_on": day, "valid_from": day,
            "valid_until": day + timedelta(days=1800), "state": "1"}  # fmt: skip


def _list_entry(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    category = rng.choice(("redlist", "redlist", "blacklist", "watchlist", "watchlist"))
    day = _day(rng)
    row = {**_record(rng, subjects, n), "category": category, "list_name": f"名单{category}",
           "list_key": f"名单{category}", "reason": "事由", "basis": "依据", "doc_no": f"认定〔{n}〕号",
           "doc_key": f"认定〔{n}〕号", "recognised_by": "部门", "listed_on": day,
           "valid_until": day + timedelta(days=3 * 365),
           "removed_on": day + timedelta(days=300) if rng.random() < 0.2 else None}  # fmt: skip
    row["recognised_by_uscc"] = row.pop("authority_uscc")
    row.pop("authority_name")
    return row


def _coercion(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    day = _day(rng)
    lifted = day + timedelta(days=rng.randrange(30, 400)) if rng.random() < 0.7 else None
    return {**_record(rng, subjects, n), "doc_no": f"强〔{n}〕号", "doc_key": f"强〔{n}〕号", "categories": "扣押财物",
            "reason": "事由", "basis": "依据", "content": "扣押", "decided_on": day, "lifted_on": lifted}  # fmt: skip


def _commitment(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    day = _day(rng)
    broken = rng.random() < 0.2
    return {**_record(rng, subjects, n), "doc_key": f"K:{n}", "commit_type": "主动型", "matter": "按期整改",
            "content": "承诺", "made_on": day, "state": "全部未履行" if broken else "履行中",
            "state_on": day + timedelta(days=90) if broken else None, "openness": "政务共享"}  # fmt: skip


def _honour(rng: random.Random, subjects: int, n: int) -> dict[str, object]:
    name = "守合同重信用企业"
    return {**_record(rng, subjects, n), "honour_name": name, "honour_key": name, "content": "授予",
            "doc_no": f"奖〔{n}〕号", "doc_key": f"奖〔{n}〕号", "granted_on": _day(rng)}  # fmt: skip


SHARES = ((Penalty, _penalty, 55), (Permit, _permit, 30), (ListEntry, _list_entry, 5), (Coercion, _coercion, 4),
          (Commitment, _commitment, 4), (Honour, _honour, 2))  # fmt: skip


def build(subjects: int, records: int, rng: random.Random) -> None:
    started = time.perf_counter()
    for first in range(0, subjects, CHUNK):
        rows = [{"id": i + 1, "public_id": f"p{i:011d}", "kind": "legal" if i % 7 else "individual_business",
                 "name": f"江临基准测试企业{i}有限公司", "name_norm": f"江临基准测试企业{i}有限公司",
                 "uscc": code_of(i), "created_at": NOW, "updated_at": NOW}
                for i in range(first, min(subjects, first + CHUNK))]  # fmt: skip
        _insert(Subject.__table__, rows)
    for model, make, share in SHARES:
        count = records * share // 100
        for first in range(0, count, CHUNK):
            _insert(model.__table__, [make(rng, subjects, n) for n in range(first, min(count, first + CHUNK))])
    print(f"built {subjects:,} subjects and {records:,} records in {time.perf_counter() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: sqlite:////tmp/supervision-bench-N.db)")
    parser.add_argument("--reuse", action="store_true", help="reuse an existing database of the same size")
    parser.add_argument("--runs", type=int, default=3, help="runs of the draw (grading runs once)")
    args = parser.parse_args()
    uri = args.db or f"sqlite:////tmp/supervision-bench-{args.subjects}-{args.records}.db"
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": uri, "RATELIMIT_ENABLED": False})
    rng = random.Random(17)
    with app.app_context():
        if not args.reuse:
            db.drop_all()
            db.create_all()
            load_list_types(db.session)
            db.session.commit()
            build(args.subjects, args.records, rng)
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        counted = sum(int(db.session.scalar(sa.select(sa.func.count()).select_from(m)) or 0) for m, _f, _s in SHARES)
        subjects = int(db.session.scalar(sa.select(sa.func.count()).select_from(Subject)) or 0)
        print(f"database: {uri.split('@')[-1]}, {subjects:,} subjects, {counted:,} records")

        # Wall time and this process's CPU time: on a shared machine the gap is time spent waiting for a core.
        started, cpu = time.perf_counter(), time.process_time()
        grades: Counter[str] = Counter()
        for _subjects, chunk in grading.grade_everyone(db.session, DEFAULT_RULE_SET, TODAY):
            grades.update(result.grade.value for result in chunk.values())
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        print(f"grading {sum(grades.values()):,} subjects: {wall:.1f} s wall, {used:.1f} s CPU "
              f"({dict(sorted(grades.items()))})")  # fmt: skip

        started, cpu = time.perf_counter(), time.process_time()
        snapshot = stats.take_snapshot(db.session, TODAY, now=NOW)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        print(f"take_snapshot (flask grade): {wall:.1f} s wall, {used:.1f} s CPU for {snapshot.subjects:,} subjects")

        timings, cpus = [], []
        for run in range(args.runs):
            codes = [code_of(i) for i in rng.sample(range(subjects), 9_500)]
            codes += [code_of(subjects + 10 + i) for i in range(500)]  # valid but unknown
            started, cpu = time.perf_counter(), time.process_time()
            draw = draws.create_draw(db.session, DEPTS[0], f"基准抽取{run}-{time.time_ns()}",
                                     parse_population(enumerate(codes, start=1)), actor="bench", actor_id=None,
                                     day=TODAY, now=NOW)  # fmt: skip
            timings.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        median, median_cpu = statistics.median(timings), statistics.median(cpus)
        print(f"create_draw over 10,000 USCCs: median {median:.2f} s wall ({median_cpu:.2f} s CPU), "
              f"max {max(timings):.2f} s (last sample {draw.sample:,})")  # fmt: skip
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        db.session.remove()


if __name__ == "__main__":
    main()
