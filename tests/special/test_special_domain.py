"""Rules of the special credit report (DOMAIN §22): areas by department, the period, the status of a record."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain.special import (
    Area,
    PeriodError,
    SpecialStatus,
    StatusInput,
    area_of,
    areas_key,
    check_period,
    earliest_start,
    guess_area,
    special_status,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("株洲市市场监督管理局", Area.MARKET),
        ("国家税务总局株洲市税务局", Area.TAX),
        ("株洲市生态环境局", Area.ENVIRONMENT),
        ("株洲市住房和城乡建设局", Area.HOUSING),
        ("株洲市城市管理和综合执法局", Area.URBAN),
        ("株洲市应急管理局", Area.EMERGENCY),
        ("某某委员会", Area.OTHER),
        ("", Area.OTHER),
    ],
)
def test_a_department_is_placed_by_its_name(name: str, area: Area) -> None:
    assert guess_area(name) is area


def test_an_admins_choice_wins_over_the_name() -> None:
    assert area_of("11430200006123458Y", "株洲市市场监督管理局", {"11430200006123458Y": Area.TAX}) is Area.TAX
    assert area_of("other", "株洲市市场监督管理局", {"11430200006123458Y": Area.TAX}) is Area.MARKET


def test_the_period_reaches_five_years_back_and_not_into_the_future() -> None:
    assert earliest_start(TODAY) == date(2021, 11, 23)
    check_period(date(2021, 11, 23), TODAY, TODAY)
    with pytest.raises(PeriodError) as early:
        check_period(date(2021, 11, 22), TODAY, TODAY)
    assert early.value.params["reason"] == "too_early"
    with pytest.raises(PeriodError) as future:
        check_period(TODAY, date(2026, 11, 24), TODAY)
    assert future.value.params["reason"] == "future"
    with pytest.raises(PeriodError) as order:
        check_period(date(2026, 1, 2), date(2026, 1, 1), TODAY)
    assert order.value.params["reason"] == "order"


def test_the_area_set_is_canonical() -> None:
    assert areas_key([Area.TAX, Area.MARKET, Area.TAX]) == "market,tax"


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (StatusInput("published", date(2027, 3, 10)), SpecialStatus.PUBLICISED),
        (StatusInput("under_objection", date(2027, 3, 10)), SpecialStatus.PUBLICISED),
        (StatusInput("published", date(2026, 11, 23)), SpecialStatus.PUBLICISED),  # the last public day
        (StatusInput("published", date(2026, 11, 22)), SpecialStatus.EXPIRED),
        (StatusInput("repaired", date(2027, 3, 10), date(2026, 5, 1)), SpecialStatus.REPAIRED),
        (StatusInput("published", None, date(2026, 11, 23)), SpecialStatus.REPAIRED),  # removed from a list today
        (StatusInput("published", None, date(2026, 11, 24)), SpecialStatus.PUBLICISED),  # removal tomorrow
        (StatusInput("not_public", date(2026, 7, 2)), SpecialStatus.NOT_PUBLICISED),  # 轻微
        (StatusInput("withdrawn", date(2027, 3, 10)), None),
    ],
)
def test_the_status_of_a_record_in_the_report(record: StatusInput, expected: SpecialStatus | None) -> None:
    assert special_status(record, TODAY) is expected
