"""约谈 rules (DOMAIN §12, §21): dates, texts and the correction state that flags overdue corrections."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain import interviews
from portal.domain.interviews import CorrectionState, InterviewError

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("corrected", "today", "state"),
    [
        (None, date(2026, 12, 31), CorrectionState.PENDING),
        (None, date(2027, 1, 1), CorrectionState.OVERDUE),
        (date(2026, 12, 31), date(2027, 2, 1), CorrectionState.CORRECTED),
        (date(2027, 1, 1), date(2027, 2, 1), CorrectionState.CORRECTED_LATE),
    ],
)
def test_correction_state(corrected: date | None, today: date, state: CorrectionState) -> None:
    assert interviews.correction_state(date(2026, 12, 31), corrected, today) is state


@pytest.mark.parametrize(
    ("held", "due", "reason"),
    [
        (date(2026, 11, 24), date(2026, 12, 31), "held_in_future"),
        (date(1999, 12, 31), date(2000, 1, 31), "held_too_old"),
        (date(2026, 11, 20), date(2026, 11, 20), "due_before_held"),
        (date(2026, 11, 20), date(2026, 11, 19), "due_before_held"),
        (date(2026, 11, 20), date(2028, 11, 22), "due_too_far"),
    ],
)
def test_bad_dates_are_refused(held: date, due: date, reason: str) -> None:
    with pytest.raises(InterviewError) as caught:
        interviews.check_dates(held, due, TODAY)
    assert caught.value.params["reason"] == reason


def test_an_interview_held_today_with_a_deadline_next_month_is_fine() -> None:
    interviews.check_dates(TODAY, date(2026, 12, 23), TODAY)


@pytest.mark.parametrize(("text", "reason"), [(" ", "reason_required"), ("x" * 2001, "reason_invalid"),
                                              ("a\x1bb", "reason_invalid")])  # fmt: skip
def test_texts_are_checked(text: str, reason: str) -> None:
    with pytest.raises(InterviewError) as caught:
        interviews.check_text(text, "reason")
    assert caught.value.params["reason"] == reason


@pytest.mark.parametrize("day", [date(2026, 11, 19), date(2026, 11, 24)])
def test_a_correction_lies_between_the_interview_and_today(day: date) -> None:
    with pytest.raises(InterviewError):
        interviews.check_corrected_on(date(2026, 11, 20), day, TODAY)
