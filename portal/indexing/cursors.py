"""Each node's cursor in the search outbox (issue 21): which rows an index has applied, and which rows may go.

A node is one index: an app server's embedded tantivy/whoosh index, named by `PORTAL_NODE_NAME` (default the
host name), or the whole site when the index is a shared database table (postgres backend). Each node applies the
outbox from its own cursor, so every server's index converges, and a server whose worker was stopped catches up
when it starts again. A row is deleted once every live node has passed it, or after `OUTBOX_RETENTION_DAYS`; a
node not seen for that long may have missed rows and rebuilds its index (search-worker does it, `reindex` too).
The order of rows, and why PostgreSQL also needs the writing transaction's id: portal/models/search_node.py.
"""

from __future__ import annotations

import socket
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.models import SearchNode, SearchOutbox
from portal.models.base import utcnow
from search.contract import SearchBackend

RETENTION_DAYS = 7  # default of OUTBOX_RETENTION_DAYS
SHARED_NODE = "shared"  # the one cursor of a shared index
TOUCH_SECONDS = 60  # an idle node writes its "seen" time at most this often
NO_HORIZON = 2**62  # SQLite: commits are serial, every committed row may be applied


def _position() -> sa.Tuple:
    """A row's place in the log: (writing transaction, id)."""
    return sa.tuple_(SearchOutbox.txid, SearchOutbox.id)


def node_name(backend: SearchBackend) -> str:
    """The node whose cursor `backend`'s index uses."""
    if backend.shared:
        return SHARED_NODE
    configured = current_app.config.get("NODE_NAME") if has_app_context() else None
    return str(configured or socket.gethostname())[:128]


def retention() -> timedelta:
    days = current_app.config.get("OUTBOX_RETENTION_DAYS") if has_app_context() else None
    return timedelta(days=float(days or RETENTION_DAYS))


def horizon(session: Session) -> int:
    """Rows written by transactions below this id can no longer be joined by an earlier row (PostgreSQL: the
    snapshot's xmin, the oldest transaction still running)."""
    if session.get_bind().dialect.name != "postgresql":
        return NO_HORIZON
    return int(session.scalar(sa.text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")))


def claim(session: Session, name: str) -> SearchNode | None:
    """The node's cursor row, locked for this transaction; None while another process of the node drains
    (PostgreSQL). A node seen for the first time starts at the beginning of the outbox."""
    query = sa.select(SearchNode).where(SearchNode.name == name)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    node = session.scalars(query).first()
    if node is not None:
        return node
    if session.scalar(sa.select(sa.func.count()).select_from(SearchNode).where(SearchNode.name == name)):
        return None  # exists, locked by another drain
    node = SearchNode(name=name, cursor_txid=0, cursor_id=0, seen_at=utcnow())
    session.add(node)
    try:
        session.flush()
    except IntegrityError:  # registered at the same moment by another process: it drains this time
        session.rollback()
        return None
    return node


def after(node: SearchNode, top: int) -> sa.Select:
    """The outbox rows the node has not applied yet and may apply now, in order."""
    return (
        sa.select(SearchOutbox.id, SearchOutbox.txid, SearchOutbox.record_kind, SearchOutbox.record_id)
        .where(_position() > sa.tuple_(sa.literal(node.cursor_txid), sa.literal(node.cursor_id)))
        .where(SearchOutbox.txid < top)
        .order_by(SearchOutbox.txid, SearchOutbox.id)
    )


def advance(node: SearchNode, last: tuple[int, int], top: int, *, complete: bool) -> None:
    """Move the cursor past the applied rows; when they were all the node may apply, past the horizon too."""
    node.cursor_txid, node.cursor_id = (top, 0) if complete and top != NO_HORIZON else last
    node.seen_at = utcnow()


def touch(node: SearchNode, top: int, now: datetime) -> bool:
    """An idle node: record that it is alive (at most every TOUCH_SECONDS); True when something was written."""
    if node.seen_at > now - timedelta(seconds=TOUCH_SECONDS):
        return False
    if top != NO_HORIZON and (top, 0) > (node.cursor_txid, node.cursor_id):
        node.cursor_txid, node.cursor_id = top, 0
    node.seen_at = now
    return True


def rebuilt(session: Session, name: str, top: int, covered: int) -> None:
    """A complete index was built from the database: it holds every row written before the build started."""
    node = session.get(SearchNode, name) or SearchNode(name=name)
    session.add(node)
    node.cursor_txid, node.cursor_id = (top, 0) if top != NO_HORIZON else (0, covered)
    node.seen_at = node.rebuilt_at = utcnow()


def prune(session: Session, now: datetime) -> int:
    """Delete the rows every live node has passed, and rows older than the retention window. Commits."""
    alive = session.execute(
        sa.select(SearchNode.cursor_txid, SearchNode.cursor_id).where(SearchNode.seen_at >= now - retention())
    ).all()
    old = SearchOutbox.created_at < now - retention()
    passed = _position() <= sa.tuple_(*map(sa.literal, min(alive))) if alive else sa.false()
    deleted = session.execute(sa.delete(SearchOutbox).where(sa.or_(passed, old))).rowcount or 0
    session.commit()
    return int(deleted)


def behind(session: Session, name: str, now: datetime) -> bool:
    """The node was away longer than the retention window: rows it never applied may have been pruned."""
    seen = session.scalar(sa.select(SearchNode.seen_at).where(SearchNode.name == name))
    return seen is not None and seen < now - retention()


def pending(name: str) -> sa.ColumnElement[bool]:
    """Outbox rows the node's index has not applied (the search re-check keeps their records out of answers)."""
    position = sa.select(SearchNode.cursor_txid, SearchNode.cursor_id).where(SearchNode.name == name)
    txid = sa.func.coalesce(position.with_only_columns(SearchNode.cursor_txid).scalar_subquery(), 0)
    row = sa.func.coalesce(position.with_only_columns(SearchNode.cursor_id).scalar_subquery(), 0)
    return _position() > sa.tuple_(txid, row)
