"""Throw-away PostgreSQL servers on 127.0.0.1 from Debian's PostgreSQL 15: a primary, a streaming replica made
with `pg_basebackup -R`, promotion, stop / restart / kill, and a clean-up that stops everything (issue 21).

Used by tests/test_failover.py and by the cluster check (benchmarks/cluster_check.py). Run as root, every server
program runs as the `postgres` user (runuser) in a temporary directory owned by it; run as anyone else, as that user.

    with PgCluster() as cluster:
        primary = cluster.primary()
        replica = cluster.replica(primary)
        url = cluster.url("portal")  # the libpq multi-host URL: whichever server accepts writes
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SETTINGS = (  # a throw-away server: fast and small, never durable across a power cut
    "-c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c shared_buffers=32MB "
    "-c max_connections=200 -c wal_keep_size=256MB -c hot_standby=on"
)


def available() -> str | None:
    """None when servers can be started here, else the reason they cannot (for a test's skip)."""
    for tool in ("initdb", "pg_ctl", "pg_basebackup", "postgres"):
        if not (PG_BIN / tool).exists():
            return f"{PG_BIN / tool} is missing (Debian package postgresql-15)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root needs runuser to start PostgreSQL as the postgres user"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root needs a postgres user to start PostgreSQL as"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run(*args: str) -> None:
    subprocess.run(_as_owner(list(args)), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603


class PgServer:
    """One server: its data directory, port and log under the cluster's temporary directory."""

    def __init__(self, root: Path, name: str, port: int) -> None:
        self.name, self.port = name, port
        self.data = root / name
        self.log = root / f"{name}.log"
        self.sockets = root

    def conninfo(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname} connect_timeout=2"

    def start(self, timeout: float = 30) -> None:
        options = f"-p {self.port} -k {self.sockets} {SETTINGS}"
        _run(str(PG_BIN / "pg_ctl"), "start", "-w", "-t", str(int(timeout)), "-D", str(self.data),
             "-l", str(self.log), "-o", options)  # fmt: skip
        self.wait_ready(timeout)

    def stop(self, mode: str = "fast") -> None:
        """`fast`: clean shutdown (sessions are cut); `immediate`: a crash, recovery on the next start."""
        if self.running():
            _run(str(PG_BIN / "pg_ctl"), "stop", "-w", "-m", mode, "-D", str(self.data))

    def restart(self, timeout: float = 30) -> None:
        self.stop()
        self.start(timeout)

    def kill(self) -> None:
        """SIGKILL to the postmaster and every process it started (as the OOM killer or a power cut would)."""
        pid = self.pid()
        if pid is None:
            return
        children = Path(f"/proc/{pid}/task/{pid}/children")
        kids = [int(p) for p in children.read_text().split()] if children.exists() else []
        for target in (pid, *kids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(target, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{p}").exists() for p in (pid, *kids)) and time.monotonic() < deadline:
            time.sleep(0.05)
        (self.data / "postmaster.pid").unlink(missing_ok=True)

    def promote(self, timeout: float = 30) -> None:
        """The replica stops following and accepts writes (pg_ctl promote waits for the end of recovery)."""
        _run(str(PG_BIN / "pg_ctl"), "promote", "-w", "-t", str(int(timeout)), "-D", str(self.data))
        deadline = time.monotonic() + timeout
        while self.in_recovery():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} still in recovery after promote")
            time.sleep(0.05)

    def pid(self) -> int | None:
        pidfile = self.data / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split("\n", 1)[0])
        except (FileNotFoundError, ValueError):
            return None
        return pid if Path(f"/proc/{pid}").exists() else None

    def running(self) -> bool:
        return self.pid() is not None

    def wait_ready(self, timeout: float = 30) -> float:
        """Seconds until the server answers a query; TimeoutError after `timeout`."""
        started = time.monotonic()
        while True:
            try:
                with psycopg.connect(self.conninfo(), connect_timeout=1) as conn:
                    conn.execute("SELECT 1")
                return time.monotonic() - started
            except psycopg.OperationalError:
                if time.monotonic() - started > timeout:
                    raise TimeoutError(f"{self.name} on port {self.port} not ready after {timeout} s") from None
                time.sleep(0.05)

    def in_recovery(self) -> bool:
        with psycopg.connect(self.conninfo()) as conn:
            row = conn.execute("SELECT pg_is_in_recovery()").fetchone()
        return bool(row and row[0])

    def query(self, sql: str, dbname: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.conninfo(dbname)) as conn:
            return list(conn.execute(sql, params).fetchall())  # type: ignore[arg-type]


class PgCluster:
    """A temporary directory of servers; leaving the `with` block stops every one and removes the directory."""

    def __init__(self) -> None:
        self.servers: list[PgServer] = []
        self.root = Path(tempfile.mkdtemp(prefix="pg-cluster-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def primary(self, name: str = "primary") -> PgServer:
        server = PgServer(self.root, name, free_port())
        self.servers.append(server)
        _run(str(PG_BIN / "initdb"), "-D", str(server.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        server.start()
        return server

    def replica(self, primary: PgServer, name: str = "replica") -> PgServer:
        """A hot standby streaming from `primary` (pg_basebackup -R writes standby.signal and primary_conninfo)."""
        server = PgServer(self.root, name, free_port())
        self.servers.append(server)
        _run(str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
             "-D", str(server.data), "-R", "-X", "stream", "-c", "fast", "--no-sync")  # fmt: skip
        server.start()
        return server

    def create_database(self, server: PgServer, dbname: str) -> None:
        with psycopg.connect(server.conninfo(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')

    def url(self, dbname: str, servers: list[PgServer] | None = None) -> str:
        """SQLAlchemy URL over every server: libpq tries them in order and keeps the one that accepts writes."""
        hosts = "&".join(f"host=127.0.0.1:{s.port}" for s in (servers or self.servers))
        return f"postgresql+psycopg://postgres@/{dbname}?{hosts}&target_session_attrs=read-write&connect_timeout=2"

    def close(self) -> None:
        for server in reversed(self.servers):
            try:
                server.stop("immediate")
            except subprocess.CalledProcessError:
                server.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def wait_for(predicate, timeout: float, step: float = 0.05) -> float:  # type: ignore[no-untyped-def]
    """Seconds until predicate() is true; TimeoutError after `timeout` (for real processes, never a fixed sleep)."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"not true after {timeout} s")
        time.sleep(step)
    return time.monotonic() - started
