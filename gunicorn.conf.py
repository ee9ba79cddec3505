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
