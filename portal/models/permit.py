"""行政许可 (双公示 permit) records."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.domain.kinds import PermitState
from portal.models.base import Base, enum_column
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Permit(RecordMixin, Base):
    __tablename__ = "permits"
    __table_args__ = (
        sa.UniqueConstraint("doc_key", "subject_id"),  # natural key (data-standard §5)
        sa.Index("ix_permits_public", "status", "public_until", "decided_on"),
    )

    doc_title: Mapped[str] = mapped_column(sa.String(256))  # 行政许可决定文书名称
    doc_no: Mapped[str] = mapped_column(sa.String(256))  # 行政许可决定文书号
    doc_key: Mapped[str] = mapped_column(sa.String(256))
    category: Mapped[str] = mapped_column(sa.String(8))  # 许可类别: 普通/特许/认可/核准/登记/其他
    certificate_name: Mapped[str | None] = mapped_column(sa.String(256))
    certificate_no: Mapped[str | None] = mapped_column(sa.String(256))
    content: Mapped[str] = mapped_column(sa.Text)  # 许可内容
    decided_on: Mapped[date] = mapped_column(sa.Date, index=True)
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date] = mapped_column(sa.Date)  # 2099-12-31 = 长期
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 许可机关
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))
    state: Mapped[PermitState] = mapped_column(enum_column(PermitState, "permit_state"))  # 当前状态

    day: Mapped[date] = synonym("decided_on")  # the shared name of the record's date (portal/kinds.py)

    subject: Mapped[Subject] = relationship(lazy="raise")
