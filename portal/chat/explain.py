"""What the chat says about one public record: the sentence describing it, and its repair answer."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from portal.chat import kind_words, lookups
from portal.domain import repair
from portal.public.presenters import PublicRecord
from portal.submissions.labels import ELIGIBILITY_TEXT


def describe(doc_no: str, detail: lookups.Detail | PublicRecord, until: str) -> tuple[str, dict[str, Any]]:
    """What the record is (one sentence) and the facts its card carries, in its kind's words (kind_words.py)."""
    return kind_words.describe(doc_no, detail, until)


def repair_text(kind: str, verdict: repair.Eligibility) -> str:
    """The repair answer for one verdict of portal.domain.repair (the rule the repair form applies)."""
    return _verdict_word(verdict) + _repair_reason(kind, verdict)


def _verdict_word(verdict: repair.Eligibility) -> str:
    """The answer to "can it be repaired?" first, then the reason."""
    if verdict.eligible:
        return _("Yes. ")
    if verdict.reason is repair.Reason.NOT_REPAIRABLE:
        return _("No need. ")
    return _("Not now. ")


def _repair_reason(kind: str, verdict: repair.Eligibility) -> str:
    day = verdict.possible_from.isoformat() if verdict.possible_from else ""
    if verdict.reason is repair.Reason.UNDER_OBJECTION:
        return str(ELIGIBILITY_TEXT[verdict.reason])  # word for word what the repair form says
    if verdict.reason is repair.Reason.TOO_EARLY:
        return _(
            "The minimum publicity period has not passed yet: repair can be applied for from %(date)s at the "
            "earliest, once the penalty has been fulfilled and a public credit commitment made.",
            date=day,
        )
    words = kind_words.words(kind)  # only kinds the repair rule allows are ever eligible (penalties, list entries)
    if verdict.reason is repair.Reason.ELIGIBLE:
        return words.repairable(day) if words.repairable else ""
    return words.nothing_to_repair()
