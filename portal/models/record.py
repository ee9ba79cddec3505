"""Columns shared by every published record (penalty, permit, list entry): status, publicity, provenance."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from portal.domain.publicity import RecordStatus
from portal.models.base import TimestampMixin, enum_column


class RecordMixin(TimestampMixin):
    """Publicity is stored as a window computed by portal.domain.publicity at write time.

    Whether a record is public *today* is decided at read time from status and window
    (portal/visibility.py), never by a nightly job flipping a flag (DOMAIN §5.3).
    """

    id: Mapped[int] = mapped_column(primary_key=True)

    @declared_attr
    def subject_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(sa.ForeignKey("subjects.id"), index=True)

    @declared_attr
    def status(cls) -> Mapped[RecordStatus]:  # noqa: N805
        return mapped_column(enum_column(RecordStatus, f"{cls.__tablename__}_status"), index=True)

    hold_reason: Mapped[str | None] = mapped_column(sa.String(64))  # why not_public: 轻微, 未成年人, 不予公示…
    public_from: Mapped[date] = mapped_column(sa.Date)
    public_until: Mapped[date | None] = mapped_column(sa.Date, index=True)  # inclusive; None = open-ended
    suspended_days: Mapped[int] = mapped_column(default=0)  # objection handling time added after rejection (§7)
    source_name: Mapped[str] = mapped_column(sa.String(256))  # 数据来源单位
    source_uscc: Mapped[str] = mapped_column(sa.String(18), index=True)
    remarks: Mapped[str | None] = mapped_column(sa.Text)
    version: Mapped[int] = mapped_column(default=1)
    row_hash: Mapped[str] = mapped_column(sa.String(64))  # of the normalised row: unchanged rows are skipped
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("import_batches.id"))
    line_no: Mapped[int | None]
