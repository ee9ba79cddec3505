"""Staff page of the §16 export (/review/upstream): run an export of one kind, list earlier ones, download them.

Files are written to UPSTREAM_DIR (default <instance>/upstream), as the command does to --out, and are served
only to the roles that may export (they carry full ID numbers). The URL table is added to the review blueprint in
portal/review/__init__.py.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length

from portal import clock, kinds
from portal.accounts.permissions import role_required
from portal.domain.audit_actions import AuditAction
from portal.domain.entry import UPSTREAM_ROLES
from portal.extensions import db
from portal.models import AuditEntry, UpstreamExport
from portal.upstream import export

ROLES = tuple(UPSTREAM_ROLES)


class UpstreamForm(FlaskForm):
    kind = SelectField(_l("Kind of information"), choices=[])
    since = StringField(_l("Changed since"), default="last", validators=[Length(max=40)])


def export_dir() -> Path:
    return Path(current_app.config.get("UPSTREAM_DIR") or os.path.join(current_app.instance_path, "upstream"))


@role_required(*ROLES)
def upstream_page():  # type: ignore[no-untyped-def]
    form = UpstreamForm()
    form.kind.choices = [(s.kind.value, str(s.label)) for s in kinds.specs()]
    if form.validate_on_submit():
        try:
            since = export.parse_since(db.session, form.kind.data, form.since.data or "last")
        except export.SinceError:
            form.since.errors = [_("Write last, all or a date such as 2026-11-01.")]
        else:
            result = export.export_kind(db.session, kinds.spec(form.kind.data), export_dir(), since, now=clock.now(),
                                        actor=current_user.email, actor_id=current_user.id)  # fmt: skip
            flash(_("Exported %(rows)s records.", rows=result.rows))
            return redirect(url_for("review.upstream_page"))
    status = 400 if form.errors else 200
    labels = {s.kind.value: s.label for s in kinds.specs()}
    return render_template("review/upstream.html", form=form, exports=export.recent(db.session), labels=labels,
                           stamp=export.stamp), status  # fmt: skip


def _export(export_id: int) -> UpstreamExport:
    row = db.session.get(UpstreamExport, export_id)
    if row is None:
        abort(404)
    return row


@role_required(*ROLES)
def upstream_file(export_id: int):  # type: ignore[no-untyped-def]
    row = _export(export_id)
    path = Path(row.path)
    if not path.is_file():
        abort(404)
    db.session.add(AuditEntry(actor=current_user.email, actor_id=current_user.id, action=AuditAction.UPSTREAM_DOWNLOAD,
                              target=f"{row.kind}:export:{row.id}", at=clock.now()))  # fmt: skip
    db.session.commit()
    return send_file(path, mimetype="text/csv", as_attachment=True, download_name=path.name)


@role_required(*ROLES)
def upstream_manifest(export_id: int):  # type: ignore[no-untyped-def]
    row = _export(export_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export.MANIFEST_HEADER)
    writer.writerow([row.kind, row.rows, export.stamp(row.since), export.stamp(row.until), row.sha256])
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="manifest-{row.id}.csv"'})  # fmt: skip


EXPORT = "/upstream/<int(max=2147483647):export_id>"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/upstream", "upstream_page", upstream_page, ["GET", "POST"]),
    (f"{EXPORT}.csv", "upstream_file", upstream_file, ["GET"]),
    (f"{EXPORT}/manifest.csv", "upstream_manifest", upstream_manifest, ["GET"]),
]
