"""The processes of the cluster check: app nodes (gunicorn with gunicorn.conf.py + `flask search-worker`, each with
its own instance directory and search index) and Debian's nginx in front of them with upstream retry."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.cluster.web import Browser
from tests.pg_servers import free_port

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
NGINX = "/usr/sbin/nginx"


def _stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Signal the process group (gunicorn's master and workers) and wait; SIGKILL when it does not go."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class Node:
    """One app server: gunicorn (production settings of gunicorn.conf.py) and its own search worker."""

    def __init__(self, name: str, root: Path, env: dict[str, str], *, preload: bool = False) -> None:
        self.name, self.preload = name, preload
        self.instance = root / name
        self.instance.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.env = {**env, "PORTAL_NODE_NAME": name, "PORTAL_INSTANCE_PATH": str(self.instance)}
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def flask(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """`flask --app wsgi ARGS` with this node's environment (as an operator would run it on this node)."""
        done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=self.env,  # noqa: S603
                              capture_output=True, text=True)  # fmt: skip
        if check and done.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} on {self.name} exited {done.returncode}: {done.stderr[-3000:]}")
        return done

    def _log(self, name: str):  # type: ignore[no-untyped-def]
        return (self.instance / name).open("ab")

    def start(self) -> None:
        with self._log("gunicorn.log") as log:
            self.server = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{self.port}",
                 *(["--preload"] if self.preload else []), "--log-level", "warning", "wsgi:app"],
                cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip
        with self._log("search-worker.log") as log:
            self.worker = subprocess.Popen(  # noqa: S603
                [str(BIN / "flask"), "--app", "wsgi", "search-worker"],
                cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, timeout: float = 90, warm: int = 0) -> float:
        """Seconds until the home page answers 200 on this node's own port, and then `warm` searches more (each
        worker's first search loads the dictionaries)."""
        started = time.monotonic()
        browser = Browser(self.port, timeout=timeout)
        try:
            while browser.get("/").status != 200:
                if self.server is not None and self.server.poll() is not None:
                    raise RuntimeError(f"node {self.name} exited: see {self.instance / 'gunicorn.log'}")
                if time.monotonic() - started > timeout:
                    raise TimeoutError(f"node {self.name} not answering after {timeout} s")
                time.sleep(0.1)
            for i in range(warm):
                browser.close()  # a new connection: perhaps another worker
                browser.get(f"/search?q=%E6%B1%9F%E4%B8%B4{i}")
        finally:
            browser.close()
        return time.monotonic() - started

    def kill(self) -> None:
        """SIGKILL to the whole node (master, workers, search worker): a crash, no graceful shutdown."""
        _stop(self.server, signal.SIGKILL)
        _stop(self.worker, signal.SIGKILL)

    def stop(self) -> None:
        _stop(self.server)
        _stop(self.worker)


NGINX_CONF = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size 60m;
    upstream portal {{
{servers}
        keepalive 64;
        # idle connections to a node are closed by nginx before gunicorn's keepalive (5 s) closes them: otherwise
        # a request sent on a connection gunicorn is closing is reset, and a POST cannot be passed on (a 502)
        keepalive_timeout 4s;
    }}
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_next_upstream_tries 2;
    proxy_connect_timeout 2s;
    proxy_read_timeout 60s;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://portal;
            # a node that refuses or drops the connection: the request goes to the other node. POSTs only when
            # they never reached the dead node (nginx does not resend a request the node may have acted on).
            proxy_next_upstream error timeout http_502;
        }}
        # The submission forms may be sent again: a second post with the same form token answers the first
        # one's receipt and stores nothing (portal/submissions/services.py). So a form a node was handling when
        # it died goes to the other node too; not after a time-out, while the first node may still be at it.
        location ~ ^/(objections|complaints|repairs)/new$ {{
            proxy_pass http://portal;
            proxy_next_upstream error non_idempotent;
        }}
    }}
}}
"""


class Nginx:
    """Debian's nginx with its own prefix and configuration file in the check's temporary directory."""

    def __init__(self, root: Path, upstreams: list[int]) -> None:
        self.prefix = root / "nginx"
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.upstreams = upstreams
        self.conf = self.prefix / "nginx.conf"
        self._write(set())
        self.process: subprocess.Popen | None = None

    def _write(self, down: set[int]) -> None:
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s{' down' * (p in down)};"
                            for p in self.upstreams)  # fmt: skip
        self.conf.write_text(NGINX_CONF.format(prefix=self.prefix, servers=servers, port=self.port))

    def mark_down(self, down: set[int]) -> None:
        """Take these upstream ports out of rotation (`down`) and reload: what a deploy script does while a node
        starts, since open-source nginx would otherwise queue requests on a node whose port is open but whose
        workers are still loading the app. A reload lets the old workers finish their requests."""
        self._write(down)
        if self.process is not None:
            self.process.send_signal(signal.SIGHUP)

    def start(self) -> None:
        command = [NGINX, "-p", str(self.prefix), "-e", str(self.prefix / "error.log"), "-c", str(self.conf)]
        subprocess.run([*command, "-t", "-q"], check=True)  # noqa: S603
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)  # noqa: S603

    def stop(self) -> None:
        _stop(self.process, signal.SIGQUIT)
