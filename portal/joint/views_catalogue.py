"""/joint/catalogue: list types and measures for staff; administrators edit, retire, import and see history."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import JOINT_ADMIN_ROLES
from portal.extensions import db
from portal.form_helpers import opts
from portal.joint import catalogue_admin as admin
from portal.joint.forms import ImportForm, ListTypeForm, MeasureForm, ReasonForm
from portal.joint.measures_import import BadMeasuresFile, import_measures
from portal.joint.views_checks import VIEW_ROLES, labels
from portal.models import ListType, Measure

ADMIN = tuple(JOINT_ADMIN_ROLES)
MAX_IMPORT = 5 * 1024 * 1024


@role_required(*VIEW_ROLES)
def catalogue():  # type: ignore[no-untyped-def]
    types = list(db.session.scalars(sa.select(ListType).order_by(ListType.category, ListType.id)))
    query = sa.select(Measure).order_by(Measure.list_name, Measure.id)
    chosen = request.args.get("list", "")[:256]
    if chosen:
        query = query.where(Measure.list_name == chosen)
    measures = list(db.session.scalars(query))
    return render_template(
        "joint/catalogue.html", types=types, measures=measures, chosen=chosen, import_form=ImportForm(), **labels()
    )


def _list_choices() -> list[Any]:
    names = db.session.scalars(sa.select(ListType.name).order_by(ListType.category, ListType.id))
    return opts((n, n) for n in names)


def _data(form: MeasureForm) -> admin.MeasureData:
    return admin.MeasureData(
        form.list_name.data or "",
        form.item.data or "",
        form.office.data,
        form.basis.data,
        form.target.data,
        form.measure.data or "",
        form.stage.data,
        form.implementation.data,
        form.mode.data,
        form.sources.data,
        form.remarks.data,
    )


@role_required(*ADMIN)
def edit_measure(measure_id: int | None = None):  # type: ignore[no-untyped-def]
    measure = db.session.get(Measure, measure_id) if measure_id is not None else None
    if measure_id is not None and measure is None:
        abort(404)
    form = MeasureForm(obj=measure)
    form.list_name.choices = _list_choices()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            saved = admin.save_measure(
                db.session,
                measure_id,
                _data(form),
                actor=current_user.email,
                reason=form.reason.data or None,
                now=clock.now(),
            )
        except admin.CatalogueError as exc:
            db.session.rollback()
            problems = list(exc.params.get("problems", []))
        else:
            flash(_("The measure was saved (version %(v)s).", v=saved.version))
            return redirect(url_for("joint.measure_history", measure_id=saved.id))
    status = 400 if request.method == "POST" else 200
    return render_template("joint/measure_form.html", form=form, measure=measure, problems=problems, **labels()), status


@role_required(*ADMIN)
def set_measure_active(measure_id: int, active: int):  # type: ignore[no-untyped-def]
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(_("Give a reason."))
        return redirect(url_for("joint.measure_history", measure_id=measure_id))
    try:
        admin.set_measure_active(
            db.session, measure_id, bool(active), actor=current_user.email, reason=form.reason.data, now=clock.now()
        )
    except admin.CatalogueError:
        abort(404)
    flash(_("The measure is in use again.") if active else _("The measure was retired."))
    return redirect(url_for("joint.measure_history", measure_id=measure_id))


@role_required(*VIEW_ROLES)
def measure_history(measure_id: int):  # type: ignore[no-untyped-def]
    measure = db.session.get(Measure, measure_id)
    if measure is None:
        abort(404)
    return render_template(
        "joint/measure_history.html",
        measure=measure,
        revisions=admin.history(db.session, measure_id),
        form=ReasonForm(),
        **labels(),
    )


@role_required(*ADMIN)
def edit_list_type(type_id: int | None = None):  # type: ignore[no-untyped-def]
    row = db.session.get(ListType, type_id) if type_id is not None else None
    if type_id is not None and row is None:
        abort(404)
    form = ListTypeForm(obj=row)
    if row is not None and request.method == "GET":
        form.category.data = row.category.value
    problems: list[str] = []
    if form.validate_on_submit():
        data = admin.ListTypeData(
            form.category.data,
            form.name.data or "",
            form.department.data,
            form.basis.data,
            form.remarks.data,
            bool(form.is_active.data),
        )
        try:
            admin.save_list_type(db.session, type_id, data, actor=current_user.email, now=clock.now())
        except admin.CatalogueError as exc:
            db.session.rollback()
            problems = list(exc.params.get("problems", []))
        else:
            flash(_("The list type was saved."))
            return redirect(url_for("joint.catalogue"))
    status = 400 if request.method == "POST" else 200
    return render_template("joint/list_type_form.html", form=form, row=row, problems=problems, **labels()), status


@role_required(*ADMIN)
def import_file():  # type: ignore[no-untyped-def]
    form = ImportForm()
    upload = form.upload.data
    if not form.validate_on_submit() or not upload or not upload.filename:
        flash(_("Choose a file to import."))
        return redirect(url_for("joint.catalogue"))
    with tempfile.TemporaryDirectory(prefix="measures-") as tmp:
        path = Path(tmp) / "measures-upload"
        data = upload.stream.read(MAX_IMPORT + 1)
        if len(data) > MAX_IMPORT:
            flash(_("The file is larger than 5 MB."))
            return redirect(url_for("joint.catalogue"))
        path.write_bytes(data)
        try:
            result = import_measures(db.session, path, actor=current_user.email, now=clock.now())
        except BadMeasuresFile as exc:
            db.session.rollback()
            return render_template("joint/import_result.html", error=str(exc), result=None, **labels()), 400
    return render_template("joint/import_result.html", error=None, result=result, **labels())
