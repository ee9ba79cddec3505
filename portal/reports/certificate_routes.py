"""Pages of an issued search result certificate: show (HTML) and download (PDF); /verify is in routes.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, url_for

from portal.extensions import db
from portal.reports import certificate, certificate_pdf, fonts, signing
from portal.reports.certificate_labels import filter_lines, subject_lines, type_label
from portal.reports.services import signer_from

NO = "string(length=22)"  # CXZM-YYYYMMDD-XXXXXXXX


def verify_url(number: str, key: str) -> str:
    return url_for("reports.verify", no=number, code=signing.verification_code(key, number), _external=True)


def _document(number: str) -> certificate.CertificateDocument:
    found = certificate.find(db.session, number)
    if found is None:
        abort(404)
    key = signer_from(current_app.config).key
    return certificate.load(found, key=key, verify_url=verify_url(found.certificate_no, key))


def show(number: str) -> Any:
    doc = _document(number)
    response = Response(render_template("reports/certificate.html", doc=doc, notes=certificate_pdf.notes(doc)))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def download(number: str) -> Any:
    doc = _document(number)
    cfg = current_app.config
    try:
        body = certificate_pdf.render(doc, font_path=cfg.get("REPORT_FONT_PATH"),
                                      font_index=int(cfg.get("REPORT_FONT_INDEX", 0)))  # fmt: skip
    except fonts.FontMissing:
        current_app.logger.error("search certificate PDF impossible: no embeddable Chinese font")
        abort(503)
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{doc.report_no}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


URLS: list[tuple[str, str, Any, list[str]]] = [
    (f"/certificates/<{NO}:number>", "certificate_show", show, ["GET"]),
    (f"/certificates/<{NO}:number>.pdf", "certificate_download", download, ["GET"]),
]


def _labels() -> dict[str, Any]:
    return {"type_label": type_label, "filter_lines": filter_lines, "subject_lines": subject_lines}


def register(bp: Blueprint) -> None:
    for rule, endpoint, view, methods in URLS:
        bp.add_url_rule(rule, endpoint, view, methods=methods)
    bp.context_processor(_labels)  # the certificate pages and /verify label types and filters alike
