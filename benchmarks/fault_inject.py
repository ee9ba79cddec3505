"""Fault injection (issue 23): damage the search index of a running production site and measure what clients see.

    python benchmarks/fault_inject.py --records 2000 --clients 8 --seconds 6

Builds a throw-away instance (SQLite, demo data, `flask reindex`), starts its own redis-server on a free port (the
shared limiter store production requires), gunicorn as the docs say (`-c gunicorn.conf.py` when the file exists)
and `flask search-worker`. For each case it rebuilds a good index, drives N concurrent clients (search API, search
page, home page, a static file) for a few seconds, damages the index a quarter of the way in, and prints per case:
requests, errors (non-200, timeouts, resets), p50/p95/max latency, gunicorn workers that died, and whether the site
healed (a search answered from the index again, not degraded) within --heal-seconds without a restart.

Cases: none (baseline), deleted (the generation directory removed), unreadable (meta.json overwritten), corrupt
(fast-field bytes zeroed: tantivy panics), corrupt-q (the same with the files' mtime put back, so that running
processes meet the panic inside a search), truncated (.store files cut while mapped: SIGBUS in the readers).
Not collected by pytest, not part of `make test`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port}")


def _flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=env["FAULT_ROOT"], env=env, check=True,  # noqa: S603
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


# -- damage ----------------------------------------------------------------------------------------------------
def _generation(instance: Path) -> Path:
    link = instance / "search" / "tantivy" / "current"
    return link.parent / os.readlink(link)


def _delete(gen: Path) -> None:
    for _ in range(10):  # a process may write its .unhealthy marker into the directory while it goes
        shutil.rmtree(gen, ignore_errors=True)
        if not gen.exists():
            return


def _unreadable(gen: Path) -> None:
    (gen / "meta.json").write_text("{not json", encoding="utf-8")  # chmod 000 means nothing to root


def _corrupt(gen: Path) -> None:
    for path in gen.glob("*.fast"):
        with path.open("r+b") as fh:
            fh.write(bytes(path.stat().st_size // 2))


def _corrupt_quietly(gen: Path) -> None:
    """As _corrupt, with each file's mtime put back: a process that checked the files sees nothing new and meets
    the damage (a tantivy panic) in the middle of a search."""
    for path in gen.glob("*.fast"):
        st = path.stat()
        with path.open("r+b") as fh:
            fh.write(bytes(st.st_size // 2))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _truncate(gen: Path) -> None:
    for path in gen.glob("*.store"):
        os.truncate(path, path.stat().st_size // 3)


CASES: dict[str, Callable[[Path], None] | None] = {
    "none": None, "deleted": _delete, "unreadable": _unreadable, "corrupt": _corrupt, "corrupt-q": _corrupt_quietly,
    "truncated": _truncate,
}  # fmt: skip


# -- load ------------------------------------------------------------------------------------------------------
@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    degraded: int = 0
    last_degraded: float = 0.0  # time.monotonic() of the last degraded answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, error: str | None, degraded: bool) -> None:
        with self.lock:
            self.latencies.append(ms)
            self.degraded += degraded
            if degraded:
                self.last_degraded = time.monotonic()
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1


def _get(url: str, timeout: float) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Language": "zh-CN"})  # noqa: S310 - loopback http only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()


def _client(base: str, paths: list[str], until: float, tally: Tally, seed: int, timeout: float) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        path = rng.choice(paths)
        started = time.perf_counter()
        error = None
        degraded = False
        try:
            status, body = _get(base + path, timeout)
            if status != 200:
                error = f"HTTP {status}"
            elif path.startswith("/api/v1/search"):
                degraded = bool(json.loads(body).get("degraded"))
        except TimeoutError:
            error = "timeout"
        except (OSError, urllib.error.URLError, http.client.HTTPException) as exc:
            error = type(getattr(exc, "reason", exc)).__name__
        tally.add((time.perf_counter() - started) * 1000, error, degraded)


def _paths(db: Path, rng: random.Random, root: Path) -> list[str]:
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("SELECT name FROM subjects WHERE kind = 'legal' ORDER BY id LIMIT 500")]
    con.close()
    terms = [n[:4] for n in rng.sample(names, 10)] + ["有限公司", "食品", "市监罚", "jlsw"]
    out = [f"/api/v1/search?q={quote(t)}" for t in terms] + [f"/search?q={quote(t)}" for t in terms[:5]]
    return out + ["/", "/static/css/site.css" if (root / "static/css/site.css").exists() else "/"]


def _healed(base: str, seconds: float) -> float | None:
    """Seconds until a search is answered from the index again (not degraded), or None. A new page each time: a
    page cached by the server before the damage proves nothing."""
    started = time.monotonic()
    rng = random.Random()
    while time.monotonic() - started < seconds:
        try:
            status, body = _get(f"{base}/api/v1/search?q={quote('有限公司')}&page={rng.randrange(2, 500)}", 3.0)
            if status == 200 and not json.loads(body).get("degraded"):
                return time.monotonic() - started
        except (OSError, ValueError, http.client.HTTPException):
            pass
        time.sleep(0.25)
    return None


def _pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p))] if values else 0.0


def main() -> None:  # noqa: PLR0915 - one linear script
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=6.0, help="load per case")
    parser.add_argument("--timeout", type=float, default=5.0, help="client timeout per request")
    parser.add_argument("--heal-seconds", type=float, default=30.0)
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to run (e.g. a worktree of an older commit)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset of " + ",".join(CASES))
    args = parser.parse_args()
    root = args.root.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="fault-inject-"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        redis_port = _free_port()
        procs.append(subprocess.Popen(["redis-server", "--port", str(redis_port), "--save", "", "--appendonly",  # noqa: S603,S607
                                       "no", "--bind", "127.0.0.1"], stdout=subprocess.DEVNULL))  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        env.update(PORTAL_ENV="production", PORTAL_SECRET_KEY="fault-" + os.urandom(8).hex(),
                   PORTAL_INSTANCE_PATH=str(tmp), PORTAL_PUBLIC_BASE_URL="http://127.0.0.1",
                   PORTAL_REDIS_URL=f"redis://127.0.0.1:{redis_port}/0", RUST_BACKTRACE="0",
                   FAULT_ROOT=str(root))  # fmt: skip
        _wait_port(redis_port)
        _flask(env, "init-db")
        _flask(env, "demo-data", "--records", str(args.records), "--as-of", "2026-11-23")
        _flask(env, "reindex")
        port = _free_port()
        conf = ["-c", "gunicorn.conf.py"] if (root / "gunicorn.conf.py").exists() else []
        log_path = tmp / "gunicorn.log"
        log = log_path.open("wb")
        procs.append(subprocess.Popen([str(BIN / "gunicorn"), *conf, "-w", "2", "-k", "gthread", "--threads", "4",  # noqa: S603
                                       "-b", f"127.0.0.1:{port}", "--log-level", "info", "wsgi:app"],
                                      cwd=root, env=env, stdout=log, stderr=log))  # fmt: skip
        procs.append(subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "search-worker"], cwd=root, env=env,  # noqa: S603
                                      stdout=subprocess.DEVNULL, stderr=log))  # fmt: skip
        _wait_port(port)
        base = f"http://127.0.0.1:{port}"
        paths = _paths(tmp / "portal.db", random.Random(2026), root)
        how = " ".join(conf) or "(no gunicorn.conf.py)"
        print(
            f"# {args.records} records, gunicorn -w 2 --threads 4 {how}, {args.clients} clients x "
            f"{args.seconds:.0f} s per case, client timeout {args.timeout:.0f} s"
        )
        print(f"{'case':<11}{'requests':>9}{'errors':>8}{'degraded':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
              f"{'died':>6}  healed")  # fmt: skip
        for name in args.cases.split(","):
            damage = CASES[name]
            _flask(env, "reindex")  # a good index to start from
            if _healed(base, args.heal_seconds) is None:  # wedged by an earlier case: only a restart helps
                os.kill(procs[1].pid, signal.SIGHUP)
                _healed(base, args.heal_seconds)
            deaths_before = len(re.findall(rb"was sent|exited with code", log_path.read_bytes()))
            tally = Tally()
            until = time.monotonic() + args.seconds
            threads = [threading.Thread(target=_client, args=(base, paths, until, tally, i, args.timeout))
                       for i in range(args.clients)]  # fmt: skip
            for t in threads:
                t.start()
            damaged_at = time.monotonic()
            if damage is not None:
                time.sleep(args.seconds / 4)
                damaged_at = time.monotonic()
                damage(_generation(tmp))
            for t in threads:
                t.join()
            ended = time.monotonic()
            after = _healed(base, args.heal_seconds) if damage is not None else 0.0
            # From the damage to answers from the index again: during the load when it ended healthy.
            healed = None if after is None else (ended + after if after > 0.3 else max(tally.last_degraded, damaged_at))
            healed = None if healed is None else healed - damaged_at
            died = len(re.findall(rb"was sent|exited with code", log_path.read_bytes())) - deaths_before
            lat = sorted(tally.latencies)
            errors = sum(tally.errors.values())
            verdict = "n/a" if damage is None else (f"yes, {healed:.1f} s after the damage" if healed is not None
                                                    else "NO (needs a restart or a manual reindex)")  # fmt: skip
            print(f"{name:<11}{len(lat):>9}{errors:>8}{tally.degraded:>9}{statistics.median(lat) if lat else 0:>9.1f}"
                  f"{_pct(lat, 0.95):>9.1f}{(lat[-1] if lat else 0):>9.1f}{died:>6}  {verdict}"
                  + (f"  {tally.errors}" if tally.errors else ""))  # fmt: skip
            sys.stdout.flush()
    finally:
        for proc in reversed(procs):
            proc.send_signal(signal.SIGTERM)
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
