"""行政强制 (administrative coercion: measures and enforcement) records (data-standard §12)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.models.base import Base
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Coercion(RecordMixin, Base):
    __tablename__ = "coercions"
    __table_args__ = (
        sa.UniqueConstraint("doc_key", "subject_id"),  # natural key (data-standard §12)
        sa.Index("ix_coercions_public", "status", "public_until", "decided_on"),
        sa.Index("ix_coercions_doc_key", "doc_key"),
    )

    doc_no: Mapped[str] = mapped_column(sa.String(256))  # 行政强制决定书文号
    doc_key: Mapped[str] = mapped_column(sa.String(256))
    categories: Mapped[str] = mapped_column(sa.String(512))  # 强制类别, several joined with ；
    reason: Mapped[str] = mapped_column(sa.Text)  # 强制事由
    basis: Mapped[str] = mapped_column(sa.Text)  # 强制依据
    content: Mapped[str] = mapped_column(sa.Text)  # 强制内容
    property_info: Mapped[str | None] = mapped_column(sa.Text)  # 涉及财物
    decided_on: Mapped[date] = mapped_column(sa.Date, index=True)  # 决定日期
    term_until: Mapped[date | None] = mapped_column(sa.Date)  # 强制期限至
    lifted_on: Mapped[date | None] = mapped_column(sa.Date)  # 解除日期
    lift_reason: Mapped[str | None] = mapped_column(sa.Text)  # 解除原因
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 实施机关
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))

    day: Mapped[date] = synonym("decided_on")  # the shared name of the record's date (portal/kinds.py)

    subject: Mapped[Subject] = relationship(lazy="raise")
