"""Write a demo import file and report the generation speed.

    python benchmarks/make_import_file.py --kind penalty --rows 100000 --out /tmp/p.csv [--seed 1]

The file has the header and cells of data-standard.md §4–§6, so `flask --app wsgi import FILE --kind …`
reads it; use it to time imports. Prints one line with the generation speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.demo import HEADERS, write_csv  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=sorted(HEADERS), required=True)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 6, 30),
                        help="last decision date (YYYY-MM-DD); fixed so that files are reproducible")
    parser.add_argument("--encoding", default="utf-8-sig", help="utf-8-sig (default), utf-8 or gb18030")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must not be negative")
    started = time.perf_counter()
    write_csv(args.out, args.kind, args.rows, seed=args.seed, as_of=args.as_of, encoding=args.encoding)
    seconds = time.perf_counter() - started
    rate = args.rows / seconds if seconds else float("inf")
    size = args.out.stat().st_size / 1e6
    print(f"{args.kind}: {args.rows} rows, {size:.1f} MB in {seconds:.2f} s = {rate:,.0f} rows/s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
