"""Consultation tickets of the chat in the back office: list, detail, reply, status (the 信用办 desk only).

URLS is added to the review blueprint by portal/review/__init__.py.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal import clock
from portal.accounts.permissions import role_required
from portal.chat import tickets
from portal.chat.tickets import MAX_REPLY, TicketError, TicketStatus
from portal.domain.roles import CONSULTATION_ROLES
from portal.extensions import db
from portal.form_helpers import clean_text
from portal.i18n import TICKET_STATUS_LABELS
from portal.review.routes import ID, _context

ERROR_TEXT = {
    "reply_required": _l("Write a reply."),
    "reply_too_long": _l("The reply is too long."),
    "ticket_closed": _l("This ticket is closed."),
    "transition_not_allowed": _l("This action is not possible in the current status."),
}


class ReplyForm(FlaskForm):
    reply = TextAreaField(_l("Reply to the user"), filters=[clean_text],
                          validators=[DataRequired(_l("Write a reply.")), Length(max=MAX_REPLY)])  # fmt: skip


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=[], validators=[DataRequired()])


def _actor() -> tickets.StaffActor:
    return tickets.StaffActor(current_user.id, current_user.email)


def _status_form(ticket: Any, formdata: Any = None) -> StatusForm:
    form = StatusForm(formdata=formdata, prefix="status")
    allowed = tickets.TRANSITIONS[tickets.status_of(ticket)]
    form.status.choices = [(s.value, str(TICKET_STATUS_LABELS[s.value])) for s in TicketStatus if s in allowed]
    return form


def _trail(ticket_id: int) -> list[tuple[Any, str, str]]:
    """(when, who, what) of the ticket's audit entries, statuses shown by their labels."""
    rows = []
    for entry in tickets.audit_trail(db.session, ticket_id):
        moves, _sep, text = (entry.reason or "").partition(": ")
        before, _arrow, after = moves.partition("→")
        what = f"{TICKET_STATUS_LABELS.get(before, before)} → {TICKET_STATUS_LABELS.get(after, after)}"
        if entry.action == "consultation_reply":
            what = _("Reply: %(text)s", text=text) + f" ({what})"
        rows.append((entry.at, entry.actor, what))
    return rows


def _render(ticket_id: int, *, reply_form: ReplyForm | None = None, status_form: StatusForm | None = None,
            error: str | None = None, status: int = 200) -> Any:  # fmt: skip
    ticket = tickets.get(db.session, ticket_id)
    if ticket is None:
        abort(404)
    closed = tickets.status_of(ticket) is TicketStatus.CLOSED
    reply_form = reply_form or ReplyForm(formdata=None, prefix="reply", reply=ticket.reply or "")
    status_form = status_form or _status_form(ticket)
    return render_template(
        "review/consultation.html", t=ticket, number=tickets.number_of(ticket.id), labels=TICKET_STATUS_LABELS,
        trail=_trail(ticket.id), reply_form=None if closed else reply_form,
        status_form=status_form if status_form.status.choices else None, error=error, **_context(),
    ), status  # fmt: skip


@role_required(*CONSULTATION_ROLES)
def consultations():  # type: ignore[no-untyped-def]
    wanted = request.args.get("status", "")
    if wanted and wanted not in TICKET_STATUS_LABELS:
        abort(400)
    found = tickets.tickets(db.session, status=TicketStatus(wanted) if wanted else None)
    return render_template("review/consultations.html", tickets=found, labels=TICKET_STATUS_LABELS, wanted=wanted,
                           number_of=tickets.number_of, **_context())  # fmt: skip


@role_required(*CONSULTATION_ROLES)
def consultation(ticket_id: int):  # type: ignore[no-untyped-def]
    return _render(ticket_id)


@role_required(*CONSULTATION_ROLES)
def consultation_reply(ticket_id: int):  # type: ignore[no-untyped-def]
    form = ReplyForm(prefix="reply")
    if not form.validate_on_submit():
        return _render(ticket_id, reply_form=form, status=400)
    try:
        tickets.reply(db.session, ticket_id, form.reply.data, _actor(), now=clock.now())
    except LookupError:
        abort(404)
    except TicketError as exc:
        db.session.rollback()
        return _render(ticket_id, reply_form=form, error=str(ERROR_TEXT[exc.code]), status=409)
    db.session.commit()
    flash(_("The reply was saved. The user reads it with the ticket number and query code."))
    return redirect(url_for("review.consultation", ticket_id=ticket_id))


@role_required(*CONSULTATION_ROLES)
def consultation_status(ticket_id: int):  # type: ignore[no-untyped-def]
    ticket = tickets.get(db.session, ticket_id)
    if ticket is None:
        abort(404)
    form = _status_form(ticket, request.form)
    if not form.validate_on_submit():
        return _render(ticket_id, status_form=form, error=str(ERROR_TEXT["transition_not_allowed"]), status=400)
    try:
        tickets.set_status(db.session, ticket_id, TicketStatus(form.status.data), _actor(), now=clock.now())
    except TicketError as exc:
        db.session.rollback()
        return _render(ticket_id, error=str(ERROR_TEXT[exc.code]), status=409)
    db.session.commit()
    flash(_("Status changed to %(status)s.", status=TICKET_STATUS_LABELS[form.status.data]))
    return redirect(url_for("review.consultation", ticket_id=ticket_id))


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/consultations", "consultations", consultations, ["GET"]),
    (f"/consultations/<{ID}:ticket_id>", "consultation", consultation, ["GET"]),
    (f"/consultations/<{ID}:ticket_id>/reply", "consultation_reply", consultation_reply, ["POST"]),
    (f"/consultations/<{ID}:ticket_id>/status", "consultation_status", consultation_status, ["POST"]),
]
