"""Worker memory through a long soak of gunicorn with the production settings (issue 23): does it level off?

    python benchmarks/soak_gunicorn.py --records 20000 --minutes 30 --clients 20 [--max-requests 0]

Builds a throw-away instance (SQLite, demo data through the importer, `flask reindex`), starts gunicorn with
gunicorn.conf.py (2 workers x 4 threads) and drives it with keep-alive clients: searches (page and API), the home
page, listings, record pages and chat questions. Every minute it prints each worker's RSS and the requests and
errors so far; at the end, the growth per worker over the first and the second half of the run.
`--max-requests 0` turns off gunicorn's worker recycling so that a leak cannot hide behind restarts (the default
for this script); pass a number to measure the production setting instead. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks.http_bench import _flask, _free_port, _queries  # noqa: E402

CHAT = ["怎么申请信用修复", "行政处罚公示多久", "{name}有没有行政处罚", "严重失信主体名单是什么意思", "它有红名单吗"]


def worker_rss(master: int) -> dict[int, float]:
    """RSS in MiB of each worker process of the gunicorn master."""
    out: dict[int, float] = {}
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in map(int, children):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out[pid] = int(line.split()[1]) / 1024
        except FileNotFoundError:  # replaced between the two reads
            continue
    return out


def plan(rng: random.Random, queries: list[str], names: list[str]) -> tuple[str, str, bytes]:
    """One request: (method, path, body)."""
    pick = rng.random()
    if pick < 0.3:
        return "GET", f"/api/v1/search?q={quote(rng.choice(queries))}", b""
    if pick < 0.5:
        return "GET", f"/search?q={quote(rng.choice(queries))}&page={rng.randint(1, 3)}", b""
    if pick < 0.65:
        message = rng.choice(CHAT).format(name=rng.choice(names))
        return "POST", "/api/v1/chat", json.dumps({"message": message}, ensure_ascii=False).encode()
    return "GET", rng.choice(["/", "/penalties", "/permits", "/lists", "/statistics", "/coercions"]), b""


async def client(port: int, until: float, seed: int, data: tuple[list[str], list[str]], tally: dict[str, int]) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            method, path, body = plan(rng, *data)
            forwarded = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"  # many visitors
            head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: zh-CN\r\n"
                    f"X-Forwarded-For: {forwarded}\r\n")  # fmt: skip
            if body:
                head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            writer.write(head.encode() + b"\r\n" + body)
            await writer.drain()
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            tally["requests"] += 1
            if b" 429 " in status:
                tally["limited"] += 1
            elif not status.startswith(b"HTTP/1.1 2"):
                tally["errors"] += 1
    finally:
        writer.close()


async def soak(port: int, master: int, args: argparse.Namespace, data: tuple[list[str], list[str]]) -> list[dict]:
    until = time.monotonic() + args.minutes * 60
    tally = {"requests": 0, "errors": 0, "limited": 0}
    tasks = [asyncio.create_task(client(port, until, args.seed + i, data, tally)) for i in range(args.clients)]
    samples = []
    print(f"{'min':>4} {'requests':>9} {'errors':>6} {'429':>6}  worker RSS MiB")
    for minute in range(1, int(args.minutes) + 1):
        await asyncio.sleep(60)  # a benchmark paces itself by the wall clock; no test waits on this
        rss = worker_rss(master)
        samples.append({"minute": minute, **tally, "rss": rss})
        sizes = "  ".join(f"{v:.1f}" for v in rss.values())
        print(f"{minute:>4} {tally['requests']:>9} {tally['errors']:>6} {tally['limited']:>6}  {sizes}")
    await asyncio.gather(*tasks, return_exceptions=True)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--max-requests", type=int, default=0, help="gunicorn max_requests (0: no recycling)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="soak-gunicorn-") as instance:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        env.update(PORTAL_ENV="production", PORTAL_SECRET_KEY="soak-" + os.urandom(8).hex(),
                   PORTAL_INSTANCE_PATH=instance, PORTAL_PUBLIC_BASE_URL="http://127.0.0.1",
                   PORTAL_REDIS_URL="redis://127.0.0.1:6379/13", PORTAL_PROXY_FIX="1")  # fmt: skip
        _flask(env, "init-db")
        _flask(env, "demo-data", "--records", str(args.records), "--seed", str(args.seed), "--as-of", "2026-11-23")
        _flask(env, "reindex")
        rng = random.Random(args.seed)
        queries = _queries(Path(instance) / "portal.db", rng)
        names = [q for q in queries if q.endswith(("公司", "店", "厂"))] or ["江临"]
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}",
             "--max-requests", str(args.max_requests), "--log-level", "warning", "wsgi:app"],
            cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(150):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.2)
            samples = asyncio.run(soak(port, server.pid, args, (queries, names)))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    half = len(samples) // 2
    if half >= 1:
        first, mid, last = samples[0]["rss"], samples[half - 1]["rss"], samples[-1]["rss"]
        for pid in first:
            if pid in last and pid in mid:
                halves = f"first half {mid[pid] - first[pid]:+.1f}, second half {last[pid] - mid[pid]:+.1f}"
                print(f"# worker {pid}: {first[pid]:.1f} -> {mid[pid]:.1f} -> {last[pid]:.1f} MiB ({halves})")
    total = samples[-1] if samples else {"requests": 0, "errors": 0, "limited": 0}
    counts = f"{total['requests']} requests, {total['errors']} errors, {total['limited']} rate-limited"
    print(f"# {counts} in {args.minutes} min")


if __name__ == "__main__":
    main()
