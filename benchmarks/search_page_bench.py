"""Server time of the /search results page grouped by subject (issue 18) against the flat record list and the API.

    python benchmarks/search_page_bench.py --records 5000 [--rounds 20]

Builds a throw-away instance (SQLite, demo data, search index) and times each query with Flask's test client
(server time, no network): the grouped page (全部: the best 200 hits grouped, counts of the page's subjects),
a record tab (one page of records) and GET /api/v1/search. Prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.db_setup import load_list_types, load_measures  # noqa: E402
from portal.demo.load import load_demo  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.indexing.backend import get_backend  # noqa: E402
from portal.indexing.outbox import reindex  # noqa: E402

AS_OF = date(2026, 11, 23)
QUERIES = ["有限公司", "食品", "餐饮", "江临", "建筑"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="search-page-bench-"))
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
                      "SEARCH_DIR": str(folder / "search"), "UPLOAD_DIR": str(folder / "uploads")})  # fmt: skip
    app.instance_path = str(folder)
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        db.session.commit()
        load_demo(db.session, records=args.records, seed=2026, as_of=AS_OF)
        reindex(db.session, get_backend(app), AS_OF)
        db.session.remove()
    client = app.test_client()
    pages = {
        "grouped /search": lambda q: f"/search?q={q}",
        "grouped /search page 2": lambda q: f"/search?q={q}&page=2",
        "record tab /search?type=permit": lambda q: f"/search?q={q}&type=permit",
        "GET /api/v1/search": lambda q: f"/api/v1/search?q={q}",
    }
    with mock.patch("portal.clock.today", return_value=AS_OF):
        for name, url in pages.items():
            times = []
            for _round in range(args.rounds):
                for q in QUERIES:
                    started = time.perf_counter()
                    response = client.get(url(q))
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (name, q, response.status_code)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{name:34s} p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms")


if __name__ == "__main__":
    main()
