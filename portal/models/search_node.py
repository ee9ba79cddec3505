"""Where each app server's search index stands in the search outbox (issue 21: several app servers).

The outbox is an ordered change log: rows are appended in the transaction that changes a record, and every node
(an app server with its own embedded index, or the whole site when the index is a shared database table) applies
them in order from its own cursor. A row is deleted once every live node has passed it, or after the retention
window (portal/indexing/cursors.py).

Order: on SQLite one writer commits at a time, so the row id alone orders commits (AUTOINCREMENT: ids are never
reused after a prune). On PostgreSQL a transaction may take an id and commit after a later one, so rows also carry
the id of the transaction that wrote them (`txid`), and a node only passes rows written by transactions older than
every transaction still running (the snapshot's xmin): a row committed late can never fall behind a cursor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import FunctionElement

from portal.models.base import Base, UTCDateTime, utcnow


class current_txid(FunctionElement[int]):  # noqa: N801 - a SQL function, named like one
    """The writing transaction's id on PostgreSQL (xid8 as bigint); 0 elsewhere, where the row id orders commits."""

    type = sa.BigInteger()
    inherit_cache = True


@compiles(current_txid)
def _txid_default(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "0"


@compiles(current_txid, "postgresql")
def _txid_postgresql(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "(pg_current_xact_id()::text::bigint)"


class SearchNode(Base):
    """One index's cursor: the last outbox row (txid, id) it has applied, and when it last looked."""

    __tablename__ = "search_nodes"

    name: Mapped[str] = mapped_column(sa.String(128), primary_key=True)
    cursor_txid: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    cursor_id: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    rebuilt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
