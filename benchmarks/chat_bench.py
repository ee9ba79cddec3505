"""Chat reply time over the evaluation questions (tests/chat/eval.jsonl) against a large database (issue 9).

    python benchmarks/chat_bench.py --records 1000000 --instance /tmp/chat-bench   # builds it once, then reuses it
    python benchmarks/chat_bench.py --instance /tmp/chat-bench --rounds 5
    python benchmarks/chat_bench.py --instance /tmp/chat-bench --eval tests/chat/data/eval_kinds.jsonl

The instance is built like benchmarks/http_bench.py builds one (flask init-db, demo-data, reindex: SQLite plus the
default tantivy index). The data-standard example files of every kind (tests/data/standard-*.csv) are then imported
into it and indexed through the outbox, so the evaluation questions name subjects and 文号 that exist among the demo
records.
Each question starts a fresh conversation (kept in process memory, or in Redis with --redis for both layers).
Timed: the chat service (classify, look up, answer, store the turn, commit) and the whole HTTP stack (POST
/api/v1/chat through the Flask test client, rate limit off). Prints p50, p95 and max per layer, p95 per intent, and
the answer correctness at this size. Target: p95 ≤ 100 ms. An instance built by an older checkout needs
`flask --app wsgi db upgrade` (PORTAL_INSTANCE_PATH set to it) before it is reused.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL = ROOT / "tests" / "chat" / "eval.jsonl"
DATA = ROOT / "tests" / "data"
TODAY = date(2026, 11, 23)  # the date the evaluation set's facts hold on (tests/conftest.py TODAY)


def _env(instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(PORTAL_ENV="production", PORTAL_SECRET_KEY="chat-bench-secret-key-0123456789",  # noqa: S106
               PORTAL_INSTANCE_PATH=str(instance), PORTAL_PUBLIC_BASE_URL="http://127.0.0.1",
               PORTAL_REDIS_URL="redis://127.0.0.1:6379/0")  # production needs both (portal/config.py)  # fmt: skip
    return env


def _flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL)  # fmt: skip


def build(instance: Path, records: int, seed: int) -> None:
    env = _env(instance)
    started = time.perf_counter()
    _flask(env, "init-db")
    _flask(env, "demo-data", "--records", str(records), "--seed", str(seed), "--as-of", TODAY.isoformat())
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    _flask(env, "reindex")
    print(f"# built {records} records in {loaded:.0f} s, reindexed in {time.perf_counter() - started:.0f} s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(label: str, values: list[float]) -> str:
    return (f"{label:<8} n={len(values):>4}  p50={statistics.median(values):6.1f} ms  "
            f"p95={percentile(values, 95):6.1f} ms  max={max(values):6.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instance", type=Path, required=True, help="instance folder (built when it has no portal.db)")
    parser.add_argument("--records", type=int, default=200_000, help="demo records when building")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--redis", help="keep the conversations in this Redis (e.g. redis://127.0.0.1:6379/15)")
    parser.add_argument("--eval", type=Path, default=EVAL, help="questions (e.g. tests/chat/eval_fresh.jsonl)")
    args = parser.parse_args()

    args.instance.mkdir(parents=True, exist_ok=True)
    if not (args.instance / "portal.db").exists():
        build(args.instance, args.records, args.seed)
    os.environ.update(_env(args.instance))
    if args.redis:
        os.environ["PORTAL_REDIS_URL"] = args.redis  # the HTTP layer's session store (sessions.store_for)

    from portal import create_app, kinds
    from portal.chat import sessions
    from portal.chat.services import chat
    from portal.extensions import db
    from portal.importers.run import import_file
    from portal.indexing.backend import get_backend
    from portal.indexing.outbox import drain_outbox

    app = create_app({"RATELIMIT_ENABLED": False})
    items = [json.loads(line) for line in args.eval.read_text(encoding="utf-8").splitlines() if line.strip()]
    with app.app_context():
        records = sum(db.session.query(spec.model).count() for spec in kinds.specs())
        print(f"# {records} records in the database, {len(items)} questions, {args.rounds} rounds")
        staging = args.instance / "examples"
        staging.mkdir(exist_ok=True)
        for kind in [k for k in kinds.values() if (DATA / f"standard-{k}.csv").exists()]:  # every kind's examples
            path = Path(shutil.copy(DATA / f"standard-{kind}.csv", staging / f"{kind}.csv"))
            import_file(db.session, path, kind, today=TODAY)
        backend = get_backend(app)
        while drain_outbox(db.session, backend, TODAY):
            db.session.commit()
        db.session.commit()
        store = sessions.RedisStore(args.redis, prefix="chat-bench:") if args.redis else sessions.MemoryStore()
        print(f"# sessions in {'Redis ' + args.redis if args.redis else 'process memory'}")

        def ask(text: str) -> dict:  # type: ignore[type-arg]
            answer = chat(db.session, store, TODAY, None, text, backend=backend)
            db.session.commit()
            return answer

        for item in items:  # warm-up: jieba, the classifier, SQLite pages, the index reader
            ask(item["text"])
        service: list[float] = []
        per_intent: dict[str, list[float]] = defaultdict(list)
        correct = 0
        for round_no in range(args.rounds):
            for item in items:
                started = time.perf_counter()
                answer = ask(item["text"])
                took = (time.perf_counter() - started) * 1000
                service.append(took)
                per_intent[item["intent"]].append(took)
                if round_no == 0:
                    dumped = json.dumps(answer, ensure_ascii=False)
                    correct += all(fact in dumped for fact in item["facts"])
        client = app.test_client()  # the Host of PORTAL_PUBLIC_BASE_URL: production answers no other (TRUSTED_HOSTS)
        http: list[float] = []
        for _round in range(args.rounds):
            for item in items:
                started = time.perf_counter()
                response = client.post("/api/v1/chat", json={"message": item["text"]}, base_url="http://127.0.0.1")
                http.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (
                    response.status_code,
                    item["text"],
                    response.get_data(as_text=True),
                )
    print(summary("service", service))
    print(summary("http", http))
    print(f"answer correctness at this size: {correct}/{len(items)} = {correct / len(items):.1%}")
    print("p95 per intent (service):")
    for intent, values in sorted(per_intent.items(), key=lambda kv: -percentile(kv[1], 95)):
        print(f"  {intent:<20} n={len(values):>4}  p95={percentile(values, 95):6.1f} ms  max={max(values):6.1f} ms")
    target = percentile(http, 95)
    print(f"target p95 <= 100 ms: {'met' if target <= 100 else 'MISSED'} ({target:.1f} ms over HTTP)")


if __name__ == "__main__":
    main()
