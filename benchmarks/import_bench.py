"""Import throughput: a generated 100k-row file, first import and idempotent re-import (make bench).

    python benchmarks/import_bench.py --rows 100000 [--kind penalty] [--db URL] [--real-shaped]
    python benchmarks/import_bench.py --rows 20000 --kind rating|inspection   (portal/demo/rated.py rows)

--real-shaped rewrites the file as departments send it (issue 22): two title rows above the header, older header
names (every alias of portal/data/header-aliases.csv that applies and implies no value), spaces and full-width
brackets in the other names, and total/note rows at the end; it must import at the speed of the standard file.

Prints rows/s and peak RSS; the figures go in the issue notes, never in tests.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app, demo, kinds  # noqa: E402
from portal.db_setup import load_list_types  # noqa: E402
from portal.demo.rated import write_kind_csv  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.importers.aliases import alias_table  # noqa: E402
from portal.importers.run import import_file  # noqa: E402

AS_OF = date(2026, 11, 23)


def real_shape(path: Path, kind: str) -> None:
    """Rewrite a standard file the way real exports look (see the module docstring)."""
    fmt = kinds.spec(kind).import_format
    # aliases that imply a value (证件类型 身份证) are left out: they would change what the rows mean
    aliases = {a.column: a for a in alias_table() if a.column in fmt.columns and a.implied is None}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, data = rows[0], rows[1:]
    renamed = [aliases[c].name if c in aliases else c.replace("(", " （").replace(")", "） ") for c in header]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([f"{fmt.name_zh}信息公示表"])
        writer.writerow(["填报单位：示例局", "", "单位：万元"])
        writer.writerow(renamed)
        writer.writerows(data)
        writer.writerow(["合计", f"{len(data)}条"])
        writer.writerow(["填报人：示例", "联系电话：0731-00000000"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--kind", default="penalty", choices=["penalty", "permit", "list", "rating", "inspection"])
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real-shaped", action="store_true", help="title rows, older names, notes (issue 22)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        path = Path(tmp) / f"{args.kind}.csv"
        started = time.perf_counter()
        if args.kind in ("rating", "inspection"):  # ratings supersede older ones at the end of the import
            write_kind_csv(path, args.kind, args.rows, seed=args.seed, as_of=AS_OF)
        else:
            demo.write_csv(path, args.kind, args.rows, seed=args.seed, as_of=AS_OF)
        if args.real_shaped:
            real_shape(path, args.kind)
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
                started, cpu = time.perf_counter(), time.process_time()
                result = import_file(db.session, path, args.kind, today=AS_OF)
                took, cpu = time.perf_counter() - started, time.process_time() - cpu
                # CPU time too: on a shared machine the wall time mostly measures the neighbours
                print(f"{label}: {result.summary} unchanged={result.unchanged} in {took:.1f} s "
                      f"= {args.rows / took:,.0f} rows/s (cpu {cpu:.1f} s)")
            if args.db:
                db.drop_all()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
