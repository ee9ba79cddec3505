"""Exports for the provincial / national platform (data-standard §16): one row per file, also the "last" cursor."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime


class UpstreamExport(Base):
    """One export of one kind: the records changed in (since, until]; the latest `until` of a kind is where
    `--since last` starts. Append-only; the file itself stays in the export folder."""

    __tablename__ = "upstream_exports"
    __table_args__ = (sa.Index("ix_upstream_exports_kind_until", "kind", "until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    since: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: every record (a full export)
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    rows: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    path: Mapped[str] = mapped_column(sa.String(1024))  # the CSV written
    actor: Mapped[str] = mapped_column(sa.String(254))  # staff e-mail or "cli"
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
