"""Shared pieces of the replies: translated labels of codes, record cards and consultation (handoff) tickets."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.chat import tickets
from portal.chat.tickets import Opened
from portal.chat.types import Context
from portal.domain.masking import mask_id_numbers
from portal.i18n import RECORD_STATUS_LABELS, SEVERITY_LABELS, SUBMISSION_STATUS_LABELS, TICKET_STATUS_LABELS
from portal.indexing.documents import record_url
from portal.submissions.codes import format_code

# "<kind> application" in the status answer ("信用异议申请").
APPLICATION_LABELS = {
    "objection": _l("Credit objection application"),
    "complaint": _l("Complaint or report application"),
    "repair": _l("Credit repair application"),
}


def label(labels: dict[str, Any], code: str) -> str:
    """The translated label of a code; the code itself when it has none (a new code shows, untranslated)."""
    found = labels.get(code)
    return str(found) if found is not None else code


def severity_label(code: str) -> str:
    return label(SEVERITY_LABELS, code)


def record_status_label(code: str) -> str:
    return label(RECORD_STATUS_LABELS, code)


def submission_label(kind: str) -> str:
    return label(APPLICATION_LABELS, kind)


def submission_status_label(code: str) -> str:
    return label(SUBMISSION_STATUS_LABELS, code)


def ticket_status_label(code: str) -> str:
    return label(TICKET_STATUS_LABELS, code)


def record_card(kind: str, record_id: int, title: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": "record", "title": title, "url": record_url(kind, record_id), "data": data}


def handoff_ticket(ctx: Context, message: str, reason: str) -> Opened:
    """Adds a consultation ticket for the back office (the caller commits); returns its number and 查询码.

    ID numbers in any written form (spaced, hyphenated, full-width) are masked before anything is stored.
    """
    turns = [t["user"] for t in ctx.state.get("turns", [])][-10:] + [message]
    question = mask_id_numbers(message)
    return tickets.open_ticket(ctx.db, ctx.session_id, reason, question, mask_id_numbers("\n".join(turns)))


def ticket_text(opened: Opened) -> str:
    return _(
        "Ticket number %(number)s, query code %(code)s (shown only once, please keep it safe). Once staff have "
        "answered, read the reply on the consultation reply page, or send the ticket number and query code here.",
        number=opened.number,
        code=format_code(opened.code),
    )


def ticket_card(opened: Opened) -> dict[str, Any]:
    title = _("Consultation ticket %(number)s", number=opened.number)
    return {"type": "link", "title": title, "url": "/chat/ticket", "data": {"ticket": opened.number}}
