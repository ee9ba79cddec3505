"""Working-day calendar (工作日 incl. 调休) and deadline arithmetic with admin overrides (DOMAIN §15)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
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


class WorkCalendar:
    """Working days: admin overrides, then the official calendar, then an estimate (DOMAIN §15)."""

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        # Overrides let staff enter a new notice before the library knows it, or correct it.
        self._overrides: dict[date, bool] = dict(overrides or {})

    def day(self, d: date) -> DayInfo:
        """What kind of day `d` is, and whether that is only an estimate."""
        base = _official_day(d) or _estimated_day(d)
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
