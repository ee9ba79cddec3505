"""分级分类监管 (DOMAIN §20): grading rule-set versions, departments' treatments per grade, grade snapshots, draws."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.grading import Grade
from portal.domain.sampling import Frequency
from portal.models.base import Base, UTCDateTime, enum_column, utcnow


class GradingRuleSet(Base):
    """One saved version of the grading rule set; the highest version is in force. Never updated, only added."""

    __tablename__ = "grading_rule_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    rules: Mapped[str] = mapped_column(sa.Text)  # JSON (portal.domain.grading_rules.rule_set_to_data)
    note: Mapped[str] = mapped_column(sa.String(500))  # why it changed
    created_by: Mapped[str] = mapped_column(sa.String(254))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GradeTreatment(Base):
    """A department's inspection ratio and frequency for one grade; a missing row means the §20 default."""

    __tablename__ = "grade_treatments"
    __table_args__ = (sa.UniqueConstraint("department_uscc", "grade"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18))  # "" = the 信用办's own draws
    grade: Mapped[Grade] = mapped_column(enum_column(Grade, "grade"))
    ratio: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2))  # percent
    min_count: Mapped[int] = mapped_column(default=0)
    frequency: Mapped[Frequency] = mapped_column(enum_column(Frequency, "inspection_frequency"))
    updated_by: Mapped[str] = mapped_column(sa.String(254))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class GradeSnapshot(Base):
    """The grade distribution of every organisation and 个体工商户 on one day (`flask grade --day`)."""

    __tablename__ = "grade_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, unique=True)
    rule_set_version: Mapped[int]  # 0 = the built-in §20 default
    subjects: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GradeCount(Base):
    """Subjects of a grade in a snapshot per department and area; "" = all (so ("", "") is the whole site)."""

    __tablename__ = "grade_counts"
    __table_args__ = (sa.Index("ix_grade_counts_snapshot", "snapshot_id", "department_uscc", "area_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(sa.ForeignKey("grade_snapshots.id", ondelete="CASCADE"))
    department_uscc: Mapped[str] = mapped_column(sa.String(18))  # a department with records about the subject
    area_code: Mapped[str] = mapped_column(sa.String(6))  # USCC characters 3–8: 登记管理机关行政区划码
    grade: Mapped[Grade] = mapped_column(enum_column(Grade, "grade"))
    count: Mapped[int]


class InspectionDraw(Base):
    """One 双随机 draw of a department: population, grades as of `day`, seed and sample are all kept (audit)."""

    __tablename__ = "inspection_draws"
    __table_args__ = (sa.UniqueConstraint("department_uscc", "task_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18), index=True)
    task_name: Mapped[str] = mapped_column(sa.String(200))
    day: Mapped[date] = mapped_column(sa.Date)  # grades are as of this day
    seed: Mapped[str] = mapped_column(sa.String(64))
    rule_set_version: Mapped[int]
    treatments: Mapped[str] = mapped_column(sa.Text)  # JSON of the ratios used: later edits do not change the draw
    population: Mapped[int]
    sample: Mapped[int]
    unknown: Mapped[int]  # valid USCCs of no subject on this platform (graded B: no records, §20 "B otherwise")
    problems: Mapped[str] = mapped_column(sa.Text)  # JSON list of invalid and duplicate lines
    created_by: Mapped[str] = mapped_column(sa.String(254))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DrawItem(Base):
    """One USCC of a draw's population, its grade on the draw day and whether (and in which place) it was drawn."""

    __tablename__ = "draw_items"
    __table_args__ = (sa.Index("ix_draw_items_draw", "draw_id", "grade", "rank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(sa.ForeignKey("inspection_draws.id", ondelete="CASCADE"))
    line_no: Mapped[int]
    uscc: Mapped[str] = mapped_column(sa.String(18))
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("subjects.id"))
    grade: Mapped[Grade] = mapped_column(enum_column(Grade, "grade"))
    reasons: Mapped[str] = mapped_column(sa.String(200))  # rule codes, e.g. "D1 D2"
    rank: Mapped[int | None]  # 1… within its grade when drawn; None = not drawn
