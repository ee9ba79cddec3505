"""HTTP latency of GET /api/v1/search under concurrent clients, against gunicorn on loopback (make bench).

    python benchmarks/http_bench.py --records 30000 --clients 100 --requests 3000

Builds a throw-away instance (SQLite, demo data through the importer, `flask reindex`), starts gunicorn with the
production config, and drives it with a small asyncio HTTP/1.1 keep-alive client. Prints p50/p95/max and req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXED = ["江临", "有限公司", "餐饮", "食品", "明码标价", "道路运输", "建筑", "市监罚", "jlsw", "ＡＢＣ", "江臨"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _queries(db: Path | Any, rng: random.Random) -> list[str]:
    """Names, name fragments, decision numbers and USCCs of the database: a SQLite file, or an open DB-API
    connection (the cluster check's PostgreSQL), which stays open."""
    con = sqlite3.connect(db) if isinstance(db, Path) else db
    names = [r[0] for r in con.execute("SELECT name FROM subjects WHERE kind = 'legal' ORDER BY id LIMIT 2000")]
    numbers = [r[0] for r in con.execute("SELECT decision_no FROM penalties ORDER BY id LIMIT 2000")]
    usccs = [r[0] for r in con.execute("SELECT uscc FROM subjects WHERE uscc IS NOT NULL ORDER BY id LIMIT 2000")]
    if isinstance(db, Path):
        con.close()
    out = list(FIXED)
    out += rng.sample(names, 15) + [n[2:4] for n in rng.sample(names, 10)]
    out += rng.sample(numbers, 10) + rng.sample(usccs, 10)
    return out


async def _client(port: int, paths: list[str], results: list[float], errors: list[str], think: float) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    rng = random.Random(len(paths))
    try:
        for path in paths:
            if think:  # a person reads the results before the next search (exponential pause, mean `think`)
                await asyncio.sleep(rng.expovariate(1 / think))
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh-CN\r\n\r\n".encode())
            await writer.drain()
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            results.append((time.perf_counter() - started) * 1000)
            if b" 200 " not in status:
                errors.append(status.decode().strip())
    finally:
        writer.close()


async def _drive(
    port: int, queries: list[str], clients: int, requests: int, seed: int, think: float = 0.0
) -> tuple[list[float], float, list[str]]:
    rng = random.Random(seed)
    per_client = max(1, requests // clients)
    results: list[float] = []
    errors: list[str] = []
    plans = [[f"/api/v1/search?q={quote(rng.choice(queries))}" for _ in range(per_client)] for _ in range(clients)]
    started = time.perf_counter()
    await asyncio.gather(*(_client(port, plan, results, errors, think) for plan in plans))
    return results, time.perf_counter() - started, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=3_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)  # CPU-bound: one per core is fastest
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean pause in seconds between one client's requests (0: back to back)")  # fmt: skip
    parser.add_argument("--cache-seconds", type=float, default=0.0,
                        help="PORTAL_SEARCH_CACHE_SECONDS of the server (0: no result cache, the default)")
    parser.add_argument("--instance", type=Path, default=None,
                        help="reuse this instance directory (database + index, e.g. a 1M build) instead of building")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="http-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        instance = str(args.instance or tmp)
        env.update(PORTAL_ENV="production", PORTAL_SECRET_KEY="bench-" + os.urandom(8).hex(),
                   PORTAL_INSTANCE_PATH=instance, PORTAL_SEARCH_CACHE_SECONDS=str(args.cache_seconds),
                   PORTAL_PUBLIC_BASE_URL="http://127.0.0.1", PORTAL_REDIS_URL="redis://127.0.0.1:6379/0")  # fmt: skip
        if args.instance is None:
            t = time.perf_counter()
            _flask(env, "init-db")
            _flask(env, "demo-data", "--records", str(args.records), "--seed", str(args.seed), "--as-of", "2026-11-23")
            loaded = time.perf_counter() - t
            t = time.perf_counter()
            _flask(env, "reindex")
            print(f"# {args.records} records loaded in {loaded:.0f} s, reindexed in {time.perf_counter() - t:.1f} s")
        queries = _queries(Path(instance) / "portal.db", random.Random(args.seed))
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-w", str(args.workers), "-k", "gthread", "--threads", str(args.threads),
             "-b", f"127.0.0.1:{port}", "--keep-alive", "75", "--log-level", "warning", "wsgi:app"],
            cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.2)
            asyncio.run(_drive(port, queries, 10, 200, args.seed + 1))  # warm every worker
            results, took, errors = asyncio.run(
                _drive(port, queries, args.clients, args.requests, args.seed, args.think)
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        results.sort()
        print(
            f"clients={args.clients} requests={len(results)} errors={len(errors)} rps={len(results) / took:.0f} "
            f"p50={statistics.median(results):.1f}ms p95={results[int(len(results) * 0.95)]:.1f}ms "
            f"max={results[-1]:.1f}ms think={args.think}s cache={args.cache_seconds}s "
            f"(gunicorn -w {args.workers} --threads {args.threads})"
        )


if __name__ == "__main__":
    main()
