"""What the chat says about one public record: the sentence describing it, and its repair answer."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from markupsafe import escape

from portal import kinds
from portal.chat import cards, kind_words, lookups
from portal.chat.kind_words import join
from portal.domain import repair
from portal.i18n import PERMIT_STATE_LABELS, PUNISHMENT_TYPE_LABELS
from portal.public.presenters import PublicRecord
from portal.submissions.labels import ELIGIBILITY_TEXT


def describe(doc_no: str, detail: lookups.Detail | PublicRecord, until: str) -> tuple[str, dict[str, Any]]:
    """What the record is (one sentence) and the facts its card carries."""
    name = escape(detail.subject.name)
    if isinstance(detail, PublicRecord):  # the other kinds, worded as in a subject's answer (kind_words.py)
        text = _("%(kind)s of %(name)s: %(item)s.", kind=kinds.spec(detail.kind).label_one, name=name,
                 item=kind_words.words(detail.kind).item(detail))  # fmt: skip
        return text, {"decided_on": detail.decided_on.isoformat(), "public_until": until}
    if detail.kind == "penalty":
        types = join(str(cards.label(PUNISHMENT_TYPE_LABELS, t)) for t in detail.punishment_types)
        text = _(
            "%(doc_no)s is an administrative penalty (%(types)s) imposed by %(authority)s on %(name)s on %(date)s. "
            "Dishonesty severity: %(severity)s. Published until: %(until)s.",
            doc_no=escape(doc_no), types=escape(types), authority=escape(detail.authority_name), name=name,
            date=detail.decided_on.isoformat(), severity=cards.severity_label(detail.severity), until=until,
        )  # fmt: skip
        return text, {"severity": detail.severity, "decided_on": detail.decided_on.isoformat(), "public_until": until}
    if detail.kind == "permit":
        valid = str(PERMIT_STATE_LABELS["1" if detail.state == "1" else "2"])  # 1 = 有效, anything else = 无效
        until_valid = detail.valid_until.isoformat() if detail.valid_until else _("long-term")
        text = _(
            "%(doc_no)s is an administrative permit (%(title)s) granted by %(authority)s to %(name)s on %(date)s, "
            "valid until %(valid_until)s. Current state: %(state)s.",
            doc_no=escape(doc_no), title=escape(detail.doc_title), authority=escape(detail.authority_name),
            name=name, date=detail.decided_on.isoformat(), valid_until=until_valid, state=valid,
        )  # fmt: skip
        data = {"decided_on": detail.decided_on.isoformat(), "public_until": until}
        return text, data | {"state": valid, "valid_until": until_valid}
    text = _(
        "%(doc_no)s is the entry of %(name)s on the list “%(list)s” (decided by %(authority)s). Published until: "
        "%(until)s.",
        doc_no=escape(doc_no), name=name, list=escape(detail.list_name), authority=escape(detail.recognised_by),
        until=until,
    )  # fmt: skip
    return text, {"decided_on": detail.listed_on.isoformat() if detail.listed_on else None, "public_until": until}


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
    if verdict.reason is repair.Reason.ELIGIBLE and kind == "penalty":
        return _(
            "The minimum publicity period has passed (repair possible since %(date)s): if the penalty has been "
            "fulfilled and a public credit commitment made, you can apply for repair now.",
            date=day,
        )
    if verdict.reason is repair.Reason.ELIGIBLE:
        return _(
            "A list entry is repaired (removed from the list) by the deciding authority under the rules of that "
            "list: please contact the deciding authority or submit an application."
        )
    if kind == "penalty":
        return _("Minor dishonesty is not published as a rule, so there is nothing to repair.")
    return _("This record is not dishonesty information, so there is nothing to repair.")
