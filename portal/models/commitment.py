"""信用承诺 (credit commitment) records, with their 履行状态 (data-standard §10)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.models.base import Base
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Commitment(RecordMixin, Base):
    __tablename__ = "commitments"
    __table_args__ = (
        sa.UniqueConstraint("doc_key", "subject_id"),  # natural key (data-standard §10)
        sa.Index("ix_commitments_public", "status", "public_until", "made_on"),
        sa.Index("ix_commitments_doc_key", "doc_key"),
    )

    doc_no: Mapped[str | None] = mapped_column(sa.String(32))  # 承诺编码 (optional)
    doc_key: Mapped[str] = mapped_column(sa.String(256))  # "C:<承诺编码>" or "K:<受理单位>|<日期>|<事由>"
    commit_type: Mapped[str] = mapped_column(sa.String(16))  # 承诺类型
    matter: Mapped[str] = mapped_column(sa.String(512))  # 承诺事由
    content: Mapped[str] = mapped_column(sa.Text)  # 承诺内容
    liability: Mapped[str | None] = mapped_column(sa.Text)  # 违诺责任
    made_on: Mapped[date] = mapped_column(sa.Date, index=True)  # 承诺作出日期
    valid_until: Mapped[date | None] = mapped_column(sa.Date)  # 承诺有效期至
    state: Mapped[str] = mapped_column(sa.String(8))  # 承诺履行状态
    unfulfilled: Mapped[str | None] = mapped_column(sa.Text)  # 未履行的承诺内容
    accountability: Mapped[str | None] = mapped_column(sa.Text)  # 违诺责任追究内容
    state_on: Mapped[date | None] = mapped_column(sa.Date)  # 履行状态认定日期
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 承诺受理单位
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))
    openness: Mapped[str] = mapped_column(sa.String(8))  # 公开类型
    handler: Mapped[str | None] = mapped_column(sa.String(256))  # 经办人: never public

    day: Mapped[date] = synonym("made_on")  # the shared name of the record's date (portal/kinds.py)

    subject: Mapped[Subject] = relationship(lazy="raise")
