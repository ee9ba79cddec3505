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
import pickle
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_bench_more import MORE_QUERIES, more_documents  # noqa: E402

from portal import demo  # noqa: E402
from portal.demo.more_kinds import more_plan  # noqa: E402
from portal.domain import masking  # noqa: E402
from portal.domain.dates import parse_date  # noqa: E402
from portal.domain.kinds import LIST_CATEGORY_BY_ZH, SUBJECT_KIND_BY_ZH  # noqa: E402
from portal.domain.text import normalize_code  # noqa: E402
from search.contract import Document, Query  # noqa: E402
from search.factory import open_backend  # noqa: E402

AS_OF = date(2026, 11, 23)
CHUNK = 10_000
SEVERITY = {"轻微": "minor", "一般": "general", "严重": "serious"}
USCC_COLUMN = "行政相对人代码_1(统一社会信用代码)"


# -- documents --------------------------------------------------------------------------------------------
def _subject(row: dict[str, str], name_col: str, kind_col: str, uscc_col: str) -> tuple[str, str | None, str]:
    """(public name, USCC, subject key) as the presenter shows them."""
    kind = SUBJECT_KIND_BY_ZH[row[kind_col].strip()].value
    uscc = normalize_code(row.get(uscc_col, "")) or None
    if kind == "natural_person":
        uscc = None
    return masking.public_subject_name(row[name_col], kind), uscc, uscc or f"{kind}:{row[name_col]}"


def generate_documents(records: int, seed: int, mixed: bool = False) -> Iterator[Document]:
    """Record documents in presenter shape, then one document per subject (as portal.indexing builds them)."""
    further = more_plan(records) if mixed else []
    plan = demo.plan_for(records - sum(count for _kind, count in further))
    subjects: dict[str, list[Any]] = {}
    three_years = timedelta(days=3 * 365)
    n = 0
    for kind, count in (("penalty", plan.penalties), ("permit", plan.permits), ("list", plan.lists)):
        for row in demo.generate_rows(kind, count, seed=seed, as_of=AS_OF):
            n += 1
            if kind == "penalty":
                name, uscc, skind = _subject(row, "行政相对人名称", "行政相对人类别", USCC_COLUMN)
                when = parse_date(row["处罚决定日期"]) or AS_OF
                until = parse_date(row["公示截止期"]) or when + three_years
                doc = Document(f"penalty:{n}", "penalty", str(n), row["行政处罚决定书文号"], name, uscc,
                               row["违法行为类型"], when, f"/penalties/{n}", department=row["处罚机关"],
                               year=when.year, category=SEVERITY.get(row["失信严重程度"], "general"),
                               public_until=until, identifiers=(row["行政处罚决定书文号"],))  # fmt: skip
            elif kind == "permit":
                name, uscc, skind = _subject(row, "行政相对人名称", "行政相对人类别", USCC_COLUMN)
                when = parse_date(row["许可决定日期"]) or AS_OF
                doc = Document(f"permit:{n}", "permit", str(n), row["行政许可决定文书号"], name, uscc,
                               row["行政许可决定文书名称"], when, f"/permits/{n}", department=row["许可机关"],
                               year=when.year, category=row["许可类别"], public_until=when + three_years,
                               identifiers=(row["行政许可决定文书号"],))  # fmt: skip
            else:
                if row["移出日期"].strip():
                    continue
                name, uscc, skind = _subject(row, "主体名称", "主体类别", "统一社会信用代码")
                when = parse_date(row["列入日期"]) or AS_OF
                until = parse_date(row["有效期至"], allow_long_term=True)
                category = LIST_CATEGORY_BY_ZH[row["名单类别"]].value
                doc = Document(f"list:{n}", category, str(n), row["名单名称"], name, uscc, row["列入事由"], when,
                               f"/lists/entries/{n}", department=row["认定单位"], year=when.year,
                               list_name=row["名单名称"], public_until=until)  # fmt: skip
            if doc.until < AS_OF:
                continue  # publicity over: a reindex never writes it (portal.indexing.iter_documents)
            yield doc
            entry = subjects.setdefault(skind, [name, uscc, skind.partition(":")[0], doc.until, when])
            entry[3] = max(entry[3], doc.until)
            entry[4] = max(entry[4], when)
    if mixed:
        for doc, skind in more_documents(records, seed, AS_OF, n):
            yield doc
            entry = subjects.setdefault(skind, [doc.subject_name, doc.uscc, "legal", doc.until, doc.date])
            entry[3], entry[4] = max(entry[3], doc.until), max(entry[4], doc.date or AS_OF)
    for i, (name, uscc, kind, until, latest) in enumerate(subjects.values()):
        url = f"/subjects/{uscc}" if uscc else f"/subjects/p/bench{i}"
        yield Document(f"subject:{i}", "subject", str(i), name, name, uscc, kind, latest, url,
                       public_until=None if until >= date(9999, 1, 1) else until)  # fmt: skip


def write_documents(path: Path, records: int, seed: int, mixed: bool = False) -> list[Document]:
    """Pickle the documents in chunks (workers stream them back); returns a sample for the query set."""
    sample: list[Document] = []
    rng = random.Random(seed)
    with path.open("wb") as fh:
        chunk: list[Document] = []
        for i, doc in enumerate(generate_documents(records, seed, mixed)):
            chunk.append(doc)
            if len(sample) < 4000:
                sample.append(doc)
            elif rng.random() < 4000 / (i + 1):
                sample[rng.randrange(4000)] = doc
            if len(chunk) >= CHUNK:
                pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
                chunk = []
        if chunk:
            pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return sample


def read_chunks(path: Path) -> Iterator[list[Document]]:
    with path.open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)  # noqa: S301 - our own temporary file
            except EOFError:
                return


def read_documents(path: Path) -> Iterator[Document]:
    for chunk in read_chunks(path):
        yield from chunk


# -- the query set ----------------------------------------------------------------------------------------
FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
)


def build_queries(sample: list[Document], seed: int) -> list[tuple[str, str]]:
    """(category, text) pairs, ≥ 50, deterministic for a seed."""
    rng = random.Random(seed)
    live = [d for d in sample if d.until >= AS_OF]
    orgs = [d for d in live if d.uscc and "*" not in d.subject_name and len(d.subject_name) >= 6]
    records = [d for d in live if d.type in ("penalty", "permit")]
    penalties = [d for d in live if d.type == "penalty"]
    out: list[tuple[str, str]] = []
    for d in rng.sample(orgs, 12):
        start = rng.randrange(2, len(d.subject_name) - 3)
        out.append(("fragment-2", d.subject_name[start : start + 2]))
    out += [("full-name", d.subject_name) for d in rng.sample(orgs, 10)]
    bodies = sorted({d.body for d in penalties})
    for body in rng.sample(bodies, min(5, len(bodies))):
        out.append(("violation", body))
    for body in rng.sample(bodies, min(5, len(bodies))):
        start = rng.randrange(0, max(1, len(body) - 4))
        out.append(("violation-4", body[start : start + 4]))
    out += [("violation-fixed", w) for w in ("无证经营", "超标排放", "明码标价")]
    out += [("uscc", d.uscc or "") for d in rng.sample(orgs, 8)]
    for i, d in enumerate(rng.sample(records, 8)):
        out.append(("docno", d.title if i % 2 else d.title.replace("〔", "(").replace("〕", ")")))
    usccs = [d.uscc or "" for d in rng.sample(orgs, 3)]
    out += [("fullwidth-uscc", usccs[0].translate(FULL_WIDTH)), ("lower-uscc", usccs[1].lower())]
    out += [("uscc-prefix", usccs[2][:10]), ("pinyin", "jlsw")]
    out += [("multi", "江临 餐饮"), ("multi", f"{orgs[0].subject_name[2:4]} {penalties[0].body[:2]}")]
    further = [d for d in live if d.type in ("coercion", "honour", "commitment") and d.identifiers]
    if further:  # --mixed: the further kinds' 文号 / 承诺编码 and their words
        out += [("more-docno", d.identifiers[0]) for d in rng.sample(further, min(6, len(further)))]
        out += [("more-words", w) for w in MORE_QUERIES]
    return out


# -- workers ----------------------------------------------------------------------------------------------
def _percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(values[min(len(values) - 1, int(len(values) * 0.95))], 2),
        "max": round(values[-1], 2),
    }


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
        warm = _percentiles(again)
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
        "latency_ms": _percentiles(timings), "cached_latency_ms": warm,
        "by_category_p95": {c: _percentiles(v)["p95"] for c, v in by_cat.items()},
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
            "queries": len(queries), "rounds": rounds, "latency_ms": _percentiles(timings)}  # fmt: skip


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
        queries = build_queries(sample, args.seed)
        if args.base_queries:
            base = [tuple(q) for q in json.loads(args.base_queries.read_text(encoding="utf-8"))]
            queries = base + [q for q in queries if q[0].startswith("more-")]
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
