"""Search commands: `reindex`, `search-worker` and `search-sweep` (registered by portal.cli.register)."""

from __future__ import annotations

import logging
import signal
import sys
import time
from datetime import date
from types import FrameType

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import clock
from search.contract import SearchBackend

log = logging.getLogger(__name__)


@click.command("reindex")
@click.option(
    "--backend",
    "name",
    type=click.Choice(["tantivy", "whoosh", "postgres"]),
    default=None,
    help="backend to build (default: the configured one)",
)
@click.option(
    "--if-missing",
    is_flag=True,
    help="do nothing when a readable index already exists (make run); an unreadable one is rebuilt",
)
@with_appcontext
def reindex_command(name: str | None, if_missing: bool) -> None:
    """Rebuild the search index from the database into a new directory and swap it in atomically."""
    from portal.config import ConfigError
    from portal.extensions import db
    from portal.indexing.backend import backend_name, make_backend
    from portal.indexing.documents import count_public
    from portal.indexing.outbox import reindex

    name = name or backend_name(current_app)
    try:
        backend = make_backend(current_app, name, with_fallback=False)
    except ConfigError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    try:
        if if_missing:
            if backend.healthy():  # readable, not only present: a damaged index is rebuilt (issue 23)
                click.echo(f"search index ({name}) exists with {backend.count()} documents, nothing done")
                return
            click.echo(f"search index ({name}) missing or unreadable, rebuilding it", err=True)
        today = clock.today()
        with click.progressbar(length=max(count_public(db.session, today), 1), label="重建索引",
                               file=sys.stderr) as bar:  # fmt: skip
            written = reindex(db.session, backend, today, progress=bar.update)
    finally:
        backend.close()
    click.echo(f"reindexed={written} backend={name}")


REBUILD_RETRY_SECONDS = 60.0


def _heal(backend: SearchBackend) -> bool:
    """Rebuild a missing or damaged index (the guard marks a damaged one); False when the rebuild failed."""
    from portal.extensions import db
    from portal.indexing.outbox import reindex

    log.warning("search index %s missing or unreadable: rebuilding it", backend.name)
    try:
        reindex(db.session, backend, clock.today())
    except Exception:  # noqa: BLE001 - the worker keeps running; pages are served degraded meanwhile
        db.session.rollback()
        log.exception("search index rebuild failed; retrying in %.0f s", REBUILD_RETRY_SECONDS)
        return False
    return True


@click.command("search-worker")
@click.option("--once", is_flag=True, help="drain the outbox until it is empty, then exit")
@click.option(
    "--interval",
    default=0.5,
    show_default=True,
    type=click.FloatRange(0.05, 60),
    help="seconds between polls of an empty outbox",
)
@click.option("--batch", default=1000, show_default=True, type=click.IntRange(1, 100_000))
@with_appcontext
def search_worker_command(once: bool, interval: float, batch: int) -> None:
    """Apply queued index changes (the search outbox); without --once, poll forever, sweep once a day, and
    rebuild the index when it is missing or damaged."""
    from sqlalchemy.exc import DBAPIError

    from portal.errors import RECONNECT_WAIT_SECONDS, database_gone, wait_for_database
    from portal.extensions import db
    from portal.indexing import cursors
    from portal.indexing.backend import get_backend
    from portal.indexing.outbox import drain_outbox, sweep
    from portal.models.base import utcnow

    backend = get_backend()
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    drained = 0
    swept: date | None = None
    try:
        while not stopping:
            try:
                today = clock.today()
                if cursors.behind(db.session, cursors.node_name(backend), utcnow()):
                    # away longer than the outbox keeps rows: changes may be missing from this node's index
                    log.warning("search node %s was away too long: rebuilding its index", cursors.node_name(backend))
                    if not _heal(backend):
                        time.sleep(REBUILD_RETRY_SECONDS)
                    continue
                if not backend.healthy():
                    if once:
                        click.echo("错误：search index missing; run `flask --app wsgi reindex` first", err=True)
                        sys.exit(2)
                    if not _heal(backend):
                        time.sleep(REBUILD_RETRY_SECONDS)
                    continue
                if not once and swept != today:
                    result = sweep(db.session, backend, today)
                    log.info("search sweep: purged=%d refreshed=%d", result.purged, result.refreshed)
                    swept = today
                n = drain_outbox(db.session, backend, today, limit=batch)
                drained += n
                if n == 0:
                    if once:
                        break
                    time.sleep(interval)
            except DBAPIError as exc:
                # the database restarts or fails over (issue 21): wait for it instead of ending the worker
                if not database_gone(exc):
                    raise
                log.warning("search worker: database unavailable, waiting for it")
                db.session.rollback()
                db.session.remove()
                wait_for_database(RECONNECT_WAIT_SECONDS)
    except KeyboardInterrupt:
        pass
    click.echo(f"drained={drained}")


@click.command("search-sweep")
@with_appcontext
def search_sweep_command() -> None:
    """The daily job: remove documents whose publicity ended, index records whose publicity began."""
    from portal.extensions import db
    from portal.indexing.backend import get_backend
    from portal.indexing.outbox import sweep

    backend = get_backend()
    if not backend.healthy():
        click.echo("错误：search index missing; run `flask --app wsgi reindex` first", err=True)
        sys.exit(2)
    result = sweep(db.session, backend, clock.today())
    click.echo(f"purged={result.purged} refreshed={result.refreshed}")


COMMANDS = (reindex_command, search_worker_command, search_sweep_command)
