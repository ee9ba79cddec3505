"""行政处罚 (双公示 penalty) records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.domain.publicity import Severity
from portal.models.base import Base, enum_column
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class Penalty(RecordMixin, Base):
    __tablename__ = "penalties"
    __table_args__ = (
        sa.UniqueConstraint("decision_key", "subject_id"),  # natural key (data-standard §4.1)
        sa.Index("ix_penalties_public", "status", "public_until", "decided_on"),
    )

    decision_no: Mapped[str] = mapped_column(sa.String(256))  # 行政处罚决定书文号, as given
    decision_key: Mapped[str] = mapped_column(sa.String(256))  # normalised 文号 (data-standard §2)
    violation_type: Mapped[str] = mapped_column(sa.String(256))  # 违法行为类型
    facts: Mapped[str] = mapped_column(sa.Text)  # 违法事实
    basis: Mapped[str] = mapped_column(sa.Text)  # 处罚依据
    punishment_types: Mapped[str] = mapped_column(sa.String(256))  # 处罚类别, joined with "；"
    content: Mapped[str] = mapped_column(sa.Text)  # 处罚内容
    fine_amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(20, 6))  # 万元
    confiscated_amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(20, 6))  # 万元
    licence_info: Mapped[str | None] = mapped_column(sa.String(256))  # 暂扣或吊销证照名称及编号
    decided_on: Mapped[date] = mapped_column(sa.Date, index=True)
    effective_until: Mapped[date | None] = mapped_column(sa.Date)  # 处罚有效期
    given_public_until: Mapped[date | None] = mapped_column(sa.Date)  # 公示截止期 as given by the source
    authority_name: Mapped[str] = mapped_column(sa.String(256))  # 处罚机关
    authority_uscc: Mapped[str] = mapped_column(sa.String(18))
    severity: Mapped[Severity] = mapped_column(enum_column(Severity, "penalty_severity"))

    # The names every record kind shares (portal/kinds.py): the record's date, 文号 and deciding department.
    day: Mapped[date] = synonym("decided_on")
    doc_no: Mapped[str] = synonym("decision_no")
    doc_key: Mapped[str] = synonym("decision_key")

    subject: Mapped[Subject] = relationship(lazy="raise")
