"""Publicity windows of list entries: the earlier of validity and removal, boundary days (DOMAIN §5)."""

from datetime import date

import pytest

from portal.domain import publicity as p
from portal.domain.errors import InvalidValue
from portal.domain.publicity import PublicState, RecordStatus


@pytest.mark.parametrize(
    ("listed_on", "valid_until", "removed_on", "expected_until"),
    [
        (date(2026, 2, 20), date(2029, 2, 19), None, date(2029, 2, 19)),  # §9 list row 1
        (date(2026, 7, 15), date(2029, 7, 14), date(2026, 9, 1), date(2026, 8, 31)),  # §9 list row 3
        (date(2026, 7, 15), None, date(2026, 9, 1), date(2026, 8, 31)),
        (date(2026, 7, 15), date(2026, 8, 15), date(2026, 9, 1), date(2026, 8, 15)),
        (date(2026, 7, 15), date(2026, 9, 1), date(2026, 9, 1), date(2026, 8, 31)),
        (date(2026, 7, 15), None, None, None),
        (date(2026, 7, 15), date(2026, 7, 15), None, date(2026, 7, 15)),
    ],
)
def test_list_entry_window_ends_at_the_earlier_of_validity_and_removal(
    listed_on, valid_until, removed_on, expected_until
):
    assert p.list_entry_window(listed_on, valid_until, removed_on) == (listed_on, expected_until)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 7, 14), PublicState.NOT_YET),
        (date(2026, 7, 15), PublicState.PUBLIC),
        (date(2026, 8, 31), PublicState.PUBLIC),  # the day before 移出日期
        (date(2026, 9, 1), PublicState.EXPIRED),  # 移出日期: not public from this day
        (date(2026, 9, 2), PublicState.EXPIRED),
    ],
)
def test_a_removed_list_entry_leaves_public_view_on_its_removal_date(today, expected):
    window = p.list_entry_window(date(2026, 7, 15), date(2029, 7, 14), date(2026, 9, 1))
    assert p.public_state(RecordStatus.PUBLISHED, *window, today) is expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2029, 2, 18), PublicState.PUBLIC),
        (date(2029, 2, 19), PublicState.PUBLIC),  # 有效期至 is inclusive
        (date(2029, 2, 20), PublicState.EXPIRED),
    ],
)
def test_a_list_entry_is_public_through_its_valid_until_date(today, expected):
    window = p.list_entry_window(date(2026, 2, 20), date(2029, 2, 19), None)
    assert p.public_state(RecordStatus.PUBLISHED, *window, today) is expected


def test_a_list_entry_removed_on_its_listing_day_is_never_public():
    window = p.list_entry_window(date(2026, 7, 15), None, date(2026, 7, 15))
    for today in (date(2026, 7, 14), date(2026, 7, 15), date(2026, 7, 16)):
        assert not p.is_public(RecordStatus.PUBLISHED, *window, today)


@pytest.mark.parametrize(
    ("valid_until", "removed_on"), [(date(2026, 7, 14), None), (None, date(2026, 7, 14))]
)
def test_list_entry_dates_before_the_listing_are_rejected(valid_until, removed_on):
    with pytest.raises(InvalidValue):
        p.list_entry_window(date(2026, 7, 15), valid_until, removed_on)
