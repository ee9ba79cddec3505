"""Import throughput: a generated 100k-row file, first import and idempotent re-import (make bench).

    python benchmarks/import_bench.py --rows 100000 [--kind penalty] [--db URL]

Prints rows/s and peak RSS; the figures go in the issue notes, never in tests.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app, demo  # noqa: E402
from portal.db_setup import load_list_types  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.importers.run import import_file  # noqa: E402

AS_OF = date(2026, 11, 23)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kind", default="penalty", choices=["penalty", "permit", "list"])
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        path = Path(tmp) / f"{args.kind}.csv"
        started = time.perf_counter()
        demo.write_csv(path, args.kind, args.rows, seed=args.seed, as_of=AS_OF)
        generated = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        uri = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": uri})
        with app.app_context():
            if args.db:
                db.drop_all()
            db.create_all()
            load_list_types(db.session)
            db.session.commit()
            print(f"file: {args.rows} {args.kind} rows, {size_mb:.1f} MB, generated in {generated:.1f} s")
            for label in ("first import", "re-import (unchanged)"):
                started = time.perf_counter()
                result = import_file(db.session, path, args.kind, today=AS_OF)
                took = time.perf_counter() - started
                print(f"{label}: {result.summary} unchanged={result.unchanged} in {took:.1f} s "
                      f"= {args.rows / took:,.0f} rows/s")
            if args.db:
                db.drop_all()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
