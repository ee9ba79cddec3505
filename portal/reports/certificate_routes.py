"""Pages of an issued search result certificate: show (HTML) and download (PDF); /verify is in routes.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, url_for

from portal.extensions import db
from portal.reports import certificate, certificate_pdf, pdf_response, signing
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
    response = pdf_response.download(certificate_pdf.render, _document(number), what="search certificate")
    if response is None:
        abort(503)
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
