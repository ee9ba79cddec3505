"""/interviews (约谈): the recognising department records an interview with its minutes and confirms corrections;
信用办 staff read every department's. The subject's own account sees them in /enterprise (portal/enterprise)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain import interviews as rules
from portal.domain.interviews import InterviewError
from portal.domain.roles import SUPERVISION_EDIT_ROLES, SUPERVISION_VIEW_ROLES, Role
from portal.domain.text import normalize_code
from portal.extensions import db
from portal.file_store import file_store
from portal.i18n import CORRECTION_STATE_LABELS, INTERVIEW_KIND_LABELS
from portal.interviews import services
from portal.interviews.forms import CorrectedForm, InterviewForm
from portal.interviews.minutes import send_minutes

bp = Blueprint("interviews", __name__)
VIEW = tuple(SUPERVISION_VIEW_ROLES)
EDIT = tuple(SUPERVISION_EDIT_ROLES)
ERRORS = {
    "kind": lambda: _("Choose the kind of interview."),
    "uscc": lambda: _("Enter a valid 18-character unified social credit code."),
    "held_too_old": lambda: _("The date of the interview is too far in the past."),
    "held_in_future": lambda: _("An interview is recorded after it took place: the date cannot be in the future."),
    "due_before_held": lambda: _("The deadline for correction must be after the interview."),
    "due_too_far": lambda: _("The deadline for correction is at most two years after the interview."),
    "reason_required": lambda: _("Give the reason for the interview."),
    "reason_invalid": lambda: _("The reason is limited to %(n)s characters.", n=rules.MAX_TEXT),
    "measures_required": lambda: _("Give the measures agreed."),
    "measures_invalid": lambda: _("The measures are limited to %(n)s characters.", n=rules.MAX_TEXT),
    "subject_name_required": lambda: _("The subject is not known to the platform yet: enter its name."),
    "subject_name_invalid": lambda: _("The name is limited to %(n)s characters.", n=rules.MAX_SUBJECT_NAME),
    "corrected_on": lambda: _("The day of the correction lies between the interview and today."),
}


def own_department() -> str | None:
    """The department a user is scoped to; None for 信用办 staff (they read every department's)."""
    if current_user.role is Role.DEPARTMENT:
        if not current_user.department_uscc:
            abort(403)
        return str(current_user.department_uscc)
    return None


def _context(**extra: Any) -> dict[str, Any]:
    return {"may_edit": current_user.role in SUPERVISION_EDIT_ROLES, "kind_labels": INTERVIEW_KIND_LABELS,
            "state_labels": CORRECTION_STATE_LABELS, "today": clock.today(), **extra}  # fmt: skip


def _message(error: InterviewError) -> str:
    return str(ERRORS.get(str(error.params.get("reason")), ERRORS["kind"])())


@role_required(*VIEW)
def index():  # type: ignore[no-untyped-def]
    overdue = request.args.get("overdue") == "1"
    number = request.args.get("page", 1, type=int) or 1
    subject = normalize_code(request.args.get("uscc", ""))[:18] or None
    rows, total, page, pages = services.page_of(db.session, own_department(), today=clock.today(),
                                                overdue_only=overdue, page=number, subject_uscc=subject)  # fmt: skip
    return render_template("interviews/index.html", rows=rows, total=total, page=page, pages=pages, overdue=overdue,
                           subject=subject, **_context())  # fmt: skip


@role_required(*EDIT)
def new():  # type: ignore[no-untyped-def]
    form = InterviewForm()
    error = None
    if form.validate_on_submit() and form.checked_minutes is not None:
        data = services.NewInterview(form.kind.data, form.uscc.data, form.subject_name.data or "", form.held_on.data,
                                     form.reason.data, form.measures.data, form.correction_due_on.data)  # fmt: skip
        try:
            row = services.record(db.session, own_department() or "", data, form.checked_minutes,
                                  store=file_store(), actor=current_user.email,
                                  actor_id=current_user.id, today=clock.today(), now=clock.now())  # fmt: skip
        except InterviewError as exc:
            error = _message(exc)
        else:
            flash(_("The interview was recorded."))
            return redirect(url_for("interviews.show", interview_id=row.id))
    status = 400 if request.method == "POST" else 200
    return render_template("interviews/new.html", form=form, error=error, **_context()), status


@role_required(*VIEW)
def show(interview_id: int):  # type: ignore[no-untyped-def]
    try:
        row = services.row_of(db.session, interview_id, own_department(), clock.today())
    except services.InterviewNotFound:
        abort(404)
    return render_template("interviews/show.html", row=row, i=row.interview, form=CorrectedForm(), **_context())


@role_required(*VIEW)
def minutes(interview_id: int):  # type: ignore[no-untyped-def]
    try:
        found = services.load(db.session, interview_id, own_department())
    except services.InterviewNotFound:
        abort(404)
    return send_minutes(found)


@role_required(*EDIT)
def corrected(interview_id: int):  # type: ignore[no-untyped-def]
    department = own_department() or ""
    try:
        services.load(db.session, interview_id, department)
    except services.InterviewNotFound:
        abort(404)
    form = CorrectedForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(url_for("interviews.show", interview_id=interview_id))
    try:
        services.mark_corrected(db.session, interview_id, department, form.corrected_on.data,
                                actor=current_user.email, actor_id=current_user.id, today=clock.today(),
                                now=clock.now())  # fmt: skip
    except InterviewError as exc:
        db.session.rollback()
        flash(_message(exc))
    else:
        db.session.commit()
        flash(_("The correction was recorded."))
    return redirect(url_for("interviews.show", interview_id=interview_id))


ID = "int(max=2147483647)"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/", "index", index, ["GET"]),
    ("/new", "new", new, ["GET", "POST"]),
    (f"/<{ID}:interview_id>", "show", show, ["GET"]),
    (f"/<{ID}:interview_id>/minutes", "minutes", minutes, ["GET"]),
    (f"/<{ID}:interview_id>/corrected", "corrected", corrected, ["POST"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
