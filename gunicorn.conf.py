"""gunicorn settings of the production command (docs/operations.md, README.md):

    gunicorn -c gunicorn.conf.py -b 127.0.0.1:8000 wsgi:app

gunicorn also reads this file by default when started from the project directory. Options given on the command
line win over these values.

Why these values (issue 23, faults met by a real server): a worker that stops answering its master (frozen,
stuck in native code with the GIL held) is killed and replaced after `timeout`; a worker that dies (SIGBUS from a
search index file truncated under its memory map, the OOM killer) is replaced by the master at once; every worker
is also replaced after `max_requests` ± jitter requests, which bounds slow leaks and, since the workers restart at
different moments, never takes all of them down at the same time.
"""

from __future__ import annotations

import faulthandler
import os
from typing import Any

worker_class = "gthread"
workers = 2  # one per CPU core: the work is CPU-bound (docs/operations.md, sizing)
threads = 4
timeout = 30  # seconds without a heartbeat before the master kills a worker (pages answer in well under 2 s)
graceful_timeout = 20  # a restarting worker finishes its requests for this long, then is killed
keepalive = 5
max_requests = 5000
max_requests_jitter = 500


def post_fork(server: Any, worker: Any) -> None:
    """A worker killed by a fatal signal (SIGBUS, SIGSEGV) writes every thread's Python stack to the error log."""
    faulthandler.enable(all_threads=True)


def memory_limits_warning(workers: int, environ: dict[str, str]) -> str | None:
    """The warning for several workers counting rate limits each in its own memory (production refuses to start
    so; a development or staging server started with gunicorn would silently allow each limit once per worker)."""
    storage = environ.get("PORTAL_REDIS_URL") or environ.get("PORTAL_RATELIMIT_STORAGE_URI") or "memory://"
    if workers > 1 and storage.startswith("memory://"):
        return (f"RATE LIMITS ARE PER WORKER: {workers} workers on memory:// allow every limit {workers} times; "
                "set PORTAL_REDIS_URL to count them once for the whole site")  # fmt: skip
    return None


def when_ready(server: Any) -> None:
    warning = memory_limits_warning(server.cfg.workers, dict(os.environ))
    if warning:
        server.log.warning("%s %s %s", "!" * 20, warning, "!" * 20)
