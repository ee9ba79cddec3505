"""Staff upload of a department's file (/review/import): a dry run that shows the first rejects, or the import.

The file goes through the same importer as `flask import` (portal/importers/run.py), so a staff upload is judged
by exactly the rules of the command line. Reviewers may only check a file (dry run); importing is for admins, and
every import is audited. The uploaded file and its rejects file live in a private temporary folder under the
instance and are removed before the page answers.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField

from portal import clock, kinds
from portal.accounts.permissions import role_required
from portal.domain.roles import EXPORT_ROLES, Role
from portal.extensions import db
from portal.i18n import RECORD_KIND_LABELS
from portal.importers.run import ImportFileError, ImportResult, import_file
from portal.models import AuditEntry

SHOWN_REJECTS = 20  # the page lists the first rejects; the clerk fixes the file and checks it again


class ImportForm(FlaskForm):
    kind = SelectField(_l("Kind of information"), choices=[])
    upload = FileField(_l("File (CSV, XLSX or XLS in the format of the data standard)"),
                       validators=[FileRequired(_l("Choose the file to check."))])  # fmt: skip
    dry_run = BooleanField(_l("Only check the file (dry run: nothing is saved)"), default=True)


def _first_rejects(path: Path | None) -> list[tuple[str, str]]:
    """(line, reason) of the first rejected rows, from the rejects file the importer wrote."""
    if path is None or not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = csv.reader(fh)
        next(rows, None)  # 行号, 原因, the file's own columns
        return [(row[0], row[1]) for row, _i in zip(rows, range(SHOWN_REJECTS), strict=False) if len(row) >= 2]


def _run(form: ImportForm, *, dry_run: bool) -> tuple[ImportResult, list[tuple[str, str]]]:
    """Import (or check) the uploaded file in a private folder that is removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=current_app.instance_path))
    try:
        # The importer reads the type from the content, not the name; the fixed name keeps the user's out of paths.
        path = folder / "upload"
        form.upload.data.save(path)
        result = import_file(db.session, path, form.kind.data, today=clock.today(),
                             source_label=f"staff:{current_user.email}"[:256],
                             publish_minor_penalties=bool(current_app.config["PUBLISH_MINOR_PENALTIES"]),
                             dry_run=dry_run)  # fmt: skip
        return result, _first_rejects(result.rejects_path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@role_required(*EXPORT_ROLES)
def import_page():  # type: ignore[no-untyped-def]
    form = ImportForm()
    form.kind.choices = [(spec.kind.value, str(RECORD_KIND_LABELS[spec.kind])) for spec in kinds.specs()]
    may_import = current_user.role is Role.ADMIN
    result = rejects = error = None
    if form.validate_on_submit():
        dry_run = bool(form.dry_run.data) or not may_import  # reviewers check files; admins import them
        try:
            result, rejects = _run(form, dry_run=dry_run)
        except ImportFileError as exc:
            db.session.rollback()
            error = str(exc)  # the importer's reasons are the data standard's Chinese wording (§8)
        else:
            if not dry_run:
                db.session.add(AuditEntry(actor=current_user.email, actor_id=current_user.id, action="import",
                                          target=f"{form.kind.data}:batch:{result.batch_id}",
                                          reason=result.summary))  # fmt: skip
                db.session.commit()
    status = 400 if error or form.errors else 200
    return render_template("review/import.html", form=form, result=result, rejects=rejects, error=error,
                           may_import=may_import, shown=SHOWN_REJECTS), status  # fmt: skip


URLS: list[tuple[str, str, Any, list[str]]] = [("/import", "import_page", import_page, ["GET", "POST"])]
