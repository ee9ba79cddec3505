"""DOMAIN §19 / data-standard §11 and §14 publicity of ratings and inspections: the day before, of and after each
end; a newer rating of the same scheme supersedes the older one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.domain.kinds import SubjectKind
from portal.domain.publicity import RecordStatus, is_public
from portal.domain.publicity_more import organisations_only_hold
from portal.domain.publicity_rated import (
    RatedPublicity,
    inspection_window,
    rating_default_until,
    rating_hold,
    rating_window,
    superseded_on,
)

DAY = timedelta(days=1)


def _public_days(window: tuple[date, date | None], day: date) -> tuple[bool, bool, bool]:
    start, until = window
    return tuple(is_public(RecordStatus.PUBLISHED, start, until, d) for d in (day - DAY, day, day + DAY))  # type: ignore[return-value]


@pytest.mark.parametrize("scheme", ["纳税信用", "环保信用", "公共信用综合评价", "其他行业信用评价"])
def test_a_rating_without_an_end_is_public_for_one_year_less_a_day(scheme: str) -> None:
    window = rating_window(scheme, date(2026, 4, 15), None)
    assert window == (date(2026, 4, 15), date(2027, 4, 14))
    assert _public_days(window, date(2026, 4, 15)) == (False, True, True)
    assert _public_days(window, date(2027, 4, 14)) == (True, True, False)


def test_a_rating_of_the_29th_of_february_ends_on_the_27th() -> None:
    assert rating_default_until("纳税信用", date(2024, 2, 29)) == date(2025, 2, 27)


def test_a_customs_rating_is_valid_until_changed() -> None:
    window = rating_window("海关信用", date(2025, 9, 10), None)
    assert window == (date(2025, 9, 10), None)
    assert _public_days(window, date(2099, 12, 31)) == (True, True, True)


def test_a_given_end_wins_over_the_default() -> None:
    window = rating_window("纳税信用", date(2026, 4, 15), date(2026, 12, 31))
    assert _public_days(window, date(2026, 12, 31)) == (True, True, False)


def test_a_newer_rating_ends_the_older_the_day_before_its_own_date() -> None:
    dates = [date(2025, 4, 15), date(2026, 4, 20), date(2024, 4, 1)]
    assert superseded_on(date(2024, 4, 1), dates) == date(2025, 4, 15)  # the next one, not the newest
    assert superseded_on(date(2025, 4, 15), dates) == date(2026, 4, 20)
    assert superseded_on(date(2026, 4, 20), dates) is None
    window = rating_window("纳税信用", date(2025, 4, 15), None, date(2026, 4, 20))
    assert window == (date(2025, 4, 15), date(2026, 4, 14))  # the earlier default end stays
    window = rating_window("纳税信用", date(2025, 4, 15), None, date(2026, 1, 10))
    assert _public_days(window, date(2026, 1, 9)) == (True, True, False)
    customs = rating_window("海关信用", date(2025, 9, 10), None, date(2026, 10, 1))
    assert _public_days(customs, date(2026, 9, 30)) == (True, True, False)


def test_a_rating_of_the_same_day_supersedes_nothing() -> None:
    assert superseded_on(date(2026, 4, 15), [date(2026, 4, 15), date(2026, 4, 15)]) is None


def test_only_socially_public_ratings_are_public() -> None:
    assert rating_hold("社会公开") is None
    assert rating_hold("政务共享") == "政务共享"


def test_an_inspection_is_public_for_one_year_from_its_date() -> None:
    window = inspection_window(date(2026, 5, 12))
    assert window == (date(2026, 5, 12), date(2027, 5, 12))
    assert _public_days(window, date(2026, 5, 12)) == (False, True, True)
    assert _public_days(window, date(2027, 5, 12)) == (True, True, False)
    assert inspection_window(date(2024, 2, 29))[1] == date(2025, 2, 28)


def test_inspections_of_natural_persons_are_government_only() -> None:
    assert organisations_only_hold(SubjectKind.NATURAL_PERSON) == "政务共享"
    assert organisations_only_hold(SubjectKind.INDIVIDUAL_BUSINESS) is None


def test_the_periods_are_settings() -> None:
    periods = RatedPublicity(rating_default=24, inspection=6, open_ended_schemes=frozenset())
    assert rating_window("海关信用", date(2026, 1, 1), None, periods=periods)[1] == date(2027, 12, 31)
    assert inspection_window(date(2026, 1, 31), periods) == (date(2026, 1, 31), date(2026, 7, 31))
