"""Download of an interview's minutes, shared by the staff pages and the subject's own enterprise account."""

from __future__ import annotations

import io

from flask import Response, abort, send_file

from portal.file_store import file_store
from portal.models import Interview
from portal.submissions import uploads


def send_minutes(found: Interview) -> Response:
    """The stored file under our own name and the type found in its content (never the uploader's name)."""
    data = file_store().read(found.minutes_stored_name)
    if data is None:
        abort(404)
    name = uploads.download_name(found.minutes_mime, f"interview-{found.id}-minutes")
    response = send_file(io.BytesIO(data), mimetype=found.minutes_mime, as_attachment=True, download_name=name,
                         max_age=0)  # fmt: skip
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
