"""The one repair-eligibility rule (portal.domain.repair) used by the repair form, the dashboard and the chat."""

from datetime import date, timedelta

import pytest

from portal.domain.repair import Eligibility, Reason, eligibility

DAY = timedelta(days=1)
DECIDED = date(2026, 3, 10)
# DOMAIN §5.3: repair takes effect from the day after D + 3 months (一般) or D + 1 year (严重).
GENERAL_FROM = date(2026, 6, 11)
SERIOUS_FROM = date(2027, 3, 11)


@pytest.mark.parametrize(
    ("severity", "today", "expected"),
    [
        ("general", GENERAL_FROM - DAY, Eligibility(False, GENERAL_FROM, Reason.TOO_EARLY)),
        ("general", GENERAL_FROM, Eligibility(True, GENERAL_FROM, Reason.ELIGIBLE)),
        ("general", GENERAL_FROM + DAY, Eligibility(True, GENERAL_FROM, Reason.ELIGIBLE)),
        ("serious", SERIOUS_FROM - DAY, Eligibility(False, SERIOUS_FROM, Reason.TOO_EARLY)),
        ("serious", SERIOUS_FROM, Eligibility(True, SERIOUS_FROM, Reason.ELIGIBLE)),
        ("minor", DECIDED + 400 * DAY, Eligibility(False, None, Reason.NOT_REPAIRABLE)),
    ],
)
def test_a_penalty_is_repairable_from_the_day_after_its_minimum_period(severity, today, expected):
    assert eligibility("penalty", "published", today, decided_on=DECIDED, severity=severity) == expected


@pytest.mark.parametrize(
    ("kind", "category", "severity"),
    [
        ("penalty", None, "general"),
        ("penalty", None, "serious"),
        ("list", "blacklist", None),
        ("list", "watchlist", None),
    ],
)
def test_nothing_is_repairable_while_an_objection_is_handled(kind, category, severity):
    found = eligibility(kind, "under_objection", date(2030, 1, 1), decided_on=DECIDED, severity=severity,
                        category=category)  # fmt: skip
    assert found == Eligibility(False, None, Reason.UNDER_OBJECTION)


@pytest.mark.parametrize(("category", "eligible"), [("blacklist", True), ("watchlist", True), ("redlist", False)])
def test_dishonesty_lists_are_repairable_and_the_red_list_is_not(category, eligible):
    found = eligibility("list", "published", DECIDED, decided_on=DECIDED, category=category)
    assert found.eligible is eligible
    assert found.reason is (Reason.ELIGIBLE if eligible else Reason.NOT_REPAIRABLE)


def test_a_permit_is_not_dishonesty_information():
    found = eligibility("permit", "published", date(2030, 1, 1), decided_on=DECIDED)
    assert found == Eligibility(False, None, Reason.NOT_REPAIRABLE)


def test_reason_codes_are_the_strings_the_pages_translate():
    assert [r.value for r in Reason] == ["eligible", "too_early", "not_repairable", "under_objection"]
