"""Admin overrides of the working-day calendar take effect through the service."""

from __future__ import annotations

from datetime import date

from portal.extensions import db
from portal.work_calendar import set_override, work_calendar


def test_an_override_turns_an_estimated_holiday_into_a_working_day(app) -> None:  # type: ignore[no-untyped-def]
    new_year_2027 = date(2027, 1, 1)  # a Friday, a holiday by the estimated fallback calendar
    assert work_calendar(db.session).day(new_year_2027).is_workday is False
    set_override(db.session, new_year_2027, True, "test")
    day = work_calendar(db.session).day(new_year_2027)
    assert day.is_workday is True
    assert day.is_estimated is False


def test_deadlines_skip_the_national_day_holiday(app) -> None:  # type: ignore[no-untyped-def]
    calendar = work_calendar(db.session)
    # Fri 2026-09-25 (中秋) is off; 10-01..10-07 off; Sat 10-10 is a 调休 working day.
    assert calendar.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)
