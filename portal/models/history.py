"""Import batches and their rejected rows, record history, the search outbox and holiday overrides."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.search_node import current_txid


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    filename: Mapped[str] = mapped_column(sa.String(512))
    source_label: Mapped[str | None] = mapped_column(sa.String(256))  # --source NAME
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    imported: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    warnings: Mapped[str | None] = mapped_column(sa.Text)  # one "第N行 警告：…" per line


class RejectedRow(Base):
    """Line number and reasons only: the row itself may hold ID numbers and stays in the rejects file."""

    __tablename__ = "rejected_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("import_batches.id"), index=True)
    line_no: Mapped[int]
    reasons: Mapped[str] = mapped_column(sa.Text)


class RecordHistory(Base):
    """A superseded version or a status change of a record (who, when, why); append-only."""

    __tablename__ = "record_history"
    __table_args__ = (sa.Index("ix_record_history_record", "record_kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(sa.String(16))
    record_id: Mapped[int]
    version: Mapped[int]
    data: Mapped[str] = mapped_column(sa.Text)  # JSON of the superseded version's values
    from_status: Mapped[str | None] = mapped_column(sa.String(32))
    to_status: Mapped[str | None] = mapped_column(sa.String(32))
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("import_batches.id"))
    line_no: Mapped[int | None]
    actor: Mapped[str | None] = mapped_column(sa.String(256))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SearchOutbox(Base):
    """Index changes written in the same transaction as the record; every node's indexer applies them in order
    from its own cursor (portal/models/search_node.py says how the order is kept)."""

    __tablename__ = "search_outbox"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never reused after a prune: cursors stay valid

    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(sa.String(16))
    record_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    txid: Mapped[int] = mapped_column(sa.BigInteger, default=current_txid(), server_default="0")


class HolidayOverride(Base):
    """Admin override of the official calendar (DOMAIN §15): a day forced to working day or holiday."""

    __tablename__ = "holiday_overrides"

    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    is_workday: Mapped[bool]
    note: Mapped[str | None] = mapped_column(sa.String(256))
