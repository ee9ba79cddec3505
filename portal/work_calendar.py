"""The working-day calendar of this deployment: admin overrides, staff-entered schedules, then the library.

`work_calendar` and `set_override` keep their names (other modules import them); `import_schedule` enters a year's
official notice in one step, from the CLI (`flask calendar import FILE`) or the back office (/review/calendar).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.workdays import Schedule, ScheduledDay, WorkCalendar, parse_schedule
from portal.models import AuditEntry, CalendarDay, CalendarYear, HolidayOverride

# Staff are warned while a deadline they may set or watch falls into an estimated year: the longest deadline
# (DOMAIN §15) is well under this many calendar days.
WARNING_WINDOW_DAYS = 90


def load_schedule(session: Session) -> Schedule:
    """Every schedule entered so far, as the pure calendar takes it."""
    years = frozenset(session.scalars(sa.select(CalendarYear.year)))
    days = {row.day: ScheduledDay(row.day, row.is_workday, row.name) for row in session.scalars(sa.select(CalendarDay))}
    return Schedule(years, days)


def work_calendar(session: Session) -> WorkCalendar:
    """DOMAIN §15: overrides, then staff-entered schedules, then chinese_calendar, then the `holidays` estimate."""
    overrides = {row.day: row.is_workday for row in session.scalars(sa.select(HolidayOverride))}
    return WorkCalendar(overrides, load_schedule(session))


def set_override(session: Session, day, is_workday: bool, note: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Force a day to a working day or a holiday (e.g. when next year's notice is published)."""
    row = session.get(HolidayOverride, day)
    if row is None:
        session.add(HolidayOverride(day=day, is_workday=is_workday, note=note))
    else:
        row.is_workday, row.note = is_workday, note
    session.commit()


@dataclass(frozen=True, slots=True)
class ImportedYear:
    year: int
    holidays: int
    workdays: int


def import_schedule(session: Session, lines: Iterable[str], *, source: str, actor: str, actor_id: int | None,
                    now: datetime) -> list[ImportedYear]:  # fmt: skip
    """Replaces the schedule of each year in the file by the file's rows, audited, in one transaction.

    Raises ScheduleInvalid (nothing is changed) when the file breaks a rule of `parse_schedule`. Importing the same
    file twice gives the same state.
    """
    years = parse_schedule(lines)
    result = []
    for year, days in sorted(years.items()):
        listed = list(days.values())
        session.execute(sa.delete(CalendarDay).where(CalendarDay.year == year))
        session.execute(sa.delete(CalendarDay).where(CalendarDay.day.in_([d.day for d in listed])))
        holidays = sum(not d.is_workday for d in listed)
        row = session.get(CalendarYear, year) or CalendarYear(year=year)
        row.source, row.holidays, row.workdays = source[:256], holidays, len(listed) - holidays
        row.imported_by, row.imported_at = actor, now
        session.add(row)
        session.flush()
        session.add_all(CalendarDay(day=d.day, year=year, is_workday=d.is_workday, name=d.name) for d in listed)
        session.add(AuditEntry(actor=actor, actor_id=actor_id, action="calendar_import", target=f"calendar:{year}",
                               reason=f"{source[:200]}: {holidays} holidays, {len(listed) - holidays} workdays",
                               at=now))  # fmt: skip
        result.append(ImportedYear(year, holidays, len(listed) - holidays))
    session.commit()
    return result


def estimated_years(session: Session, today: date, *, days: int = WARNING_WINDOW_DAYS) -> list[int]:
    """Years from today to today + `days` that no official source covers: their deadlines are estimates."""
    calendar = work_calendar(session)
    return [y for y in range(today.year, (today + timedelta(days=days)).year + 1) if calendar.is_estimated_year(y)]


def imported_years(session: Session) -> list[CalendarYear]:
    return list(session.scalars(sa.select(CalendarYear).order_by(CalendarYear.year.desc())))
