"""Staff data entry (/review/entry, data-standard §15): a form per kind, corrections and withdrawals with a reason.

The form's values go through the importer's row rules (portal/entry/rows.py), so a record typed in is judged as
the same row in a file, and each reason is shown next to the field it names. 信用办 staff (intake, admin) enter
for any department; a department user only for its own (records of other departments are not found, 404). The
URL table is added to the review blueprint in portal/review/__init__.py.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock, kinds
from portal.accounts.permissions import role_required
from portal.domain import entry
from portal.entry import forms, rows, services
from portal.extensions import db
from portal.i18n import RECORD_STATUS_LABELS
from portal.kind_spec import KindSpec
from portal.models import Department

ROLES = tuple(entry.ENTRY_ROLES)


def _department() -> str | None:
    """The department the user enters for; None for 信用办 staff, who enter for any. A department user whose
    account names no department may enter nothing."""
    if current_user.role in entry.ANY_DEPARTMENT_ROLES:
        return None
    if not current_user.department_uscc:
        abort(403)
    return str(current_user.department_uscc)


def _spec(kind: str) -> KindSpec:
    spec = kinds.find(kind)
    if spec is None:
        abort(404)
    return spec


def _submitter(department: str | None) -> rows.Submitter:
    return rows.Submitter(current_user.email, current_user.id, department, "entry")


def _apply(spec: KindSpec, form: Any, department: str | None, correction: rows.Correction | None = None) -> Any:
    return rows.apply_items(db.session, spec, [forms.values_of(form, spec)], submitter=_submitter(department),
                            today=clock.today(), now=clock.now(), correction=correction,
                            publish_minor_penalties=bool(current_app.config["PUBLISH_MINOR_PENALTIES"]))  # fmt: skip


def _show_reasons(form: Any, spec: KindSpec, item: rows.ItemOutcome) -> list[str]:
    """Each reason on the fields it names (the form's errors); the rest for the summary."""
    columns = forms.columns(spec)
    by_column, general = entry.reasons_by_column(item.reasons, [c.name for c in columns])
    for column in columns:
        if column.name in by_column:
            form[column.field].errors = by_column[column.name]
    return general


def _own_department_defaults(form: Any, spec: KindSpec, department: str | None) -> None:
    """A department user's form starts with its own department as 数据来源单位."""
    if department is None:
        return
    name = db.session.scalar(sa.select(Department.name).where(Department.uscc == department))
    forms.fill(form, spec, {entry.SOURCE_USCC_COLUMN: department, entry.SOURCE_NAME_COLUMN: name})


@role_required(*ROLES)
def entry_index():  # type: ignore[no-untyped-def]
    department = _department()
    spec = kinds.find(request.args.get("kind")) if request.args.get("kind") else None
    query = request.args.get("q", "")[: services.MAX_QUERY]
    found = services.find_records(db.session, spec, query, department) if spec and query.strip() else []
    return render_template("review/entry_index.html", specs=list(kinds.specs()), spec=spec, query=query,
                           found=found, department=department, record_status_labels=RECORD_STATUS_LABELS)  # fmt: skip


@role_required(*ROLES)
def entry_form(kind: str):  # type: ignore[no-untyped-def]
    spec, department = _spec(kind), _department()
    form = forms.form_class(spec, correction=False)()
    general: list[str] = []
    outcome = None
    find = request.args.get("find", "")[: services.MAX_QUERY]
    if request.method == "GET":
        _own_department_defaults(form, spec, department)
        if request.args.get("subject", "").isdigit():
            forms.fill(form, spec, services.subject_values(db.session, spec, int(request.args["subject"][:10])))
    elif form.validate_on_submit():
        outcome = _apply(spec, form, department).items[0]
        if outcome.status != rows.REJECTED:
            flash(_("The record was saved: %(status)s.", status=_status_label(outcome.status)))
            for warning in outcome.warnings:
                flash(_("Warning: %(text)s", text=warning))
            return redirect(url_for("review.entry_record", kind=spec.kind.value, record_id=outcome.record_id))
        general = _show_reasons(form, spec, outcome)
    matches = services.known_subjects(db.session, find) if find else []
    status = 400 if (request.method == "POST") else 200
    return render_template("review/entry_form.html", spec=spec, form=form, columns=forms.columns(spec),
                           general=general, outcome=outcome, find=find, matches=matches,
                           department=department), status  # fmt: skip


def _status_label(status: str) -> str:
    return {rows.IMPORTED: _("new record"), rows.UPDATED: _("new version"),
            rows.UNCHANGED: _("unchanged")}.get(status, status)  # fmt: skip


@role_required(*ROLES)
def entry_record(kind: str, record_id: int):  # type: ignore[no-untyped-def]
    spec, department = _spec(kind), _department()
    record = services.load(db.session, spec, record_id, department)
    if record is None:
        abort(404)
    form = forms.form_class(spec, correction=True)()
    general: list[str] = []
    if request.method == "GET":
        forms.fill(form, spec, services.record_values(db.session, spec, record))
    elif form.validate_on_submit():
        correction = rows.Correction(record.id, form.reason.data.strip())
        outcome = _apply(spec, form, department, correction).items[0]
        if outcome.status != rows.REJECTED:
            flash(_("The correction was saved: %(status)s.", status=_status_label(outcome.status)))
            return redirect(url_for("review.entry_record", kind=spec.kind.value, record_id=record.id))
        general = _show_reasons(form, spec, outcome)
        db.session.refresh(record)
    return render_template("review/entry_record.html", spec=spec, record=record, form=form,
                           columns=forms.columns(spec), general=general, withdraw=forms.WithdrawForm(),
                           history=services.history(db.session, spec, record.id),
                           record_status_labels=RECORD_STATUS_LABELS), (
        400 if request.method == "POST" else 200)  # fmt: skip


@role_required(*ROLES)
def entry_withdraw(kind: str, record_id: int):  # type: ignore[no-untyped-def]
    spec, department = _spec(kind), _department()
    record = services.load(db.session, spec, record_id, department)
    if record is None:
        abort(404)
    form = forms.WithdrawForm()
    if not form.validate_on_submit():
        flash(_("Give a reason for the withdrawal."))
        return redirect(url_for("review.entry_record", kind=spec.kind.value, record_id=record.id)), 303
    done = services.withdraw(db.session, spec, record, actor=current_user.email, actor_id=current_user.id,
                             reason=form.reason.data.strip(), now=clock.now())  # fmt: skip
    flash(_("The record was withdrawn.") if done else _("The record was already withdrawn."))
    return redirect(url_for("review.entry_record", kind=spec.kind.value, record_id=record.id))


@role_required(*ROLES)
def entry_subjects():  # type: ignore[no-untyped-def]
    """Known organisations for the form's auto-completion (staff only; no natural persons, no ID numbers)."""
    found = services.known_subjects(db.session, request.args.get("q", ""))
    return jsonify({"subjects": [s.as_json() for s in found]})


RECORD = "/entry/<kind>/<int(max=2147483647):record_id>"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/entry", "entry_index", entry_index, ["GET"]),
    ("/entry/subjects.json", "entry_subjects", entry_subjects, ["GET"]),
    ("/entry/<kind>", "entry_form", entry_form, ["GET", "POST"]),
    (RECORD, "entry_record", entry_record, ["GET", "POST"]),
    (f"{RECORD}/withdraw", "entry_withdraw", entry_withdraw, ["POST"]),
]
