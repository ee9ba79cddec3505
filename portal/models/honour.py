"""荣誉 / 行政奖励 (honours and administrative rewards) records (data-standard §13)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.models.base import Base
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Honour(RecordMixin, Base):
    __tablename__ = "honours"
    __table_args__ = (
        sa.UniqueConstraint("honour_key", "doc_key", "subject_id"),  # natural key (data-standard §13)
        sa.Index("ix_honours_public", "status", "public_until", "granted_on"),
        sa.Index("ix_honours_doc_key", "doc_key"),
    )

    honour_name: Mapped[str] = mapped_column(sa.String(256))  # 荣誉名称, as given
    honour_key: Mapped[str] = mapped_column(sa.String(256))  # NFKC, whitespace removed
    level: Mapped[str | None] = mapped_column(sa.String(8))  # 荣誉等级: 国家级/省级/市级/区县级/其他
    content: Mapped[str] = mapped_column(sa.Text)  # 荣誉内容
    doc_no: Mapped[str] = mapped_column(sa.String(256))  # 授予文件号
    doc_key: Mapped[str] = mapped_column(sa.String(256))
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 授予单位
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))
    granted_on: Mapped[date] = mapped_column(sa.Date, index=True)  # 授予日期
    valid_until: Mapped[date | None] = mapped_column(sa.Date)  # 有效期至; 2099-12-31 = 长期
    revoked_on: Mapped[date | None] = mapped_column(sa.Date)  # 撤销日期: not public from this day
    revoke_reason: Mapped[str | None] = mapped_column(sa.Text)  # 撤销原因

    day: Mapped[date] = synonym("granted_on")  # the shared name of the record's date (portal/kinds.py)

    subject: Mapped[Subject] = relationship(lazy="raise")
