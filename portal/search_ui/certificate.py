"""Issuing a search result certificate from a results page: GET shows what will be certified, POST issues it.

Only the query travels (text, type, filters, as hidden fields); the results are searched again by the service at
the moment of issue. POST only (crawlers do not issue certificates), with CSRF like every form, rate-limited per
client address (RATELIMIT_CERTIFICATE).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_wtf import FlaskForm
from werkzeug.exceptions import HTTPException
from wtforms import HiddenField

from portal import clock, errors
from portal.extensions import db, limiter
from portal.indexing.backend import get_backend
from portal.reports import certificate
from portal.reports.certificate_labels import filter_lines, type_label
from portal.reports.services import signer_from
from portal.search_args import InvalidArgument, parse_search_args
from search.contract import Query

ISSUE_ENDPOINT = "search_ui.certificate_issue"
FIELDS = ("q", "type", "department", "year", "list_name", "category")


class CertificateForm(FlaskForm):
    """The query to certify; parse_search_args judges the values, exactly as on the search page."""

    q = HiddenField()
    type = HiddenField()
    department = HiddenField()
    year = HiddenField()
    list_name = HiddenField()
    category = HiddenField()

    def args(self) -> dict[str, str]:
        return {name: getattr(self, name).data or "" for name in FIELDS}


def certificate_limit() -> str:
    return str(current_app.config.get("RATELIMIT_CERTIFICATE") or "5 per minute;50 per day")


def max_results() -> int:
    return int(current_app.config.get("CERTIFICATE_MAX_RESULTS") or certificate.DEFAULT_MAX_RESULTS)


def _page(form: CertificateForm, query: Query | None, error: str | None, status: int = 200) -> Any:
    described = None
    if query is not None:
        described = {"text": query.text, "type": type_label(query.type), "filters": filter_lines(query.filters)}
    return render_template("reports/certificate_new.html", form=form, query=described, error=error), status


def new() -> Any:
    """What the certificate will hold, and the button that issues it."""
    form = CertificateForm(formdata=request.args, meta={"csrf": False})
    try:
        query = parse_search_args(form.args())
    except InvalidArgument as exc:
        return _page(form, None, exc.message, 400)
    if not query.text:
        return _page(form, None, _("Enter a search first: a certificate records one search."), 400)
    return _page(CertificateForm(data=form.args()), query, None)


@limiter.limit(certificate_limit, methods=["POST"])
def issue() -> Any:
    form = CertificateForm()
    if not form.validate_on_submit():
        return _page(form, None, _("The form has expired. Search again and issue the certificate from the results."),
                     400)  # fmt: skip
    try:
        query = parse_search_args(form.args())
    except InvalidArgument as exc:
        return _page(form, None, exc.message, 400)
    if not query.text:
        return _page(form, None, _("Enter a search first: a certificate records one search."), 400)
    try:
        issued = certificate.issue(db.session, get_backend(), query, signer=signer_from(current_app.config),
                                   now=clock.now(), today=clock.today(), max_results=max_results())  # fmt: skip
    except certificate.SearchUnavailableForCertificate:
        message = _("The search index is being rebuilt, so the search may be incomplete and cannot be certified. "
                    "Please try again in a few minutes.")  # fmt: skip
        return _page(form, query, message, 503)
    return redirect(url_for("reports.certificate_show", number=issued.certificate_no), code=303)


def too_many(error: HTTPException) -> Any:
    """429 of the issue route: a page that says why; any other error of the blueprint as everywhere else."""
    if request.endpoint != ISSUE_ENDPOINT or not isinstance(error, RateLimitExceeded):
        return errors.handle_http(error)
    return render_template("reports/certificate_limited.html"), 429


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/search/certificate", "certificate_new", new, ["GET"]),
    ("/search/certificate", "certificate_issue", issue, ["POST"]),
]


def register(bp: Blueprint) -> None:
    for rule, endpoint, view, methods in URLS:
        bp.add_url_rule(rule, endpoint, view, methods=methods)
    bp.register_error_handler(RateLimitExceeded, too_many)
