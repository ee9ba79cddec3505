"""信用评价结果 (credit ratings of a scheme: 纳税信用, 海关信用, 环保信用 …) records (data-standard §11)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.models.base import Base
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Rating(RecordMixin, Base):
    __tablename__ = "ratings"
    __table_args__ = (
        sa.UniqueConstraint("doc_key", "subject_id"),  # natural key (data-standard §11)
        sa.Index("ix_ratings_public", "status", "public_until", "rated_on"),
        sa.Index("ix_ratings_scheme", "subject_id", "scheme_key"),  # the ratings one may supersede
    )

    scheme: Mapped[str] = mapped_column(sa.String(16))  # 评价体系
    scheme_note: Mapped[str | None] = mapped_column(sa.String(256))  # 评价体系说明 (the scheme of 其他行业信用评价)
    scheme_key: Mapped[str] = mapped_column(sa.String(300))  # 评价体系|NFKC 评价体系说明: who supersedes whom
    # What names the rating to people, as 文号 name other records (a rating has no number): 纳税信用 2025年度
    doc_no: Mapped[str] = mapped_column(sa.String(300))
    # 评价体系|说明|评价年度 (or 评价日期): the natural key within one subject; also matched by the degraded search
    doc_key: Mapped[str] = mapped_column(sa.String(320))
    grade: Mapped[str] = mapped_column(sa.String(16))  # 评价等级, NFKC and upper-cased
    score: Mapped[Decimal | None] = mapped_column(sa.Numeric(10, 2))  # 评价分数
    year: Mapped[int | None]  # 评价年度
    rated_on: Mapped[date] = mapped_column(sa.Date, index=True)  # 评价日期
    valid_until: Mapped[date | None] = mapped_column(sa.Date)  # 有效期至 as given (blank: the scheme's default)
    # 评价日期 of the newer rating of the same scheme that superseded this one (it ended the day before)
    superseded_on: Mapped[date | None] = mapped_column(sa.Date)
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 评价单位
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))
    basis: Mapped[str | None] = mapped_column(sa.Text)  # 评价依据
    openness: Mapped[str] = mapped_column(sa.String(8))  # 公开类型

    day: Mapped[date] = synonym("rated_on")  # the shared name of the record's date (portal/kinds.py)

    subject: Mapped[Subject] = relationship(lazy="raise")
