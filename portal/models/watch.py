"""重点监管对象筛查: a department's watch lists, their subjects, and the hits of the daily screening (DOMAIN §21)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.screening import HitSource
from portal.models.base import Base, TimestampMixin, UTCDateTime, enum_column, utcnow


class WatchList(TimestampMixin, Base):
    """A named list of subjects a department keeps under close supervision; only that department sees it."""

    __tablename__ = "watch_lists"
    __table_args__ = (sa.UniqueConstraint("department_uscc", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18), index=True)
    department_name: Mapped[str] = mapped_column(sa.String(256))
    name: Mapped[str] = mapped_column(sa.String(100))
    created_by: Mapped[str] = mapped_column(sa.String(254))
    entries: Mapped[int] = mapped_column(default=0)  # subjects on the list (kept with every change)


class WatchEntry(Base):
    """One subject (by USCC) on a watch list; the subject need not be known to the platform yet."""

    __tablename__ = "watch_entries"
    __table_args__ = (sa.UniqueConstraint("list_id", "uscc"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(sa.ForeignKey("watch_lists.id", ondelete="CASCADE"), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18), index=True)
    added_by: Mapped[str] = mapped_column(sa.String(254))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WatchHit(Base):
    """A record found on a watched subject, reported once per department (the unique key makes reruns harmless),
    with the department's feedback (措施 taken) due within FEEDBACK_WORKDAYS working days."""

    __tablename__ = "watch_hits"
    __table_args__ = (
        sa.UniqueConstraint("department_uscc", "record_table", "record_id"),
        sa.Index("ix_watch_hits_department_found", "department_uscc", "found_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18))
    list_id: Mapped[int | None] = mapped_column(sa.ForeignKey("watch_lists.id", ondelete="SET NULL"), index=True)
    subject_id: Mapped[int] = mapped_column(sa.ForeignKey("subjects.id"), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18))
    subject_name: Mapped[str] = mapped_column(sa.String(256))
    source: Mapped[HitSource] = mapped_column(enum_column(HitSource, "watch_hit_source"))
    record_table: Mapped[str] = mapped_column(sa.String(16))  # list | penalty | coercion
    record_id: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(256))  # list name or 文号
    authority: Mapped[str] = mapped_column(sa.String(256))
    record_day: Mapped[date] = mapped_column(sa.Date)  # listed / decided
    found_on: Mapped[date] = mapped_column(sa.Date)
    feedback_due_on: Mapped[date] = mapped_column(sa.Date)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: the e-mail is still to be sent
    feedback: Mapped[str | None] = mapped_column(sa.Text)
    feedback_on: Mapped[date | None] = mapped_column(sa.Date)  # first answer: decides lateness
    feedback_by: Mapped[str | None] = mapped_column(sa.String(254))
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
