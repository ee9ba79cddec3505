"""The staff back office (/review): queues, detail, decisions, 催办, attachments, exports, audit log.

Every route names its roles with role_required; the services check the rest (department, state machine).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock, kinds
from portal.accounts.permissions import role_required
from portal.audit_labels import AUDIT_ACTION_LABELS
from portal.domain.errors import DomainError
from portal.domain.roles import ALL_ROLES, AUDIT_ROLES, EXPORT_ROLES, Role
from portal.domain.states import OUTCOMES, Action, Outcome, SubmissionKind, SubmissionStatus
from portal.extensions import db
from portal.file_store import file_store
from portal.form_helpers import opts
from portal.i18n import SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS
from portal.notify import get_notifier
from portal.review import exports, services
from portal.review.forms import DecisionForm, QueueFilterForm
from portal.submissions import targets, uploads
from portal.submissions.labels import ACTION_LABELS, COMPLAINT_TOPICS, OBJECTION_GROUNDS, OUTCOME_LABELS
from portal.work_calendar import work_calendar

bp = Blueprint("review", __name__)
STAFF = tuple(ALL_ROLES)  # a department user (联合奖惩 only) has no submission work
ERROR_TEXT = {
    "transition_not_allowed": _l("This action is not possible in the current status."),
    "outcome_not_allowed": _l("Choose an outcome that fits this kind of application."),
    "reason_required": _l("Give a reason."),
    "department_required": _l("Choose the department that verifies."),
}
EFFECT_TEXT = {
    "correction_by_reimport": _l("The corrected record is published when the source department re-imports it."),
    "still_marked": _l("Another objection to this record is still open: the record keeps its mark."),
    "not_published": _l("The record was not public: its status was not changed."),
    "already_marked": _l("The record was already marked by another objection."),
    "record_missing": _l("The record no longer exists."),
}


def _actor() -> services.Actor:
    return services.actor_of(current_user)  # type: ignore[arg-type]


def _context() -> dict[str, Any]:
    return {"kinds": SUBMISSION_KIND_LABELS, "statuses": SUBMISSION_STATUS_LABELS, "outcomes": OUTCOME_LABELS,
            "action_labels": ACTION_LABELS, "grounds_labels": {**OBJECTION_GROUNDS, **COMPLAINT_TOPICS}}  # fmt: skip


@role_required(*STAFF)
def queue():  # type: ignore[no-untyped-def]
    form = QueueFilterForm(formdata=request.args)
    if not form.validate():
        abort(400)
    items = services.queue(
        db.session, _actor(), today=clock.today(), calendar=work_calendar(db.session),
        status=SubmissionStatus(form.status.data) if form.status.data else None,
        kind=SubmissionKind(form.kind.data) if form.kind.data else None, overdue_only=bool(form.overdue.data),
    )  # fmt: skip
    return render_template("review/queue.html", items=items, form=form, **_context())


def _decision_forms(detail: services.Detail) -> dict[str, DecisionForm]:
    forms = {}
    kind = detail.submission.kind
    departments = targets.departments(db.session)
    for action in detail.actions:
        form = DecisionForm(formdata=None, prefix=action.value, action=action.value)
        if action is Action.CLOSE:
            form.outcome.choices = opts((o.value, OUTCOME_LABELS[o.value]) for o in OUTCOMES[kind])
        if action is Action.VERIFY and current_user.role is not Role.VERIFIER:
            form.department.choices = opts([("", _("Choose a department")), *departments])
            form.department.data = detail.submission.department_uscc or ""
        forms[action.value] = form
    return forms


def _render_detail(submission_id: int, *, status: int = 200, failed: DecisionForm | None = None,
                   error: str | None = None) -> Any:  # fmt: skip
    try:
        detail = services.detail(db.session, _actor(), submission_id, today=clock.today(),
                                 calendar=work_calendar(db.session))  # fmt: skip
    except services.NotFound:
        abort(404)
    forms = _decision_forms(detail)
    if failed is not None and failed.action.data in forms:
        failed.outcome.choices = forms[failed.action.data].outcome.choices
        failed.department.choices = forms[failed.action.data].department.choices
        forms[failed.action.data] = failed
    return render_template("review/detail.html", d=detail, s=detail.submission, action_forms=forms, error=error,
                           **_context()), status  # fmt: skip


@role_required(*STAFF)
def detail(submission_id: int):  # type: ignore[no-untyped-def]
    return _render_detail(submission_id)


def _act(submission_id: int, action_value: str) -> Any:
    form = DecisionForm(prefix=action_value)
    form.outcome.choices = opts([("", ""), *((o.value, o.value) for o in Outcome)])
    form.department.choices = opts([("", ""), *targets.departments(db.session)])
    form.outcome.validate_choice = form.department.validate_choice = True  # closed lists: garbage is a 400
    if not form.validate_on_submit() or form.action.data != action_value:
        return _render_detail(submission_id, status=400, failed=form)
    dept = form.department.data or None
    decision = services.Decision(
        Action(action_value), form.reason.data, Outcome(form.outcome.data) if form.outcome.data else None,
        dept, targets.department_name(db.session, dept) if dept else None,
    )  # fmt: skip
    try:
        result = services.act(db.session, _actor(), submission_id, decision, today=clock.today(), now=clock.now())
    except services.NotFound:
        abort(404)
    except services.Forbidden:
        abort(403)
    except DomainError as exc:
        return _render_detail(submission_id, status=409, failed=form, error=str(ERROR_TEXT.get(exc.code, exc.code)))
    _notify(result)
    flash(_("%(action)s: done.", action=ACTION_LABELS[action_value]))
    if result.effect.note:
        flash(str(EFFECT_TEXT[result.effect.note]))
    if result.effect.shifted_days:
        flash(_("The publicity end of the record moved by %(days)s days.", days=result.effect.shifted_days))
    return redirect(url_for("review.detail", submission_id=submission_id))


def _notify(result: services.ActResult) -> None:
    notifier = get_notifier()
    if result.notify_applicant:
        notifier.send_email(
            result.notify_applicant, _("Result of application %(no)s", no=result.tracking_no),
            _("Your application %(no)s has been decided. Its status and result are shown at /track with your "
              "query code.", no=result.tracking_no),
        )  # fmt: skip
    for address in result.notify_staff:
        notifier.send_email(address, _("Reminder: application %(no)s", no=result.tracking_no),
                            _("Application %(no)s is waiting for your department's verification.",
                              no=result.tracking_no))  # fmt: skip


@role_required(*STAFF)
def act(submission_id: int, action: str):  # type: ignore[no-untyped-def]
    return _act(submission_id, action)


@role_required(Role.INTAKE, Role.REVIEWER, Role.ADMIN)
def remind(submission_id: int):  # type: ignore[no-untyped-def]
    return _act(submission_id, Action.REMIND.value)


@role_required(*STAFF)
def attachment(submission_id: int, attachment_id: int):  # type: ignore[no-untyped-def]
    try:
        found = services.attachment(db.session, _actor(), submission_id, attachment_id)
    except services.NotFound:
        abort(404)
    except services.Forbidden:
        abort(403)
    data = file_store().read(found.stored_name)
    if data is None:
        abort(404)
    # The name and type come from the detected content, never from the applicant's file name (issue 15).
    name = uploads.download_name(found.mime, f"attachment-{found.id}")
    response = send_file(io.BytesIO(data), mimetype=found.mime, as_attachment=True, download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@role_required(*EXPORT_ROLES)
def exports_page():  # type: ignore[no-untyped-def]
    since = clock.today() - timedelta(days=30)
    return render_template("review/exports.html", since=since, **_context())


@role_required(*EXPORT_ROLES)
def export_csv(kind: str):  # type: ignore[no-untyped-def]
    try:
        since = date.fromisoformat(request.args.get("since", "")) if request.args.get("since") else date(2000, 1, 1)
    except ValueError:
        abort(400)
    rows = exports.decision_rows(db.session, kind, since)
    name = f"decisions-{kind}-{clock.today().isoformat()}.csv"
    return Response(stream_with_context(exports.to_csv(rows)), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={name}",
                             "Cache-Control": "private, no-store"})  # fmt: skip


@role_required(*AUDIT_ROLES)
def audit():  # type: ignore[no-untyped-def]
    return render_template("review/audit.html", entries=services.audit_log(db.session),
                           audit_labels=AUDIT_ACTION_LABELS, **_context())  # fmt: skip


ID = "int(min=1, max=2147483647)"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/", "queue", queue, ["GET"]),
    (f"/<{ID}:submission_id>", "detail", detail, ["GET"]),
    (f"/<{ID}:submission_id>/act/<any(accept, reject, verify, close, note):action>", "act", act, ["POST"]),
    (f"/<{ID}:submission_id>/remind", "remind", remind, ["POST"]),
    (f"/<{ID}:submission_id>/attachments/<{ID}:attachment_id>", "attachment", attachment, ["GET"]),
    ("/exports", "exports", exports_page, ["GET"]),
    (f"/exports/<any({', '.join(kinds.values())}):kind>.csv", "export_csv", export_csv, ["GET"]),
    ("/audit", "audit", audit, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
