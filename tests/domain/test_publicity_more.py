"""DOMAIN §19 publicity windows of the further kinds: the day before, of and after each end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.domain.kinds import SubjectKind
from portal.domain.publicity import RecordStatus, is_public
from portal.domain.publicity_more import (
    GOVERNMENT_ONLY,
    MorePublicity,
    coercion_window,
    commitment_hold,
    commitment_window,
    honour_window,
    organisations_only_hold,
)

DAY = timedelta(days=1)


def _public_days(window: tuple[date, date], end: date) -> tuple[bool, bool, bool]:
    start, until = window
    return tuple(is_public(RecordStatus.PUBLISHED, start, until, d) for d in (end - DAY, end, end + DAY))  # type: ignore[return-value]


def test_a_coercion_not_lifted_is_public_from_its_decision_for_one_year() -> None:
    window = coercion_window(date(2026, 1, 31), None)
    assert window == (date(2026, 1, 31), date(2027, 1, 31))
    assert _public_days(window, date(2026, 1, 31)) == (False, True, True)
    assert _public_days(window, date(2027, 1, 31)) == (True, True, False)


def test_a_lifted_coercion_stays_public_six_months_after_lifting() -> None:
    window = coercion_window(date(2026, 3, 1), date(2026, 8, 31))
    assert window == (date(2026, 3, 1), date(2027, 2, 28))  # 08-31 + 6 m: the last day of February
    assert _public_days(window, date(2027, 2, 28)) == (True, True, False)


def test_a_coercion_lifted_late_ends_three_years_after_its_decision() -> None:
    window = coercion_window(date(2024, 2, 29), date(2026, 12, 1))
    assert window == (date(2024, 2, 29), date(2027, 2, 28))  # cap D + 3 y, not lifting + 6 m (2027-06-01)
    assert _public_days(window, date(2027, 2, 28)) == (True, True, False)
    assert coercion_window(date(2024, 3, 1), date(2026, 8, 31))[1] == date(2027, 2, 28)  # lifting + 6 m < cap


def test_the_periods_are_settings() -> None:
    periods = MorePublicity(coercion_after_lifting=3, coercion_not_lifted=6, coercion_cap=12)
    assert coercion_window(date(2026, 1, 15), None, periods)[1] == date(2026, 7, 15)
    assert coercion_window(date(2026, 1, 15), date(2026, 2, 1), periods)[1] == date(2026, 5, 1)
    assert coercion_window(date(2026, 1, 15), date(2026, 12, 1), periods)[1] == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("kind", "hold"),
    [(SubjectKind.LEGAL, None), (SubjectKind.INDIVIDUAL_BUSINESS, None), (SubjectKind.NATURAL_PERSON, GOVERNMENT_ONLY)],
)
def test_only_organisations_and_businesses_are_public(kind: SubjectKind, hold: str | None) -> None:
    assert organisations_only_hold(kind) == hold


def test_an_honour_is_public_until_its_validity_or_three_years() -> None:
    given = honour_window(date(2026, 5, 20), date(2028, 5, 19), None)
    assert given == (date(2026, 5, 20), date(2028, 5, 19))
    assert _public_days(given, date(2026, 5, 20)) == (False, True, True)
    assert _public_days(given, date(2028, 5, 19)) == (True, True, False)
    blank = honour_window(date(2024, 2, 29), None, None)
    assert blank == (date(2024, 2, 29), date(2027, 2, 28))
    assert _public_days(blank, date(2027, 2, 28)) == (True, True, False)


def test_a_revocation_ends_an_honour_at_once() -> None:
    window = honour_window(date(2026, 5, 20), None, date(2026, 9, 1))
    assert window == (date(2026, 5, 20), date(2026, 8, 31))
    start, until = window
    assert [is_public(RecordStatus.PUBLISHED, start, until, d) for d in (date(2026, 8, 31), date(2026, 9, 1))] == [
        True, False]  # fmt: skip
    same_day = honour_window(date(2026, 5, 20), date(2099, 12, 31), date(2026, 5, 20))
    assert not is_public(RecordStatus.PUBLISHED, *same_day, date(2026, 5, 20))


def test_a_commitment_is_public_until_its_validity_or_three_years() -> None:
    given = commitment_window(date(2026, 3, 10), date(2027, 3, 9), None)
    assert _public_days(given, date(2027, 3, 9)) == (True, True, False)
    assert _public_days(given, date(2026, 3, 10)) == (False, True, True)
    assert commitment_window(date(2026, 3, 10), None, None)[1] == date(2029, 3, 10)


def test_a_broken_commitment_is_public_for_a_year_from_its_finding() -> None:
    window = commitment_window(date(2026, 3, 10), date(2099, 12, 31), date(2026, 4, 20))
    assert window == (date(2026, 3, 10), date(2027, 4, 20))
    assert _public_days(window, date(2027, 4, 20)) == (True, True, False)


@pytest.mark.parametrize(
    ("openness", "kind", "hold"),
    [
        ("社会公开", SubjectKind.LEGAL, None),
        ("社会公开", SubjectKind.INDIVIDUAL_BUSINESS, None),
        ("社会公开", SubjectKind.NATURAL_PERSON, GOVERNMENT_ONLY),
        ("政务共享", SubjectKind.LEGAL, "政务共享"),
        ("不公开", SubjectKind.LEGAL, "不公开"),
    ],
)
def test_only_socially_public_commitments_of_organisations_are_public(
    openness: str, kind: SubjectKind, hold: str | None
) -> None:
    assert commitment_hold(openness, kind) == hold
