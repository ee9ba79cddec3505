"""/supervision/draws: a department's 双随机 draws — new draw, result, exports (CSV/XLSX)."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.errors import DomainError
from portal.domain.roles import DRAW_ROLES
from portal.domain.sampling import MAX_POPULATION, parse_population
from portal.extensions import db
from portal.supervision import draws
from portal.supervision.forms import DrawForm
from portal.supervision.labels import DRAW_ERRORS, PROBLEM_LABELS
from portal.supervision.population import MAX_UPLOAD, PopulationFileError, file_lines, pasted_lines
from portal.supervision.views_grading import common, own_department
from portal.tabular import safe_cell


def _scope() -> str | None:
    """A department sees its own draws; the 信用办's admin sees every department's."""
    return own_department()


@role_required(*DRAW_ROLES)
def draw_list():  # type: ignore[no-untyped-def]
    return render_template("supervision/draws.html", draws=draws.list_draws(db.session, _scope()), **common())


def _lines(form: DrawForm) -> list[tuple[int, str]] | str:
    """The population's lines from exactly one of paste / upload, or an error code."""
    upload = form.upload.data
    has_upload = bool(upload and getattr(upload, "filename", ""))
    if bool(form.population.data and form.population.data.strip()) == has_upload:
        return "source"
    if not has_upload:
        if form.pasted_too_long():
            return "paste_too_long"
        return list(pasted_lines(form.population.data))
    try:
        raw = upload.stream.read(MAX_UPLOAD + 1)
    finally:
        upload.stream.close()  # werkzeug spooled it to a temporary file: release it now
    try:
        return file_lines(raw, current_app.instance_path)
    except PopulationFileError as exc:
        return exc.reason


@role_required(*DRAW_ROLES)
def new_draw():  # type: ignore[no-untyped-def]
    # An admin reaches every tool: without a department of their own, the draw is the 信用办's.
    department = own_department() or current_user.department_uscc or ""
    form = DrawForm()
    error = None
    if form.validate_on_submit():
        lines = _lines(form)
        if isinstance(lines, str):
            error = str(DRAW_ERRORS[lines])
        else:
            try:
                draw = draws.create_draw(db.session, department, form.task_name.data, parse_population(lines),
                                         actor=current_user.email, actor_id=current_user.id, day=clock.today(),
                                         now=clock.now())  # fmt: skip
            except DomainError as exc:
                db.session.rollback()
                error = str(DRAW_ERRORS.get(str(exc.params.get("reason")), DRAW_ERRORS["empty"]))
            else:
                return redirect(url_for("supervision.draw", draw_id=draw.id))
    status = 400 if request.method == "POST" else 200
    return render_template("supervision/new_draw.html", form=form, error=error, max_population=MAX_POPULATION,
                           **common()), status  # fmt: skip


def _load(draw_id: int) -> draws.InspectionDraw:
    try:
        return draws.get_draw(db.session, draw_id, _scope())
    except draws.DrawNotFound:
        abort(404)


@role_required(*DRAW_ROLES)
def draw(draw_id: int):  # type: ignore[no-untyped-def]
    item = _load(draw_id)
    all_items = draws.items(db.session, item)
    problems = [(line, value, PROBLEM_LABELS[reason] % {"line": first}) for line, value, reason, first
                in draws.problems(item)]  # fmt: skip
    return render_template(
        "supervision/draw.html", d=item, items=[i for i in all_items if i.rank is not None],
        counts=draws.counts(all_items), treatments=draws.stored_treatments(item), problems=problems,
        reproduced=draws.reproduce(item, all_items), unknown_sampled=sum(1 for i in all_items if i.rank and not i.name),
        **common(),
    )  # fmt: skip


def _rows(draw_id: int) -> tuple[draws.InspectionDraw, list[str], list[list[Any]]]:
    item = _load(draw_id)
    headers = [_("Credit grade"), _("Place in grade"), _("Unified social credit code"), _("Name"), _("Grading rules"),
               _("Line")]  # fmt: skip
    rows = [[i.grade.value, i.rank, i.uscc, i.name if i.name is not None else _("Not on this platform"), i.reasons,
             i.line_no] for i in draws.items(db.session, item, drawn_only=True)]  # fmt: skip
    return item, headers, rows


def _info(item: draws.InspectionDraw) -> list[Any]:
    """The first line of an export: what was drawn, on which day, with which seed (to reproduce it)."""
    return [_("Task"), item.task_name, _("Draw day"), item.day, _("Seed"), item.seed]


def _filename(item: draws.InspectionDraw, ext: str) -> str:
    return f"inspection-draw-{item.id}-{item.day.isoformat()}.{ext}"


@role_required(*DRAW_ROLES)
def draw_csv(draw_id: int):  # type: ignore[no-untyped-def]
    item, headers, rows = _rows(draw_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in [_info(item), headers, *rows]:
        writer.writerow([safe_cell(value) for value in row])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(item, "csv")}"'})  # fmt: skip


@role_required(*DRAW_ROLES)
def draw_xlsx(draw_id: int):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook  # imported lazily, as the importers do

    item, headers, rows = _rows(draw_id)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_("Sample")[:31])
    for row in [_info(item), headers, *rows]:
        sheet.append([safe_cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return Response(out.getvalue(), mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(item, "xlsx")}"'})  # fmt: skip
