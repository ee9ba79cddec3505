"""The working-day calendar of this deployment: the official calendar plus the admin override table."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.workdays import WorkCalendar
from portal.models import HolidayOverride


def work_calendar(session: Session) -> WorkCalendar:
    """DOMAIN §15: overrides win over chinese_calendar, which wins over the estimated `holidays` fallback."""
    overrides = {row.day: row.is_workday for row in session.scalars(sa.select(HolidayOverride))}
    return WorkCalendar(overrides)


def set_override(session: Session, day, is_workday: bool, note: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Force a day to a working day or a holiday (e.g. when next year's notice is published)."""
    row = session.get(HolidayOverride, day)
    if row is None:
        session.add(HolidayOverride(day=day, is_workday=is_workday, note=note))
    else:
        row.is_workday, row.note = is_workday, note
    session.commit()
