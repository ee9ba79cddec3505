"""Department push and the §16 export (issue 17): time to push a batch of 1,000 penalties through HTTP, to push
the same batch again (all unchanged), and to export them.

    python benchmarks/push_bench.py [--items 1000]

CPU time is printed too: wall time is inflated when other processes share the cores. SQLite in a temporary
folder. Target: a 1,000-item push answers within 10 s (the department's HTTP client timeout); the figures go in
the issue notes, never in tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import clock, create_app, kinds  # noqa: E402
from portal.db_setup import load_list_types  # noqa: E402
from portal.extensions import db, limiter  # noqa: E402
from portal.importers.templates import example_row  # noqa: E402
from portal.joint import apikeys  # noqa: E402
from portal.upstream.export import export_kind, parse_since  # noqa: E402


def timed(label: str, action):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="push-bench-"))
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
                      "SEARCH_DIR": str(folder / "search"), "UPLOAD_DIR": str(folder / "uploads"),
                      "RATELIMIT_ENABLED": False})  # fmt: skip
    limiter.enabled = False
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        db.session.commit()
        row = example_row("penalty") or {}
        _key, token = apikeys.create_key(db.session, row["数据来源单位统一社会信用代码"], "bench", ("push",),
                                         actor="bench", actor_id=None, now=clock.now())  # fmt: skip
        items = [{**row, "行政处罚决定书文号": f"株市监罚〔2026〕{10000 + i}号",
                  "处罚决定日期": "2026-03-10"} for i in range(args.items)]  # fmt: skip
        body = json.dumps(items, ensure_ascii=False)
        print(f"body: {len(body.encode()) / 1024:.0f} KB for {args.items} items")
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}

        def push() -> dict:  # type: ignore[type-arg]
            response = client.post("/api/v1/records/penalty", data=body, headers=headers,
                                   content_type="application/json")  # fmt: skip
            assert response.status_code == 200, response.get_data(as_text=True)[:500]
            return response.get_json()["summary"]  # type: ignore[no-any-return]

        print(timed("first push", push))
        print(timed("same push again", push))
        spec = kinds.spec("penalty")
        result = timed("export all", lambda: export_kind(db.session, spec, folder / "out",
                                                         parse_since(db.session, "penalty", "all"),
                                                         now=clock.now(), actor="bench"))  # fmt: skip
        print(f"exported rows: {result.rows}")


if __name__ == "__main__":
    main()
