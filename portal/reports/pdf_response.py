"""The PDF download of a signed document (credit report, special report, search certificate): drawn with the
configured font, sent as a private attachment named by the document's number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app

from portal.reports import fonts


def draw(render: Callable[..., bytes], doc: Any) -> bytes:
    """`render(doc, font_path=…, font_index=…)` with the site's font; raises fonts.FontMissing without one."""
    cfg = current_app.config
    return render(doc, font_path=cfg.get("REPORT_FONT_PATH"), font_index=int(cfg.get("REPORT_FONT_INDEX", 0)))


def attachment(body: bytes, number: str) -> Response:
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{number}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def download(render: Callable[..., bytes], doc: Any, *, what: str) -> Response | None:
    """The attachment, or None when no embeddable Chinese font is installed (logged; the caller answers 503)."""
    try:
        body = draw(render, doc)
    except fonts.FontMissing:
        current_app.logger.error("%s PDF impossible: no embeddable Chinese font", what)
        return None
    return attachment(body, doc.report_no)
