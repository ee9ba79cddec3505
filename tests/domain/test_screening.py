"""重点监管对象筛查 rules (DOMAIN §21): what a watched subject is screened against, new hits, feedback state, codes."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain import screening
from portal.domain.screening import Candidate, FeedbackState, HitSource, ScreeningRules, WatchError

DAY = date(2026, 11, 23)
VALID = "91430200MA4L0A1B7K"


def entry(**kw: object) -> Candidate:
    values = {"source": HitSource.BLACKLIST, "record_id": 1, "subject_id": 7, "status": "published",
              "starts_on": date(2026, 1, 1)}  # fmt: skip
    return Candidate(**{**values, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (entry(), True),
        (entry(status="not_public"), True),  # internal work: a record held back from the public still counts
        (entry(status="under_objection"), True),
        (entry(status="withdrawn"), False),
        (entry(status="repaired"), False),
        (entry(starts_on=date(2026, 11, 24)), False),  # listed tomorrow
        (entry(ends_on=DAY), False),  # removed today
        (entry(ends_on=date(2026, 11, 24)), True),  # removed tomorrow
        (entry(valid_until=DAY), True),  # valid through today
        (entry(valid_until=date(2026, 11, 22)), False),
        (entry(source=HitSource.WATCHLIST), True),
        (entry(source=HitSource.PENALTY, starts_on=date(2023, 11, 24)), True),  # inside three years
        (entry(source=HitSource.PENALTY, starts_on=date(2023, 11, 23)), False),  # exactly three years ago
        (entry(source=HitSource.COERCION, starts_on=date(2026, 1, 5)), True),  # not lifted
        (entry(source=HitSource.COERCION, starts_on=date(2026, 1, 5), ends_on=date(2026, 6, 1)), True),
        (entry(source=HitSource.COERCION, starts_on=date(2025, 1, 5), ends_on=date(2025, 5, 1)), False),
        (entry(source=HitSource.COERCION, starts_on=date(2023, 11, 23)), False),  # never beyond three years
    ],
)
def test_a_record_counts_for_screening_only_while_in_force(candidate: Candidate, expected: bool) -> None:
    assert screening.in_force(candidate, DAY) is expected


def test_the_penalty_window_is_a_setting() -> None:
    old = entry(source=HitSource.PENALTY, starts_on=date(2021, 1, 1))
    assert not screening.in_force(old, DAY)
    assert screening.in_force(old, DAY, ScreeningRules(penalty_years=6))


def test_new_hits_skip_reported_records_and_repeat_none() -> None:
    a = entry(record_id=1)
    b = entry(record_id=2, source=HitSource.WATCHLIST)
    penalty = entry(record_id=1, source=HitSource.PENALTY)  # same id, another table: another record
    found = screening.new_hits([a, b, a, penalty], {("list", 2)}, DAY)
    assert [(c.source, c.record_id) for c in found] == [(HitSource.BLACKLIST, 1), (HitSource.PENALTY, 1)]


def test_a_list_entry_that_changes_category_is_not_reported_again() -> None:
    assert screening.new_hits([entry(source=HitSource.WATCHLIST)], {("list", 1)}, DAY) == []


@pytest.mark.parametrize(
    ("answered", "today", "state"),
    [
        (None, date(2026, 12, 7), FeedbackState.OPEN),  # the due day itself
        (None, date(2026, 12, 8), FeedbackState.OVERDUE),
        (date(2026, 12, 7), date(2027, 1, 1), FeedbackState.DONE),
        (date(2026, 12, 8), date(2027, 1, 1), FeedbackState.LATE),
    ],
)
def test_feedback_state(answered: date | None, today: date, state: FeedbackState) -> None:
    assert screening.feedback_state(date(2026, 12, 7), answered, today) is state


def test_years_before_handles_29_february() -> None:
    assert screening.years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)


def test_parse_codes_reports_malformed_duplicate_and_check_warnings() -> None:
    tokens = screening.split_text(
        f"统一社会信用代码\n{VALID}\n９１４３０２００ＭＡ４Ｌ０Ａ１Ｂ７Ｋ\n"
        "91430200MA4L0A1B7A, 91430200MA4L0A1BIK\n<script>\n"
    )
    parsed = screening.parse_codes(tokens)
    assert parsed.codes == [VALID, "91430200MA4L0A1B7A"]  # full width normalised; a wrong check char is kept
    assert parsed.duplicates == [(3, VALID)]
    assert parsed.check_warnings == [(4, "91430200MA4L0A1B7A")]
    assert parsed.invalid == [(4, "91430200MA4L0A1BIK"), (5, "<script>")]


def test_a_header_line_is_skipped_only_on_the_first_line() -> None:
    assert screening.split_text("USCC\nname") == [(2, "name")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "feedback_required"), ("  ", "feedback_required"), ("x" * 2001, "feedback_too_long"),
     ("a\x00b", "control")],  # fmt: skip
)
def test_feedback_text_is_checked(text: str, reason: str) -> None:
    with pytest.raises(WatchError) as caught:
        screening.check_feedback(text)
    assert caught.value.params["reason"] == reason


@pytest.mark.parametrize(("name", "reason"), [("", "name_required"), ("x" * 101, "name"), ("a\x07", "name")])
def test_list_names_are_checked(name: str, reason: str) -> None:
    with pytest.raises(WatchError) as caught:
        screening.check_list_name(name)
    assert caught.value.params["reason"] == reason
