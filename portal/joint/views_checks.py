"""/joint pages of department users: start a credit check, see its results, download them, record feedback."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain import joint
from portal.domain.errors import DomainError
from portal.domain.roles import JOINT_ROLES, Role
from portal.extensions import db
from portal.joint import checks, exports, feedback, results
from portal.joint.forms import CheckForm, PlainForm
from portal.joint.labels import ACT_LABELS, CATEGORY_LABELS, FEEDBACK_LABELS, MODE_LABELS, OUTCOME_LABELS
from portal.work_calendar import work_calendar

VIEW_ROLES = tuple(JOINT_ROLES)
MAX_UPLOAD = 256 * 1024
CHECK_ERRORS = {
    "act": lambda: _("Choose the administrative act."),
    "purpose_required": lambda: _("The purpose of the check is required."),
    "purpose": lambda: _("The purpose is limited to %(n)s characters.", n=joint.MAX_PURPOSE),
    "empty": lambda: _("Enter one subject, paste USCCs or upload a file."),
    "too_many": lambda: _("A batch check is limited to %(max)s subjects.", max=joint.MAX_BATCH),
}


def labels() -> dict[str, Any]:
    return {
        "act_labels": ACT_LABELS,
        "category_labels": CATEGORY_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "feedback_labels": FEEDBACK_LABELS,
        "mode_labels": MODE_LABELS,
        "me": current_user,
        "is_admin": current_user.role is Role.ADMIN,
    }


def own_department() -> str | None:
    """The department a user is scoped to; None for 信用办 staff (they see every department)."""
    if current_user.role is Role.DEPARTMENT:
        if not current_user.department_uscc:
            abort(403)
        return str(current_user.department_uscc)
    return None


@role_required(*VIEW_ROLES)
def index():  # type: ignore[no-untyped-def]
    page = results.list_checks(db.session, own_department(), page=request.args.get("page", 1, type=int) or 1)
    return render_template("joint/index.html", page=page, today=clock.today(), overdue=results.is_overdue, **labels())


def _lines(form: CheckForm) -> tuple[list[tuple[int, str]], bool] | str:
    """(lines, is_batch) from exactly one of subject / batch / upload, or an error message."""
    upload = form.upload.data
    given = [bool(form.subject.data), bool(form.batch.data), bool(upload and upload.filename)]
    if sum(given) != 1:
        return _("Enter one subject, paste USCCs or upload a file (only one of them).")
    if form.subject.data:
        return [(1, form.subject.data)], False
    if form.batch.data:
        return checks.parse_batch(form.batch.data), True
    raw = upload.stream.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD or b"\x00" in raw:
        return _("Upload a text file (CSV or TXT) of at most 256 KB.")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return checks.parse_batch(raw.decode(encoding)), True
        except UnicodeDecodeError:
            continue
    return _("The file is neither UTF-8 nor GB18030 text.")


@role_required(Role.DEPARTMENT, Role.ADMIN)
def new_check():  # type: ignore[no-untyped-def]
    # An admin reaches every tool (issue 18): without a department of their own, the check is the 信用办's.
    department = own_department() or current_user.department_uscc or ""
    form = CheckForm()
    error = None
    if form.validate_on_submit():
        lines = _lines(form)
        if isinstance(lines, str):
            error = lines
        else:
            requester = checks.Requester(department, current_user.email, "web", user_id=current_user.id)
            try:
                check = checks.run_check(
                    db.session,
                    requester,
                    checks.CheckRequest(form.act.data, form.purpose.data, lines[0], lines[1]),
                    today=clock.today(),
                    now=clock.now(),
                    calendar=work_calendar(db.session),
                    feedback_workdays=int(current_app.config.get("JOINT_FEEDBACK_WORKDAYS", 10)),
                )
            except checks.CheckError as exc:
                db.session.rollback()
                error = CHECK_ERRORS.get(str(exc.params.get("reason")), CHECK_ERRORS["empty"])()
            else:
                return redirect(url_for("joint.check", check_id=check.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "joint/new_check.html", form=form, error=error, max_batch=joint.MAX_BATCH, **labels()
    ), status


@role_required(*VIEW_ROLES)
def check(check_id: int):  # type: ignore[no-untyped-def]
    hits_only = request.args.get("hits") == "1"
    try:
        view = results.check_view(db.session, check_id, own_department(), today=clock.today(), hits_only=hits_only)
    except results.CheckNotFound:
        abort(404)
    may_answer = current_user.role is Role.DEPARTMENT
    return render_template(
        "joint/check.html",
        v=view,
        c=view.check,
        form=PlainForm(),
        may_answer=may_answer,
        hits_only=hits_only,
        **labels(),
    )


@role_required(*VIEW_ROLES)
def check_csv(check_id: int):  # type: ignore[no-untyped-def]
    try:
        view = results.check_view(db.session, check_id, own_department(), today=clock.today())
    except results.CheckNotFound:
        abort(404)
    return Response(
        exports.check_csv(view),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="credit-check-{check_id}.csv"'},
    )


def _feedback_items() -> list[feedback.FeedbackItem]:
    items = []
    for name, value in request.form.items():
        if not name.startswith("outcome-") or not value:
            continue
        hit_id = name.removeprefix("outcome-")
        if not hit_id.isdigit() or len(hit_id) > 12:
            abort(400)
        measure = request.form.get(f"measure-{hit_id}", "")
        if measure and (not measure.isdigit() or len(measure) > 12):
            abort(400)
        reason = request.form.get(f"reason-{hit_id}", "")[: joint.MAX_REASON + 1]
        items.append(feedback.FeedbackItem(int(hit_id), value[:32], int(measure) if measure else None, reason))
    return items


FEEDBACK_ERRORS = {
    "empty": lambda: _("Choose an outcome for at least one hit."),
    "reason_required": lambda: _("Give a reason when a measure was not applied or does not apply."),
    "measure_required": lambda: _("Choose the measure that was applied."),
    "reason_too_long": lambda: _("The reason is limited to %(n)s characters.", n=joint.MAX_REASON),
}


@role_required(Role.DEPARTMENT)
def record_feedback(check_id: int):  # type: ignore[no-untyped-def]
    form = PlainForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        feedback.record_feedback(
            db.session,
            check_id,
            own_department(),
            _feedback_items(),
            actor=current_user.email,
            actor_id=current_user.id,
            today=clock.today(),
            now=clock.now(),
        )
    except results.CheckNotFound:
        abort(404)
    except DomainError as exc:
        db.session.rollback()
        reason = str(exc.params.get("reason", ""))
        flash(FEEDBACK_ERRORS.get(reason, lambda: _("The feedback could not be recorded: check the outcomes."))())
    else:
        flash(_("The feedback was recorded."))
    return redirect(url_for("joint.check", check_id=check_id))
