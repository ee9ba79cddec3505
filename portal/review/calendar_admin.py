"""Working-day schedules (/review/calendar and `flask calendar import FILE`): an admin enters a year's official
holiday notice in one step; staff pages that show deadlines warn while a year is only estimated (issue 15).

Routes are added to the review blueprint, as portal/review/bindings.py does; the CLI group is registered in
portal/cli.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app, flash, redirect, render_template, url_for
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal import clock
from portal import work_calendar as calendar
from portal.accounts.permissions import role_required
from portal.domain.roles import Role
from portal.domain.workdays import ScheduleInvalid
from portal.extensions import db

MAX_FILE_BYTES = 64 * 1024  # a year's notice is a few dozen rows
PROBLEMS = {
    "header": _l("The first line must name the columns: date,kind (and optionally year, name)."),
    "too_long": _l("Line %(line)s: the schedule has too many rows."),
    "date": _l("Line %(line)s: the date must be written YYYY-MM-DD."),
    "kind": _l("Line %(line)s: the kind must be holiday or workday."),
    "year": _l("Line %(line)s: the year must have four digits."),
    "outside_year": _l("Line %(line)s: the date is not in the year of the schedule."),
    "conflict": _l("Line %(line)s: this day is already listed with another kind or year."),
    "no_holiday": _l("The schedule lists no holiday: is it the whole notice?"),
    "encoding": _l("The file must be UTF-8 text (CSV)."),
}


class ScheduleForm(FlaskForm):
    source = StringField(_l("Source (the notice's number or title)"), validators=[DataRequired(), Length(max=256)])
    schedule = TextAreaField(_l("Schedule (CSV: date,kind)"), validators=[Length(max=MAX_FILE_BYTES)])
    upload = FileField(_l("Or upload the CSV file"))


def problem_text(error: ScheduleInvalid) -> str:
    return str(PROBLEMS.get(error.problem, PROBLEMS["header"]) % {"line": error.line})


def _uploaded_text(form: ScheduleForm) -> str | None:
    storage = form.upload.data
    if storage is None or not getattr(storage, "filename", ""):
        return form.schedule.data or ""
    data = storage.stream.read(MAX_FILE_BYTES + 1)
    try:
        return data[:MAX_FILE_BYTES].decode("utf-8-sig") if len(data) <= MAX_FILE_BYTES else None
    except UnicodeDecodeError:
        return None


@role_required(Role.ADMIN)
def calendar_page():  # type: ignore[no-untyped-def]
    form = ScheduleForm()
    error = None
    if form.validate_on_submit():
        text = _uploaded_text(form)
        if text is None:
            error = str(PROBLEMS["encoding"])
        else:
            try:
                done = calendar.import_schedule(db.session, text.splitlines(), source=form.source.data,
                                                actor=current_user.email, actor_id=current_user.id,
                                                now=clock.now())  # fmt: skip
            except ScheduleInvalid as exc:
                db.session.rollback()
                error = problem_text(exc)
            else:
                for year in done:
                    flash(_("Schedule of %(year)s saved: %(holidays)s holidays, %(workdays)s working weekend days.",
                            year=year.year, holidays=year.holidays, workdays=year.workdays))  # fmt: skip
                return redirect(url_for("review.calendar"))
    today = clock.today()
    return render_template("review/calendar.html", form=form, error=error,
                           years=calendar.imported_years(db.session),
                           estimated=calendar.estimated_years(db.session, today, days=400),
                           today=today), 400 if error or form.errors else 200  # fmt: skip


def calendar_warning_years() -> list[int]:
    """For the deadline pages' warning: estimated years within the deadline window (one small query)."""
    return calendar.estimated_years(db.session, clock.today())


def calendar_context() -> dict[str, Any]:
    # A callable: only the pages that show deadlines (they include review/calendar_warning.html) pay the query.
    return {"calendar_warning_years": calendar_warning_years, "may_edit_calendar": _may_edit}


def _may_edit() -> bool:
    return getattr(current_user, "role", None) is Role.ADMIN


URLS: list[tuple[str, str, Any, list[str]]] = [("/calendar", "calendar", calendar_page, ["GET", "POST"])]

cli = AppGroup("calendar", help="Working-day schedules (the State Council holiday notice of each year).")


@cli.command("import")
@click.argument("file", type=click.Path(exists=False, dir_okay=False, path_type=Path))
@click.option("--source", default=None, help="The notice's number or title (default: the file name).")
def import_command(file: Path, source: str | None) -> None:
    """Import a year's schedule: CSV with columns date,kind[,year][,name]; kind is holiday or workday."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"error: cannot read {file}: {exc.__class__.__name__}", err=True)
        sys.exit(2)
    try:
        done = calendar.import_schedule(db.session, text.splitlines(), source=source or file.name, actor="system",
                                        actor_id=None, now=clock.now())  # fmt: skip
    except ScheduleInvalid as exc:
        db.session.rollback()
        click.echo(f"error: {exc.problem} at line {exc.line}", err=True)
        sys.exit(2)
    current_app.logger.info("calendar schedule imported: years=%s", [y.year for y in done])
    for year in done:
        click.echo(f"year={year.year} holidays={year.holidays} workdays={year.workdays}")
