"""检查结果 (results of administrative inspections, 双随机、一公开) records (data-standard §14)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.models.base import Base
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Inspection(RecordMixin, Base):
    __tablename__ = "inspections"
    __table_args__ = (
        sa.UniqueConstraint("doc_key", "authority_uscc", "subject_id"),  # natural key (data-standard §14)
        sa.Index("ix_inspections_public", "status", "public_until", "inspected_on"),
        sa.Index("ix_inspections_doc_key", "doc_key"),
    )

    doc_no: Mapped[str] = mapped_column(sa.String(256))  # 检查编号, as given
    doc_key: Mapped[str] = mapped_column(sa.String(256))  # normalised like a 文号
    task_name: Mapped[str | None] = mapped_column(sa.String(256))  # 检查任务名称
    check_type: Mapped[str] = mapped_column(sa.String(16))  # 检查类别
    matters: Mapped[str] = mapped_column(sa.Text)  # 检查事项
    method: Mapped[str | None] = mapped_column(sa.String(256))  # 检查方式 (an unknown one is kept, with a warning)
    inspected_on: Mapped[date] = mapped_column(sa.Date, index=True)  # 检查日期
    result: Mapped[str] = mapped_column(sa.String(16))  # 检查结果类型 (the 01–06 codes stored as their names)
    conclusion: Mapped[str] = mapped_column(sa.Text)  # 检查结论
    follow_up: Mapped[str | None] = mapped_column(sa.Text)  # 后续处置
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 检查机关
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))

    day: Mapped[date] = synonym("inspected_on")  # the shared name of the record's date (portal/kinds.py)

    subject: Mapped[Subject] = relationship(lazy="raise")
