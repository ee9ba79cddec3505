"""Import templates for download by staff (/review/import-templates/<kind>.xlsx): header plus one example row.

The same files as `flask import-template` (portal/importers/templates.py), listed on the exports page.
"""

from __future__ import annotations

import io
from typing import Any

from flask import send_file

from portal import kinds
from portal.accounts.permissions import role_required
from portal.domain.roles import EXPORT_ROLES
from portal.importers.templates import write_template

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(*EXPORT_ROLES)
def template(kind: str):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    write_template(buffer, kind, kinds.spec(kind).import_format)
    buffer.seek(0)
    return send_file(buffer, mimetype=XLSX_MIME, as_attachment=True, download_name=f"import-template-{kind}.xlsx")


URLS: list[tuple[str, str, Any, list[str]]] = [
    (f"/import-templates/<any({', '.join(kinds.values())}):kind>.xlsx", "import_template", template, ["GET"]),
]
