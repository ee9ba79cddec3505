"""/supervision pages of the grading: the rule set and its versions, treatments per grade, the distribution."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain import uscc
from portal.domain.grading import GRADES, KIND_ATTRIBUTES
from portal.domain.grading_rules import InvalidRuleSet, rule_set_to_data
from portal.domain.roles import (
    DRAW_ROLES,
    GRADE_STATS_ROLES,
    GRADING_RULE_EDIT_ROLES,
    GRADING_RULE_VIEW_ROLES,
    SUPERVISION_ROLES,
    Role,
)
from portal.domain.sampling import PUBLISHED_RANGES_BP, Frequency, InvalidTreatment, Treatment
from portal.extensions import db
from portal.i18n import RECORD_KIND_LABELS
from portal.submissions.targets import department_name, departments
from portal.supervision import draws, grading, stats
from portal.supervision.forms import RuleSetForm, StatsForm, SubjectForm, TreatmentForm
from portal.supervision.labels import (
    FREQUENCY_LABELS,
    GRADE_LABELS,
    RULE_SET_ERRORS,
    TREATMENT_ERRORS,
    WINDOW_LABELS,
)


def own_department() -> str | None:
    """A department user's department; None for 信用办 staff (every department). 403 for a user without one."""
    if current_user.role is Role.DEPARTMENT:
        if not current_user.department_uscc:
            abort(403)
        return str(current_user.department_uscc)
    return None


def common() -> dict[str, Any]:
    return {"grade_labels": GRADE_LABELS, "frequency_labels": FREQUENCY_LABELS, "window_labels": WINDOW_LABELS,
            "grades": GRADES, "me": current_user, "role": current_user.role.value,
            "may_rules": current_user.role in GRADING_RULE_VIEW_ROLES,
            "may_draw": current_user.role in DRAW_ROLES}  # fmt: skip


def kind_label(kind: str) -> Any:
    """The kind's label from portal/i18n.py; a kind the rules know before it is registered shows its code."""
    labels = {key.value: label for key, label in RECORD_KIND_LABELS.items()}
    return labels.get(kind, kind)


@role_required(*SUPERVISION_ROLES)
def index():  # type: ignore[no-untyped-def]
    return render_template("supervision/index.html", **common())


@role_required(*GRADING_RULE_VIEW_ROLES)
def rules():  # type: ignore[no-untyped-def]
    number = request.args.get("version", type=int)
    ver = grading.current(db.session) if number is None else grading.version(db.session, number)
    if ver is None:
        abort(404)
    return render_template("supervision/rules.html", ver=ver, history=grading.history(db.session),
                           kind_label=kind_label, attributes=KIND_ATTRIBUTES, **common())  # fmt: skip


@role_required(*GRADING_RULE_EDIT_ROLES)
def edit_rules():  # type: ignore[no-untyped-def]
    form = RuleSetForm()
    error = None
    if request.method == "GET":
        data = rule_set_to_data(grading.current(db.session).rule_set)
        form.rules.data = json.dumps(data, ensure_ascii=False, indent=2)
    elif form.validate_on_submit():
        try:
            data = json.loads(form.rules.data)
        except (ValueError, RecursionError):
            error = str(RULE_SET_ERRORS["json"])
        else:
            try:
                number = grading.save(db.session, data, form.note.data, actor=current_user.email,
                                      actor_id=current_user.id, now=clock.now())  # fmt: skip
            except InvalidRuleSet as exc:
                db.session.rollback()
                params = {k: v for k, v in exc.params.items() if k != "reason"}
                error = str(RULE_SET_ERRORS[str(exc.params["reason"])]) % params
            else:
                flash(_("Version %(n)s of the grading rules is now in force.", n=number))
                return redirect(url_for("supervision.rules"))
    status = 400 if request.method == "POST" else 200
    return render_template("supervision/rules_edit.html", form=form, error=error, attributes=KIND_ATTRIBUTES,
                           kind_label=kind_label, **common()), status  # fmt: skip


def _department_arg() -> str:
    """The department whose treatments a page shows: a department user's own; for an admin ?department= (a known
    department's USCC) or "" (the 信用办's own draws)."""
    own = own_department()
    if own is not None:
        return own
    chosen = (request.args.get("department") or "").strip().upper()[:18]
    if chosen and not uscc.is_valid(chosen):
        abort(404)
    return chosen


@role_required(*DRAW_ROLES)
def treatments():  # type: ignore[no-untyped-def]
    department = _department_arg()
    form = TreatmentForm()
    current = draws.treatments_for(db.session, department)
    error = None
    if request.method == "GET":
        for grade in GRADES:
            ratio, minimum, frequency = form.grade_fields(grade.value)
            ratio.data = Decimal(current[grade].ratio_bp) / 100
            minimum.data = current[grade].min_count
            frequency.data = current[grade].frequency.value
    elif form.validate_on_submit():
        chosen = {}
        for grade in GRADES:
            ratio, minimum, frequency = form.grade_fields(grade.value)
            chosen[grade] = Treatment(grade, int(ratio.data * 100), Frequency(frequency.data), minimum.data or 0)
        try:
            draws.save_treatments(db.session, department, chosen, actor=current_user.email, actor_id=current_user.id,
                                  now=clock.now())  # fmt: skip
        except InvalidTreatment as exc:
            db.session.rollback()
            error = str(TREATMENT_ERRORS[str(exc.params["reason"])])
        else:
            flash(_("The inspection ratios were saved."))
            return redirect(url_for("supervision.treatments", **({"department": department} if department else {})))
    status = 400 if request.method == "POST" else 200
    ranges = {g: (r[0] / 100, r[1] / 100) for g, r in PUBLISHED_RANGES_BP.items()}
    return render_template(
        "supervision/treatments.html", form=form, error=error, department=department, ranges=ranges,
        department_label=department_name(db.session, department) if department else _("Credit office"),
        departments=departments(db.session) if own_department() is None else [], **common(),
    ), status  # fmt: skip


@role_required(*GRADE_STATS_ROLES)
def statistics():  # type: ignore[no-untyped-def]
    form = StatsForm(formdata=request.args, meta={"csrf": False})
    if not form.validate():
        return render_template("supervision/stats.html", form=form, dist=None, snapshots=[], **common()), 400
    names = dict(departments(db.session))
    dist = stats.distribution(db.session, form.day.data, own_department(), names)
    return render_template("supervision/stats.html", form=form, dist=dist, snapshots=stats.snapshots(db.session),
                           **common())  # fmt: skip


@role_required(*GRADE_STATS_ROLES)
def subject_grade():  # type: ignore[no-untyped-def]
    """One subject's grade today with its reasons and the records behind them (internal: staff and departments)."""
    form = SubjectForm(formdata=request.args if request.args else None, meta={"csrf": False})
    found = subject = None
    if request.args and form.validate():
        subject = grading.subject_of(db.session, form.uscc.data)
        found = grading.own_grade(db.session, subject, clock.today())
    status = 400 if request.args and form.errors else 200
    asked = bool(request.args) and not form.errors
    return render_template("supervision/subject.html", form=form, subject=subject, own_grade=found, asked=asked,
                           kind_label=kind_label, **common()), status  # fmt: skip
