"""open_backend(): the configured engine by name, optionally guarded by a degraded fallback.

Engines are imported only when chosen, so a site running tantivy never imports whoosh or a PostgreSQL driver.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from search.contract import SearchBackend
from search.guarded import GuardedBackend

BACKENDS = ("tantivy", "whoosh", "postgres")


def open_backend(
    name: str,
    *,
    directory: str | Path | None = None,
    dsn: str | None = None,
    engine: Any = None,
    fallback: Callable[[], SearchBackend] | None = None,
    **options: Any,
) -> SearchBackend:
    """The backend `name` (tantivy, whoosh, postgres). Never raises for a missing index: it reports unhealthy.

    File backends keep their generations under `directory/<name>/`; postgres uses `engine` or `dsn`. With
    `fallback`, the result serves the fallback's (degraded) answers while the index is missing or broken.
    """
    backend: SearchBackend
    if name == "tantivy":
        from search.tantivy_backend import TantivyBackend

        backend = TantivyBackend(_require_dir(directory) / name, **options)
    elif name == "whoosh":
        from search.whoosh_backend import WhooshBackend

        backend = WhooshBackend(_require_dir(directory) / name, **options)
    elif name == "postgres":
        from search.postgres_backend import PostgresBackend

        if engine is None and not dsn:
            raise ValueError("the postgres backend needs a dsn or an engine")
        backend = PostgresBackend(engine if engine is not None else dsn, **options)
    else:
        raise ValueError(f"unknown search backend {name!r}: expected one of {', '.join(BACKENDS)}")
    return backend if fallback is None else GuardedBackend(backend, fallback)


def _require_dir(directory: str | Path | None) -> Path:
    if directory is None:
        raise ValueError("file-based search backends need a directory")
    return Path(directory)
