"""Memory of one app process through a soak of chat, search and page requests (issue 23): does it level off?

    python benchmarks/soak_memory.py --records 3000 --rounds 6 --per-round 1000 [--redis redis://127.0.0.1:6379/14]

Builds a throw-away instance (SQLite, demo data, `flask reindex`), then drives the WSGI app in this process with
Flask's test client from many client addresses (new and returning chat sessions, varied searches, record pages).
After a warm-up round it prints, per round, RSS and tracemalloc's traced total, the sizes of the in-process
stores (chat sessions, caches, limiter memory), and at the end the allocation sites that grew most.
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def build(root: Path, instance: Path, records: int, env: dict[str, str]) -> None:
    for args in (["init-db"], ["demo-data", "--records", str(records), "--seed", "7", "--as-of", "2026-11-23"],
                 ["reindex"]):  # fmt: skip
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=root, env=env, check=True,  # noqa: S603
                       stdout=subprocess.DEVNULL)  # fmt: skip


def words(db: Path) -> tuple[list[str], list[int], list[str]]:
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("SELECT name FROM subjects ORDER BY id LIMIT 3000")]
    ids = [r[0] for r in con.execute("SELECT id FROM penalties ORDER BY id LIMIT 3000")]
    publics = [r[0] for r in con.execute("SELECT public_id FROM subjects ORDER BY id LIMIT 3000")]
    con.close()
    return names, ids, publics


def sizes(app: Any) -> dict[str, int]:
    from portal.extensions import limiter

    out: dict[str, int] = {}
    store = app.extensions.get("chat_store")
    if store is not None:
        memory = getattr(store, "fallback", store)
        out["chat_sessions"] = len(memory._data)  # noqa: SLF001 - a benchmark looks inside
    for name in ("public_cache", "search_cache", "stats_cache"):
        if name in app.extensions:
            out[name] = len(app.extensions[name]._data)  # noqa: SLF001
    if "stats_latest" in app.extensions:
        out["stats_latest"] = len(app.extensions["stats_latest"])
    backend = app.extensions.get("search")
    for _ in range(3):  # the guard wraps the engine
        if backend is not None and hasattr(backend, "_cache"):
            out["search_pages"] = len(backend._cache.data)  # noqa: SLF001
            break
        backend = getattr(backend, "primary", None)
    storage = getattr(limiter, "_storage", None)
    if storage is not None and hasattr(storage, "expirations"):  # limits' MemoryStorage
        out["limiter_keys"] = len(storage.expirations)
    from search import analysis

    for fn in ("_tokens", "_segments", "_words", "_pinyin"):
        if hasattr(analysis, fn):
            out[f"lru{fn}"] = getattr(analysis, fn).cache_info().currsize
    return out


def one_round(client: Any, rng: random.Random, n: int, data: tuple[list[str], list[int], list[str]],
              sessions: list[str]) -> tuple[int, int]:  # fmt: skip
    names, ids, publics = data
    errors = 0
    for i in range(n):
        addr = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"  # many clients
        env = {"REMOTE_ADDR": addr}
        pick = i % 5
        if pick == 0:
            sid = rng.choice(sessions) if sessions and rng.random() < 0.5 else None
            body = {"message": rng.choice(["你好", "我想查一家公司", rng.choice(names), "怎么提出异议"])}
            if sid:
                body["session_id"] = sid
            r = client.post("/api/v1/chat", json=body, environ_base=env)
            if r.status_code == 200:
                sessions.append(r.get_json()["session_id"])
                del sessions[:-500]
        elif pick == 1:
            q = rng.choice(names)
            q = q[: rng.randrange(2, max(3, len(q)))] + ("" if rng.random() < 0.7 else str(rng.randrange(1000)))
            r = client.get("/search", query_string={"q": q}, environ_base=env)
        elif pick == 2:
            r = client.get("/api/v1/search", query_string={"q": rng.choice(names)}, environ_base=env)
        elif pick == 3:
            r = client.get(f"/penalties/{rng.choice(ids)}", environ_base=env)
        elif i % 50 == 4:  # a crawler walking the statistics page's department filter (any well-formed code)
            code = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(18))
            r = client.get("/statistics", query_string={"department": code}, environ_base=env)
        else:
            r = client.get(rng.choice(["/", "/penalties", "/lists", f"/subjects/p/{rng.choice(publics)}"]),
                           environ_base=env)  # fmt: skip
        if r.status_code >= 500:
            errors += 1
    return n, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=1000)
    parser.add_argument("--redis", default="", help="PORTAL_REDIS_URL (default: none, memory stores)")
    parser.add_argument("--search-cache", type=float, default=0.0, help="PORTAL_SEARCH_CACHE_SECONDS")
    parser.add_argument("--instance", type=Path, default=None, help="reuse a built instance directory")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to run (e.g. an export of main)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        instance = args.instance or Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        env.update(PORTAL_ENV="development", PORTAL_INSTANCE_PATH=str(instance),
                   PORTAL_SECRET_KEY="soak-" + os.urandom(8).hex(),
                   PORTAL_SEARCH_CACHE_SECONDS=str(args.search_cache))  # fmt: skip
        if args.redis:
            env["PORTAL_REDIS_URL"] = args.redis
        if args.instance is None or not (instance / "portal.db").exists():
            t = time.perf_counter()
            build(args.root, instance, args.records, env)
            print(f"# built {args.records} records in {time.perf_counter() - t:.0f} s")
        os.environ.update(env)
        from portal import create_app

        app = create_app()
        client = app.test_client()
        rng = random.Random(2026)
        data = words(instance / "portal.db")
        chat_ids: list[str] = []
        one_round(client, rng, args.per_round, data, chat_ids)  # warm-up: imports, jieba, templates
        gc.collect()
        tracemalloc.start(1)
        base = tracemalloc.take_snapshot()
        rss0 = rss_mib()
        print(f"{'round':>5} {'requests':>8} {'5xx':>4} {'req/s':>6} {'RSS MiB':>8} {'traced MiB':>10}  stores")
        total = 0
        for n in range(1, args.rounds + 1):
            t = time.perf_counter()
            done, errors = one_round(client, rng, args.per_round, data, chat_ids)
            took = time.perf_counter() - t
            total += done
            gc.collect()
            traced = tracemalloc.get_traced_memory()[0] / 2**20
            print(f"{n:>5} {total:>8} {errors:>4} {done / took:>6.0f} {rss_mib():>8.1f} {traced:>10.2f}  {sizes(app)}")
        top = tracemalloc.take_snapshot().compare_to(base, "lineno")
        print(f"# RSS {rss0:.1f} -> {rss_mib():.1f} MiB over {total} requests; largest growth by line:")
        for stat in top[:12]:
            print(f"#   {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {stat.traceback[0]}")


if __name__ == "__main__":
    main()
