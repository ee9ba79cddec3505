"""Server time of the public pages at scale: listings, a record, a subject profile, /statistics (make bench).

    python benchmarks/page_bench.py --records 1000000 [--base 20000] [--database-url postgresql+psycopg://…]

Builds a throw-away database: `--base` demo records through the real importer (same as `flask demo-data`), then
copies of them (new subjects with opaque ids, new natural keys) until `--records` rows exist, so 1M rows take
minutes instead of an hour. Times each page with Flask's test client (server time, no network) and prints
p50/p95/max per page; /statistics is timed cold (first build after a data change) and warm (cached).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.db_setup import load_list_types, load_measures  # noqa: E402
from portal.demo.load import load_demo  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import ListEntry, Penalty, Permit, Subject  # noqa: E402
from portal.visibility import public_on  # noqa: E402

AS_OF = date(2026, 11, 23)
KEYS = {"penalties": "decision_key", "permits": "doc_key", "list_entries": "doc_key"}


def _copy(conn: sa.Connection, table: sa.Table, copies: int, shift: int, key: str | None, subject_shift: int) -> None:
    """INSERT … SELECT the original rows again with a new id, a suffixed natural key and the copied subject."""
    columns = [c.name for c in table.columns]
    for k in range(1, copies + 1):
        values = []
        for name in columns:
            if name == "id":
                values.append(f"id + {k * shift}")
            elif name == key:
                values.append(f"{name} || '#{k}'")
            elif name == "subject_id":
                values.append(f"subject_id + {k * subject_shift}")
            elif table.name == "subjects" and name in ("uscc", "alt_key"):
                values.append("NULL")
            else:
                values.append(name)
        where = f"id <= {shift}"
        conn.execute(sa.text(f"INSERT INTO {table.name} ({', '.join(columns)}) "  # noqa: S608 - fixed names
                             f"SELECT {', '.join(values)} FROM {table.name} WHERE {where}"))  # fmt: skip


def build(app, base: int, target: int) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        db.drop_all()
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        db.session.commit()
        started = time.perf_counter()
        load_demo(db.session, records=base, seed=2026, as_of=AS_OF)
        print(f"# {base} demo records imported in {time.perf_counter() - started:.0f} s", flush=True)
        copies = max(0, target // base - 1)
        started = time.perf_counter()
        subjects = int(db.session.scalar(sa.select(sa.func.max(Subject.id))) or 0)
        with db.engine.begin() as conn:
            _copy(conn, Subject.__table__, copies, subjects, "public_id", 0)  # type: ignore[arg-type]
            for model in (Penalty, Permit, ListEntry):
                table = model.__table__
                shift = int(conn.scalar(sa.select(sa.func.max(table.c.id))) or 0)
                _copy(conn, table, copies, shift, KEYS[table.name], subjects)  # type: ignore[arg-type]
            if conn.dialect.name == "postgresql":
                for name in ("subjects", "penalties", "permits", "list_entries"):
                    conn.execute(sa.text(f"SELECT setval('{name}_id_seq', (SELECT max(id) FROM {name}))"))  # noqa: S608
            conn.execute(sa.text("ANALYZE"))
        total = sum(int(db.session.scalar(sa.select(sa.func.count()).select_from(m)) or 0)
                    for m in (Penalty, Permit, ListEntry))  # fmt: skip
        print(f"# copied to {total} records in {time.perf_counter() - started:.0f} s", flush=True)


def _time(client, path: str, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _round in range(rounds):
        started = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)  # noqa: S101 - a benchmark script
    return sorted(out)


def _report(name: str, times: list[float]) -> None:
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{name:<28} n={len(times):<4} p50={statistics.median(times):8.1f}ms p95={p95:8.1f}ms max={times[-1]:8.1f}ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--base", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/portal.db"
        app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url, "SEARCH_DIR": f"{tmp}/search",
                          "UPLOAD_DIR": f"{tmp}/uploads", "WTF_CSRF_ENABLED": False})  # fmt: skip
        app.instance_path = tmp
        build(app, args.base, args.records)
        import portal.clock

        portal.clock.today = lambda: AS_OF  # the demo data is anchored on AS_OF
        with app.app_context():
            public = public_on(Penalty, AS_OF)
            penalty_id = db.session.scalar(sa.select(Penalty.id).where(public).order_by(Penalty.id.desc()).limit(1))
            uscc = db.session.scalar(
                sa.select(Subject.uscc).join(Penalty, Penalty.subject_id == Subject.id)
                .where(Subject.uscc.is_not(None), public).order_by(Penalty.id).limit(1)
            )  # fmt: skip
        client = app.test_client()
        print(f"# {url.split(':')[0]}, {args.rounds} requests per page, Flask test client (server time)")
        started = time.perf_counter()
        client.get("/statistics")
        _report("/statistics (cold)", [(time.perf_counter() - started) * 1000])
        for name, path in (
            ("/statistics (cached)", "/statistics"),
            ("/statistics/months.csv", "/statistics/months.csv"),
            ("/penalties (listing)", "/penalties"),
            ("/permits (listing)", "/permits"),
            ("/lists/blacklist", "/lists/blacklist"),
            ("/penalties/<id> (record)", f"/penalties/{penalty_id}"),
            ("/subjects/<uscc> (profile)", f"/subjects/{uscc}"),
            ("/policies (CMS index)", "/policies"),
        ):
            client.get(path)  # warm caches and templates
            _report(name, _time(client, path, args.rounds))


if __name__ == "__main__":
    main()
