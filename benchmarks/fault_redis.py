"""Fault injection on loopback (issue 23): a hung or killed Redis, and an import while the site serves on SQLite.

    python benchmarks/fault_redis.py redis  [--records 3000] [--phase 8] [--root DIR]
    python benchmarks/fault_redis.py import [--records 3000] [--rows 20000] [--root DIR]

redis: gunicorn (production config, 2 workers x 4 threads) gets PORTAL_REDIS_URL pointing at a TCP proxy in this
process that relays to the machine's Redis (127.0.0.1:6379, database 13). The proxy is then hung (connections stay
open, nothing is relayed: what SIGSTOP does to Redis) and later killed (connections reset, the port refuses), each
for --phase seconds, while 8 clients browse pages, search and chat. The shared Redis itself is never touched.
import: 8 clients browse while `flask import` loads --rows penalty rows into the same SQLite database.
Prints requests, errors (5xx or no answer), req/s, p95 and max per phase. --root runs another checkout (e.g. an
export of the commit before the change) for the "before" figures. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
REDIS = ("127.0.0.1", 6379)


class Proxy:
    """TCP relay to Redis with three modes: up (relay), hang (hold everything), down (reset, refuse)."""

    def __init__(self) -> None:
        self.mode = "up"
        self.port = _free_port()
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        self._listen()

    def _listen(self) -> None:
        self.server = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with self.lock:
                self.conns.append(conn)
            if self.mode == "hang":
                continue  # accepted, never answered
            upstream = socket.create_connection(REDIS)
            with self.lock:
                self.conns.append(upstream)
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                while self.mode == "hang":  # hold the bytes, as a stopped Redis would
                    time.sleep(0.05)
                if self.mode == "down":
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.close()

    def set(self, mode: str) -> None:
        if mode == "down":
            self.mode = "down"
            self.server.close()
            with self.lock:
                for conn in self.conns:
                    try:
                        conn.shutdown(socket.SHUT_RDWR)
                        conn.close()
                    except OSError:
                        pass
                self.conns.clear()
            return
        if self.mode == "down":
            self._listen()
        self.mode = mode


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _flask(root: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=root, env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL)  # fmt: skip


class Load:
    """8 keep-alive clients; every answer is recorded as (time, kind, status, seconds)."""

    def __init__(self, port: int, db: Path, clients: int = 8) -> None:
        con = sqlite3.connect(db)
        self.ids = [r[0] for r in con.execute("SELECT id FROM penalties ORDER BY id LIMIT 2000")]
        self.names = [r[0] for r in con.execute("SELECT name FROM subjects ORDER BY id LIMIT 2000")]
        con.close()
        self.port, self.stop = port, threading.Event()
        self.results: list[tuple[float, str, int, float]] = []
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(clients)]

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def warm_up(self, limit: float = 240.0) -> None:
        """Until every kind of request answers in under a second (workers import jieba, open the index…)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            time.sleep(1)
            recent = self.results[-24:]
            kinds = {r[1] for r in recent}
            if len(recent) == 24 and kinds == {"chat", "search", "page"} and max(r[3] for r in recent) < 1.0:
                break
        print(f"# warmed up with {len(self.results)} requests")
        self.results.clear()

    def finish(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=30)

    def _request(self, rng: random.Random, sid: list[str]) -> tuple[str, str, str, bytes | None]:
        pick = rng.random()
        if pick < 0.25:
            body = {"message": rng.choice(["你好", "我想查一家公司", rng.choice(self.names)])}
            if sid and rng.random() < 0.7:
                body["session_id"] = sid[0]
            return "chat", "POST", "/api/v1/chat", json.dumps(body).encode()
        if pick < 0.45:
            return "search", "GET", "/api/v1/search?q=" + _quote(rng.choice(self.names)[:4]), None
        return "page", "GET", rng.choice(["/", "/penalties", f"/penalties/{rng.choice(self.ids)}", "/lists"]), None

    def _client(self, n: int) -> None:
        rng, sid = random.Random(n), []
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while not self.stop.is_set():
            kind, method, path, body = self._request(rng, sid)
            headers = {"Host": "127.0.0.1", "Accept-Language": "zh-CN", "Content-Type": "application/json"}
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                status = answer.status
                if kind == "chat" and status == 200:
                    sid[:] = [json.loads(data)["session_id"]]
            except (OSError, http.client.HTTPException):
                status = 599
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.results.append((time.monotonic(), kind, status, time.perf_counter() - started))
        conn.close()


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


def report(load: Load, phases: list[tuple[str, float, float]]) -> None:
    print(f"{'phase':<12} {'req':>6} {'err':>4} {'req/s':>6} {'p95 page':>9} {'p95 chat':>9} {'p95 all':>8} {'max':>7}")
    for name, start, end in phases:
        rows = [r for r in load.results if start <= r[0] < end]
        errors = sum(1 for r in rows if r[2] >= 500)

        def p95(kind: str | None, rows: list[tuple[float, str, int, float]] = rows) -> str:
            lat = sorted(r[3] for r in rows if kind is None or r[1] == kind)
            return f"{lat[int(0.95 * (len(lat) - 1))] * 1000:.0f}ms" if lat else "-"

        top = max((r[3] for r in rows), default=0) * 1000
        rate = len(rows) / (end - start)
        print(f"{name:<12} {len(rows):>6} {errors:>4} {rate:>6.0f} {p95('page'):>9} {p95('chat'):>9} "
              f"{p95(None):>8} {top:>6.0f}ms")  # fmt: skip
    codes: dict[int, int] = {}
    for r in load.results:
        codes[r[2]] = codes.get(r[2], 0) + 1
    print(f"# status codes: {dict(sorted(codes.items()))}")


def serve(root: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "4", "-b", f"127.0.0.1:{port}",
         "--keep-alive", "75", "--timeout", "60", "--log-level", "warning", "wsgi:app"],
        cwd=root, env=env, stderr=open(env["PORTAL_INSTANCE_PATH"] + "/gunicorn.log", "w"),  # noqa: SIM115
    )  # fmt: skip
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("case", choices=["redis", "import"])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--phase", type=float, default=8.0, help="seconds per phase")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve (default: this one)")
    parser.add_argument("--instance", type=Path, default=None, help="build once into this directory, then reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fault-") as tmp:
        proxy = Proxy()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        env.update(PORTAL_ENV="production", PORTAL_SECRET_KEY="fault-" + os.urandom(8).hex(),
                   PORTAL_INSTANCE_PATH=tmp, PORTAL_PUBLIC_BASE_URL="http://127.0.0.1",
                   PORTAL_REDIS_URL=f"redis://127.0.0.1:{proxy.port}/13",
                   PORTAL_RATELIMIT_CHAT="100000 per minute")  # fmt: skip
        if args.instance and (args.instance / "portal.db").exists():
            shutil.copytree(args.instance, tmp, dirs_exist_ok=True)  # a built instance, copied: runs stay comparable
        else:
            t = time.perf_counter()
            _flask(args.root, env, "init-db")
            _flask(args.root, env, "demo-data", "--records", str(args.records), "--seed", "5", "--as-of", "2026-11-23")
            _flask(args.root, env, "reindex")
            print(f"# {args.records} records built in {time.perf_counter() - t:.0f} s")
            if args.instance:
                shutil.copytree(tmp, args.instance, dirs_exist_ok=True)
        with sqlite3.connect(Path(tmp) / "portal.db") as con:  # as a database that never met the WAL setting
            con.execute("PRAGMA journal_mode=DELETE")
        print(f"# serving {args.root}")
        port = _free_port()
        server = serve(args.root, env, port)
        load = Load(port, Path(tmp) / "portal.db")
        phases: list[tuple[str, float, float]] = []
        try:
            load.start()
            load.warm_up()

            def phase(name: str, seconds: float) -> None:
                start = time.monotonic()
                time.sleep(seconds)
                phases.append((name, start, time.monotonic()))

            if args.case == "redis":
                phase("before", args.phase)
                proxy.set("hang")
                phase("hung", args.phase)
                proxy.set("up")
                phase("recovered", args.phase)
                proxy.set("down")
                phase("killed", args.phase)
                proxy.set("up")
                phase("back", args.phase)
            else:
                data = Path(tmp) / "import.csv"
                from portal.demo import write_csv  # noqa: PLC0415 - only this case needs it

                write_csv(data, "penalty", args.rows, seed=11, as_of=date(2026, 6, 30))
                phase("before", args.phase)
                start = time.monotonic()
                imp = subprocess.run([str(BIN / "flask"), "--app", "wsgi", "import", str(data), "--kind", "penalty"],  # noqa: S603
                                     cwd=args.root, env=env, capture_output=True, text=True)  # fmt: skip
                phases.append((f"import {args.rows // 1000}k", start, time.monotonic()))
                print(f"# import exit {imp.returncode} in {time.monotonic() - start:.1f} s: "
                      f"{(imp.stdout or imp.stderr).strip().splitlines()[-1:]}")  # fmt: skip
                phase("after", args.phase)
        finally:
            load.finish()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            log = Path(tmp) / "gunicorn.log"
            warnings = [line for line in log.read_text().splitlines() if '"WARNING"' in line or "ERROR" in line]
            shutil.copyfile(log, Path(tempfile.gettempdir()) / f"fault-{args.case}-gunicorn.log")
        report(load, phases)
        print(f"# warnings/errors logged by the site: {len(warnings)}")
        for line in warnings[:6]:
            print(f"#   {line[:200]}")


if __name__ == "__main__":
    main()
