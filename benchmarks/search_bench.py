"""Search engines side by side: build time, index size, peak RSS, p50/p95/max query latency, freshness (make bench).

    python benchmarks/search_bench.py --records 30000 [--backends tantivy,whoosh,postgres,like] [--rounds 5] [--mixed]

--mixed adds 行政强制, 荣誉 and 信用承诺 documents in the demo's shares (search_bench_more.py) and queries for them.

Documents come from portal.demo.generate_rows (realistic names, 文号, violation types), shaped and masked the way
the public presenter shapes them (natural persons 王**, no ID numbers), plus one document per subject. Each backend
is built and queried in its own process, so peak RSS is per backend. The query set (≥ 50 queries: two-character
fragments, full names, violation words, USCCs, 文号 with other brackets, Latin and full-width variants) is drawn from
the documents with a fixed seed. `like` is the baseline: SQLite LIKE '%q%' over name, title, body and USCC.
postgres runs when TEST_DATABASE_URL is set. Figures go in the issue notes, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_bench_docs import AS_OF, CHUNK, read_chunks, read_documents, write_documents  # noqa: E402
from search_bench_queries import percentiles, query_set  # noqa: E402

from search.contract import Document, Query  # noqa: E402
from search.factory import open_backend  # noqa: E402


# -- workers ----------------------------------------------------------------------------------------------
def _dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def run_engine(name: str, data: Path, queries: list[tuple[str, str]], workdir: Path, rounds: int) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if name == "postgres":
        options = {"dsn": os.environ["TEST_DATABASE_URL"], "table": "search_bench"}
    else:
        options = {"directory": workdir}
    if name == "tantivy":
        options["cache_size"] = 0  # cold figures: every query runs in the engine
    backend = open_backend(name, **options)
    started = time.perf_counter()
    count = 0
    with backend.rebuild() as builder:
        for chunk in read_chunks(data):
            builder.add(chunk)
            count += len(chunk)
    build = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest analysis worker
    size = _dir_mb(workdir / name) if name != "postgres" else _pg_size(backend)
    timings: list[float] = []
    by_cat: dict[str, list[float]] = {}
    zero = 0
    for round_no in range(rounds + 1):
        for cat, text in queries:
            t = time.perf_counter()
            page = backend.search(Query(text), today=AS_OF)
            ms = (time.perf_counter() - t) * 1000
            if round_no:  # round 0 warms caches
                timings.append(ms)
                by_cat.setdefault(cat, []).append(ms)
            elif page.total == 0:
                zero += 1
    warm: dict[str, float] = {}
    if name == "tantivy":  # the same queries again with the result cache on (popular queries repeat)
        cached = open_backend(name, directory=workdir)
        for _cat, text in queries:
            cached.search(Query(text), today=AS_OF)
        again = []
        for _cat, text in queries:
            t = time.perf_counter()
            cached.search(Query(text), today=AS_OF)
            again.append((time.perf_counter() - t) * 1000)
        warm = percentiles(again)
    fresh_docs = [replace(d, key=f"fresh:{i}", body=f"新增记录标记{d.body}", id=f"f{i}")
                  for i, d in enumerate(_take(read_documents(data), 1000))]  # fmt: skip
    t = time.perf_counter()
    backend.upsert(fresh_docs)
    while backend.search(Query("新增记录标记"), today=AS_OF).total < len([d for d in fresh_docs if d.until >= AS_OF]):
        time.sleep(0.01)
    fresh = time.perf_counter() - t
    backend.close()
    return {
        "backend": name, "documents": count, "build_s": round(build, 1), "index_mb": size,
        "peak_rss_mb": round(rss), "worker_rss_mb": round(helpers), "queries": len(queries), "rounds": rounds,
        "no_hits": zero,
        "latency_ms": percentiles(timings), "cached_latency_ms": warm,
        "by_category_p95": {c: percentiles(v)["p95"] for c, v in by_cat.items()},
        "fresh_1000_s": round(fresh, 2),
    }  # fmt: skip


def _take(docs: Iterator[Document], n: int) -> list[Document]:
    out = []
    for doc in docs:
        if doc.type != "subject":
            out.append(doc)
        if len(out) >= n:
            break
    return out


def _pg_size(backend: Any) -> float:
    import sqlalchemy as sa

    with backend.engine.connect() as conn:
        size = conn.execute(sa.text("SELECT pg_total_relation_size('search_bench')")).scalar()
    return round(int(size or 0) / 1e6, 1)


def run_like(data: Path, queries: list[tuple[str, str]], workdir: Path, rounds: int) -> dict[str, Any]:
    """The baseline a naive portal would ship: LIKE '%q%' over the raw fields, with an exact COUNT."""
    db = sqlite3.connect(workdir / "like.db")
    db.execute("CREATE TABLE docs (key TEXT PRIMARY KEY, name TEXT, title TEXT, body TEXT, uscc TEXT, until TEXT,"
               " day TEXT, data TEXT)")  # fmt: skip
    started = time.perf_counter()
    count = 0
    batch = []
    for d in read_documents(data):
        batch.append((d.key, d.subject_name, d.title, d.body, d.uscc or "", d.until.isoformat(),
                      (d.date or AS_OF).isoformat(), json.dumps(d.stored(), ensure_ascii=False)))  # fmt: skip
        count += 1
        if len(batch) >= CHUNK:
            db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", batch)
            batch = []
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", batch)
    db.commit()
    build = time.perf_counter() - started
    where = "until >= ? AND (name LIKE ? OR title LIKE ? OR body LIKE ? OR uscc LIKE ?)"
    timings: list[float] = []
    for round_no in range(rounds + 1):
        for _cat, text in queries:
            like = f"%{text}%"
            params = (AS_OF.isoformat(), like, like, like, like)
            t = time.perf_counter()
            db.execute(f"SELECT data FROM docs WHERE {where} ORDER BY day DESC LIMIT 20", params).fetchall()  # noqa: S608
            db.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()  # noqa: S608
            if round_no:
                timings.append((time.perf_counter() - t) * 1000)
    db.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"backend": "like", "documents": count, "build_s": round(build, 1),
            "index_mb": round((workdir / "like.db").stat().st_size / 1e6, 1), "peak_rss_mb": round(rss),
            "queries": len(queries), "rounds": rounds, "latency_ms": percentiles(timings)}  # fmt: skip


# -- orchestration ----------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--backends", default="tantivy,whoosh,postgres,like")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--like-rounds", type=int, default=None, help="rounds for the LIKE baseline (slow at 1M)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--mixed", action="store_true", help="add 行政强制, 荣誉 and 信用承诺 documents and queries")
    parser.add_argument("--save-queries", type=Path, help="write the query set to this JSON file")
    parser.add_argument("--base-queries", type=Path,
                        help="take the queries of another run (--save-queries) and add only this data's own further "
                             "ones, so two data sets are compared on the same queries")  # fmt: skip
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        workdir, data = Path(args.workdir), Path(args.data)
        queries = [tuple(q) for q in json.loads((data.parent / "queries.json").read_text(encoding="utf-8"))]
        if args.worker == "like":
            result = run_like(data, queries, workdir, args.rounds)  # type: ignore[arg-type]
        else:
            result = run_engine(args.worker, data, queries, workdir, args.rounds)  # type: ignore[arg-type]
        print(json.dumps(result, ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        data = Path(tmp) / "docs.pickle"
        t = time.perf_counter()
        sample = write_documents(data, args.records, args.seed, args.mixed)
        queries = query_set(sample, args.seed, args.base_queries)
        if args.save_queries:
            args.save_queries.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        (Path(tmp) / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        print(f"# {args.records} records generated in {time.perf_counter() - t:.0f} s; {len(queries)} queries",
              flush=True)  # fmt: skip
        for name in args.backends.split(","):
            if name == "postgres" and not os.environ.get("TEST_DATABASE_URL"):
                print("# postgres skipped: TEST_DATABASE_URL is not set", flush=True)
                continue
            workdir = Path(tmp) / f"work-{name}"
            workdir.mkdir()
            rounds = args.like_rounds if (name == "like" and args.like_rounds is not None) else args.rounds
            command = [sys.executable, __file__, "--worker", name, "--data", str(data), "--workdir", str(workdir),
                       "--rounds", str(rounds)]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            if done.returncode:
                print(f"# {name} failed:\n{done.stderr[-3000:]}", flush=True)
                continue
            print(done.stdout.strip().splitlines()[-1], flush=True)
            if name == "postgres":
                _drop_pg_bench()


def _drop_pg_bench() -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(os.environ["TEST_DATABASE_URL"])
    with engine.begin() as conn:
        names = conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE tablename LIKE 'search_bench%'")).scalars()
        for name in list(names):
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))
    engine.dispose()


if __name__ == "__main__":
    main()
