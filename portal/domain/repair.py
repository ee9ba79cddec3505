"""Whether a public record may be repaired (信用修复) today: one rule for the repair form, the enterprise dashboard
and the chat (DOMAIN §5.3, §9). Plain values in, an Eligibility with a stable reason code out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus, Severity, repair_possible_from

# Record kinds the rule knows (the values of the record references "penalty:12", "list:3").
PENALTY = "penalty"
LIST_ENTRY = "list"
# 严重失信 and 重点关注 entries are dishonesty information; the red list is not (nothing to repair).
REPAIRABLE_LISTS = frozenset({ListCategory.BLACKLIST, ListCategory.WATCHLIST})


class Reason(StrEnum):
    """Stable codes, translated at the edge (submissions/labels.py, the chat)."""

    ELIGIBLE = "eligible"
    TOO_EARLY = "too_early"
    NOT_REPAIRABLE = "not_repairable"
    UNDER_OBJECTION = "under_objection"


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether a repair may be applied for today; `possible_from` is the first day for penalties."""

    eligible: bool
    possible_from: date | None
    reason: Reason


def eligibility(
    kind: str,
    status: RecordStatus | str,
    today: date,
    *,
    decided_on: date | None = None,
    severity: Severity | str | None = None,
    category: ListCategory | str | None = None,
) -> Eligibility:
    """DOMAIN §9: published 一般/严重 penalties from the day after D + the minimum period, and 严重失信/重点关注 list
    entries (by the rules of their list, decided by the 发起单位). Permits, red-list entries and 轻微 penalties
    cannot be repaired; nor can any record while an objection to it is being handled (DOMAIN §7).
    """
    if RecordStatus(status) is RecordStatus.UNDER_OBJECTION:
        return Eligibility(False, None, Reason.UNDER_OBJECTION)
    if kind == PENALTY and severity is not None and decided_on is not None:
        start = repair_possible_from(decided_on, Severity(severity))
        if start is None:
            return Eligibility(False, None, Reason.NOT_REPAIRABLE)
        if today >= start:
            return Eligibility(True, start, Reason.ELIGIBLE)
        return Eligibility(False, start, Reason.TOO_EARLY)
    if kind == LIST_ENTRY and category is not None and ListCategory(category) in REPAIRABLE_LISTS:
        return Eligibility(True, None, Reason.ELIGIBLE)
    return Eligibility(False, None, Reason.NOT_REPAIRABLE)
