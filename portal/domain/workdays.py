"""Working-day calendar (工作日 incl. 调休) and deadline arithmetic (DOMAIN §15).

Sources, first match wins: admin overrides of single days; a year's official schedule entered by staff (the
国务院办公厅 notice, imported as a file or pasted); chinese_calendar (published notices up to its last year); an
estimate from `holidays` (lunar festivals, no 调休), marked `is_estimated`.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar
import holidays

from portal.domain.errors import DomainError, InvalidValue

# chinese_calendar's English holiday names → the names of the State Council notice.
_CC_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
_SATURDAY = 5
# No real calendar has a year without working days; an override table that does is a data error.
_MAX_CONSECUTIVE_DAYS_OFF = 366


@dataclass(frozen=True, slots=True)
class DayInfo:
    is_workday: bool
    is_estimated: bool  # True when no official notice is known for the year (DOMAIN §15)
    name: str | None  # holiday name, or "<holiday>调休上班" for a 调休 working day


@functools.cache
def _official_day(d: date) -> DayInfo | None:
    """From chinese_calendar (the published notices, 2004–its last year); None outside its years."""
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:  # the library raises this for years it has no notice for
        return None
    name_zh = _CC_NAMES_ZH.get(name, name) if name else None
    if is_holiday:
        return DayInfo(is_workday=False, is_estimated=False, name=name_zh)
    # A weekend day that is not a holiday is a 调休 working day; chinese_calendar names its festival.
    if d.weekday() >= _SATURDAY and name_zh:
        return DayInfo(is_workday=True, is_estimated=False, name=f"{name_zh}调休上班")
    return DayInfo(is_workday=True, is_estimated=False, name=None)


@functools.cache
def _estimated_year(year: int) -> tuple[Mapping[date, str], frozenset[date]]:
    # `holidays` computes the lunar festivals for any year but cannot know the next notice's 调休 days.
    calendar = holidays.China(years=year, language="zh_CN")
    return dict(calendar.items()), frozenset(getattr(calendar, "weekend_workdays", ()))


def _estimated_day(d: date) -> DayInfo:
    days_off, weekend_workdays = _estimated_year(d.year)
    if d in days_off:
        return DayInfo(is_workday=False, is_estimated=True, name=days_off[d])
    if d in weekend_workdays:
        return DayInfo(is_workday=True, is_estimated=True, name="调休上班")
    return DayInfo(is_workday=d.weekday() < _SATURDAY, is_estimated=True, name=None)


@dataclass(frozen=True, slots=True)
class ScheduledDay:
    day: date
    is_workday: bool  # False: 法定节假日 (holiday); True: 调休上班 (a weekend day worked)
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Schedule:
    """Official schedules entered by staff: the years they cover and their listed days. A day of a covered year
    that is not listed is an ordinary day (Monday-Friday work, weekend off); it is never an estimate."""

    years: frozenset[int] = frozenset()
    days: Mapping[date, ScheduledDay] = field(default_factory=dict)

    def day(self, d: date) -> DayInfo | None:
        listed = self.days.get(d)
        if listed is not None:
            return DayInfo(listed.is_workday, False, listed.name)
        if d.year in self.years:
            return DayInfo(d.weekday() < _SATURDAY, False, None)
        return None


def is_published_year(year: int) -> bool:
    """chinese_calendar carries the State Council notice of this year."""
    return _official_day(date(year, 1, 1)) is not None


class WorkCalendar:
    """Working days: admin overrides, then staff-entered schedules, then chinese_calendar, then an estimate."""

    def __init__(self, overrides: Mapping[date, bool] | None = None, schedule: Schedule | None = None) -> None:
        # Overrides let staff correct a single day; a schedule enters a whole year's notice in one step.
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._schedule = schedule or Schedule()

    def is_estimated_year(self, year: int) -> bool:
        """No official source is known for the year: its deadlines are estimates (staff are warned)."""
        return year not in self._schedule.years and not is_published_year(year)

    def day(self, d: date) -> DayInfo:
        """What kind of day `d` is, and whether that is only an estimate."""
        base = self._schedule.day(d) or _official_day(d) or _estimated_day(d)
        if d in self._overrides:
            is_workday = self._overrides[d]
            # An override is authoritative; the base name is kept only when it still describes the day.
            return DayInfo(is_workday, False, base.name if base.is_workday == is_workday else None)
        return base

    def is_workday(self, d: date) -> bool:
        return self.day(d).is_workday

    def add_workdays_estimated(self, start: date, n: int) -> tuple[date, bool]:
        """(the Nth working day after start, whether any day examined was estimated); n == 0 → start.

        "Within N WD of X" = the Nth working day after X, X itself not counted (DOMAIN §15).
        """
        if n < 0:
            raise InvalidValue("工作日数不能为负数", value=n)
        current, estimated, found, days_off = start, False, 0, 0
        while found < n:
            current += timedelta(days=1)
            info = self.day(current)
            estimated = estimated or info.is_estimated
            if info.is_workday:
                found, days_off = found + 1, 0
            else:
                days_off += 1
                if days_off > _MAX_CONSECUTIVE_DAYS_OFF:
                    raise DomainError("工作日历在一年以上的时间内没有工作日", start=start)
        return current, estimated

    def add_workdays(self, start: date, n: int) -> date:
        """The Nth working day after start (start not counted); n == 0 → start."""
        return self.add_workdays_estimated(start, n)[0]

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative, −(working days in (end, start]), when end < start."""
        if end < start:
            return -self.workdays_between(end, start)
        return sum(self.is_workday(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


# Schedule files: one row per listed day. "kind" is holiday (休) or workday (班, a 调休 working day on a weekend);
# the optional "year" column says which notice a row belongs to (a notice may list a day of the year before),
# otherwise the date's own year. An optional "name" column carries the festival (春节, 国庆节 …).
class ScheduleInvalid(InvalidValue):
    """A schedule file the rules refuse; `problem` (header, too_long, date, kind, year, outside_year, conflict,
    no_holiday) and `line` feed the translated message at the edge."""

    code = "schedule_invalid"

    def __init__(self, problem: str, line: int, **params: object) -> None:
        super().__init__(f"schedule: {problem} (line {line})", problem=problem, line=line, **params)
        self.problem, self.line = problem, line


_KINDS = {"holiday": False, "休": False, "workday": True, "班": True}
MAX_SCHEDULE_ROWS = 400
_YEAR_MARGIN = timedelta(days=7)  # a notice may reach a few days into the neighbouring year (元旦, 调休)


def parse_schedule(lines: Iterable[str]) -> dict[int, dict[date, ScheduledDay]]:
    """The listed days of each notice year, from CSV text with a header naming at least date and kind.

    Raises ScheduleInvalid (problem and line) for a missing header, an unknown kind, a bad date, a day listed twice
    with different kinds, a row outside its year (by more than a week) or a year that lists no holiday at all.
    """
    reader = csv.DictReader(line.lstrip("\ufeff") if i == 0 else line for i, line in enumerate(lines))
    columns = {(name or "").strip().lower() for name in reader.fieldnames or ()}
    if not {"date", "kind"} <= columns:
        raise ScheduleInvalid("header", 1)
    years: dict[int, dict[date, ScheduledDay]] = {}
    days: dict[date, ScheduledDay] = {}
    holidays_per_year: dict[int, int] = {}
    for row in reader:
        line = reader.line_num
        if line > MAX_SCHEDULE_ROWS + 1:
            raise ScheduleInvalid("too_long", line)
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not any(values.values()):
            continue
        try:
            day = date.fromisoformat(values.get("date", ""))
        except ValueError:
            raise ScheduleInvalid("date", line) from None
        kind = values.get("kind", "").lower()
        if kind not in _KINDS:
            raise ScheduleInvalid("kind", line)
        year_text = values.get("year", "")
        if year_text and not (year_text.isdigit() and len(year_text) == 4):
            raise ScheduleInvalid("year", line)
        year = int(year_text) if year_text else day.year
        if year < 1900 or not date(year, 1, 1) - _YEAR_MARGIN <= day <= date(year, 12, 31) + _YEAR_MARGIN:
            raise ScheduleInvalid("outside_year", line)
        entry = ScheduledDay(day, _KINDS[kind], values.get("name") or None)
        if day in days and (days[day].is_workday != entry.is_workday or day not in years.get(year, {})):
            raise ScheduleInvalid("conflict", line)
        days[day] = entry
        years.setdefault(year, {})[day] = entry
        holidays_per_year[year] = holidays_per_year.get(year, 0) + (not entry.is_workday)
    empty = sorted(y for y in years if not holidays_per_year.get(y))
    if not years or empty:
        raise ScheduleInvalid("no_holiday", 0, years=empty)
    return years
