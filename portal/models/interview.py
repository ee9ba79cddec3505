"""约谈 records (提示约谈 / 警示约谈) with their minutes; part of the subject's credit record, never public (§21)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.interviews import InterviewKind
from portal.models.base import Base, UTCDateTime, enum_column, utcnow


class Interview(Base):
    __tablename__ = "interviews"
    __table_args__ = (sa.Index("ix_interviews_department_held", "department_uscc", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18))  # the recognising department ("谁认定、谁约谈")
    department_name: Mapped[str] = mapped_column(sa.String(256))
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("subjects.id"), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18), index=True)
    subject_name: Mapped[str] = mapped_column(sa.String(256))
    kind: Mapped[InterviewKind] = mapped_column(enum_column(InterviewKind, "interview_kind"))
    held_on: Mapped[date] = mapped_column(sa.Date)
    reason: Mapped[str] = mapped_column(sa.Text)
    measures: Mapped[str] = mapped_column(sa.Text)  # the measures agreed
    correction_due_on: Mapped[date] = mapped_column(sa.Date)
    corrected_on: Mapped[date | None] = mapped_column(sa.Date)
    corrected_by: Mapped[str | None] = mapped_column(sa.String(254))
    # The minutes (约谈记录): checked and stored like a submission's attachment (portal/submissions/uploads.py).
    minutes_stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    minutes_original_name: Mapped[str] = mapped_column(sa.String(255))
    minutes_mime: Mapped[str] = mapped_column(sa.String(64))
    minutes_size: Mapped[int]
    minutes_sha256: Mapped[str] = mapped_column(sa.String(64))
    created_by: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
