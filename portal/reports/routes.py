"""Credit report pages: ask for the public version, issue, show (HTML), download (PDF), and the public /verify."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal import clock
from portal.extensions import db, limiter
from portal.form_helpers import clean_code
from portal.i18n import RECORD_STATUS_LABELS, SEVERITY_LABELS
from portal.models.enterprise import EnterpriseAccount
from portal.public import records
from portal.reports import (
    certificate,
    certificate_routes,
    document,
    pdf,
    pdf_response,
    services,
    signing,
    special,
    special_labels,
    special_routes,
)
from portal.reports.groups import GROUP_TITLES
from portal.reports.labels import MARK_TEXT, SECTION_TITLES, VERSION_TITLES, ordinal

bp = Blueprint("reports", __name__)
NO = "string(length=22)"  # XYBG-YYYYMMDD-XXXXXXXX
LABELS = {"sections": SECTION_TITLES, "versions": VERSION_TITLES, "statuses": RECORD_STATUS_LABELS, "marks": MARK_TEXT,
          "severity": SEVERITY_LABELS, "groups": GROUP_TITLES, "ordinal": ordinal}  # fmt: skip


class IssueForm(FlaskForm):
    subject = HiddenField(validators=[DataRequired(), Regexp(records.PUBLIC_ID_SHAPE)])


class VerifyForm(FlaskForm):
    no = StringField(_l("Report number"), filters=[clean_code], validators=[DataRequired(), Length(max=40)])
    code = StringField(_l("Verification code"), filters=[clean_code], validators=[DataRequired(), Length(max=20)])
    hash = StringField(_l("Content fingerprint (optional)"), filters=[clean_code],
                       validators=[Optional(), Length(max=64)])  # fmt: skip


def signer() -> services.Signer:
    return services.signer_from(current_app.config)


def issue_limit() -> str:
    return str(current_app.config.get("RATELIMIT_REPORT_ISSUE", "10 per minute;100 per day"))


def verify_limit() -> str:
    return str(current_app.config.get("RATELIMIT_REPORT_VERIFY", "20 per minute;200 per day"))


def _account() -> EnterpriseAccount | None:
    return current_user if getattr(current_user, "is_enterprise", False) else None  # type: ignore[return-value]


def _verify_url(report_no: str, key: str) -> str:
    return url_for("reports.verify", no=report_no, code=signing.verification_code(key, report_no), _external=True)


def _document(report_no: str) -> document.Document:
    try:
        report = services.open_report(db.session, report_no, _account(), now=clock.now())
    except services.ReportDenied:
        abort(403)
    if report is None:
        abort(404)
    key = signer().key
    return document.load(report, key=key, verify_url=_verify_url(report.report_no, key))


def new():  # type: ignore[no-untyped-def]
    """What the public version holds, and the button that issues it (POST: crawlers do not issue reports)."""
    public_id = request.args.get("subject", "")
    subject = records.subject_by_public_id(db.session, public_id)
    profile = records.profile_by_public_id(db.session, clock.today(), public_id) if subject else None
    if profile is None:
        abort(404)
    form = IssueForm(subject=public_id)
    return render_template("reports/new.html", profile=profile, form=form)


@limiter.limit(issue_limit)
def issue():  # type: ignore[no-untyped-def]
    form = IssueForm()
    if not form.validate_on_submit():
        abort(400)
    subject = records.subject_by_public_id(db.session, form.subject.data)
    if subject is None or records.profile_by_public_id(db.session, clock.today(), form.subject.data) is None:
        abort(404)  # no public profile: nothing to report, and nothing to learn about the subject
    report = services.issue_public(db.session, subject, signer=signer(), now=clock.now(), today=clock.today())
    return redirect(url_for("reports.show", report_no=report.report_no), code=303)


def show(report_no: str):  # type: ignore[no-untyped-def]
    doc = _document(report_no)
    response = Response(render_template("reports/report.html", doc=doc, labels_r=LABELS))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def download(report_no: str):  # type: ignore[no-untyped-def]
    response = pdf_response.download(pdf.render, _document(report_no), what="credit report")
    if response is None:
        abort(503)
    return response


def _not_found(response: Any) -> bool:
    return bool(response.status_code == 404)


@limiter.limit(verify_limit, deduct_when=_not_found)
def verify():  # type: ignore[no-untyped-def]
    form = VerifyForm(formdata=request.args if request.args else None, meta={"csrf": False})
    if not request.args:
        return render_template("reports/verify.html", form=form, result=None)
    if not form.validate():
        return render_template("reports/verify.html", form=form, result=None), 400
    claimed = form.hash.data.lower() if form.hash.data else None
    if claimed is not None and not signing.HASH_RE.match(claimed):
        form.hash.errors = [_("The fingerprint has 64 characters 0-9 and a-f.")]
        return render_template("reports/verify.html", form=form, result=None), 400
    if certificate.is_certificate_no(form.no.data):  # a 查询结果证明: same page, same answers (issue 19)
        found = certificate.verify(db.session, form.no.data, form.code.data, key=signer().key, claimed_hash=claimed)
        status = 404 if found.state == "unknown" else 200
        return render_template("reports/verify.html", form=form, result=found, kind="certificate",
                               labels_r=LABELS), status  # fmt: skip
    if special.is_special_no(form.no.data):  # a 专项信用报告: same page, same answers (DOMAIN §22)
        found_special = special.verify(db.session, form.no.data, form.code.data, key=signer().key,
                                       today=clock.today(), claimed_hash=claimed)  # fmt: skip
        status = 404 if found_special.state == "unknown" else 200
        return render_template("reports/verify.html", form=form, result=found_special, kind="special",
                               labels_r=LABELS, sl=special_labels.labels()), status  # fmt: skip
    result = services.verify(db.session, form.no.data, form.code.data, key=signer().key, today=clock.today(),
                             claimed_hash=claimed)  # fmt: skip
    status = 404 if result.state == "unknown" else 200
    return render_template("reports/verify.html", form=form, result=result, labels_r=LABELS), status


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/reports/new", "new", new, ["GET"]),
    ("/reports/issue", "issue", issue, ["POST"]),
    (f"/reports/<{NO}:report_no>", "show", show, ["GET"]),
    (f"/reports/<{NO}:report_no>.pdf", "download", download, ["GET"]),
    ("/verify", "verify", verify, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
certificate_routes.register(bp)  # /certificates/…: search result certificates (their own URL table)
special_routes.register(bp)  # /special-reports/…, the application page, /review/areas (their own URL table)
