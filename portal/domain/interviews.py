"""约谈 (DOMAIN §12 事后, §21): "谁认定、谁约谈" — kinds, the checks of a record, and the state of its correction.

An interview joins the subject's credit record for staff, department users and the subject's own account, never the
public. No Flask, no SQLAlchemy.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from portal.domain.errors import DomainError
from portal.domain.text import has_control_chars

MAX_TEXT = 2000
MAX_SUBJECT_NAME = 256
EARLIEST_YEAR = 2000  # before the social credit system: a typing error
MAX_CORRECTION_DAYS = 366 * 2  # a correction deadline further out than two years is a typing error


class InterviewKind(StrEnum):
    PROMPT = "prompt"  # 提示约谈
    WARNING = "warning"  # 警示约谈: when correction after a 提示约谈 was inadequate (§12)


class CorrectionState(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"  # flagged: the deadline passed and no correction is recorded
    CORRECTED = "corrected"
    CORRECTED_LATE = "corrected_late"


class InterviewError(DomainError):
    """`reason` names the translated message at the edge."""

    code = "invalid_interview"


def correction_state(due_on: date, corrected_on: date | None, today: date) -> CorrectionState:
    if corrected_on is None:
        return CorrectionState.OVERDUE if today > due_on else CorrectionState.PENDING
    return CorrectionState.CORRECTED_LATE if corrected_on > due_on else CorrectionState.CORRECTED


def check_text(value: str, reason: str) -> str:
    """Stripped text of at most MAX_TEXT characters, no control characters; raises InterviewError(reason)."""
    value = value.strip()
    if not value:
        raise InterviewError("必填", reason=f"{reason}_required")
    if len(value) > MAX_TEXT or has_control_chars(value):
        raise InterviewError("过长或含有控制字符", reason=f"{reason}_invalid")
    return value


def check_dates(held_on: date, due_on: date, today: date) -> None:
    """An interview is recorded after it took place; the correction deadline follows it, within two years."""
    if held_on.year < EARLIEST_YEAR:
        raise InterviewError("约谈日期过早", reason="held_too_old")
    if held_on > today:
        raise InterviewError("约谈日期不能晚于今天", reason="held_in_future")
    if due_on <= held_on:
        raise InterviewError("整改期限须晚于约谈日期", reason="due_before_held")
    if (due_on - held_on).days > MAX_CORRECTION_DAYS:
        raise InterviewError("整改期限过长", reason="due_too_far")


def check_corrected_on(held_on: date, corrected_on: date, today: date) -> None:
    if corrected_on > today or corrected_on < held_on:
        raise InterviewError("整改完成日期无效", reason="corrected_on")
