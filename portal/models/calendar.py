"""Official working-day schedules entered by staff (DOMAIN §15): one row per year, one per listed day."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow


class CalendarYear(Base):
    """A year whose 国务院办公厅 notice has been entered: its days are official, no longer estimated."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(sa.String(256))  # the notice or file it came from, as the admin named it
    holidays: Mapped[int]
    workdays: Mapped[int]  # 调休 working days
    imported_by: Mapped[str] = mapped_column(sa.String(254))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CalendarDay(Base):
    """A day listed by a notice: a holiday (休) or a weekend day worked (班); unlisted days follow the week."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    year: Mapped[int] = mapped_column(sa.ForeignKey("calendar_years.year"), index=True)  # the notice's year
    is_workday: Mapped[bool]
    name: Mapped[str | None] = mapped_column(sa.String(64))
