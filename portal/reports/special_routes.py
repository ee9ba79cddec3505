"""Pages of special credit reports: apply and list (enterprise account, per bound subject), show (HTML), download
(PDF); /verify is in routes.py. The URL table is added to the reports blueprint by register()."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.domain.special import Area, PeriodError, Purpose, earliest_start
from portal.extensions import db, limiter
from portal.models.enterprise import EnterpriseAccount
from portal.reports import pdf_response, signing, special, special_pdf
from portal.reports.services import ReportDenied, deny, signer_from
from portal.reports.special_forms import ApplyForm
from portal.reports.special_labels import labels

NO = "string(length=22)"  # ZXBG-YYYYMMDD-XXXXXXXX
ID = "int(min=1, max=2147483647)"
PERIOD_ERRORS = {
    "order": lambda: _("The start of the period must not be after its end."),
    "future": lambda: _("The period cannot end after today."),
    "too_early": lambda: _("The period can start at most five years back, on %(date)s at the earliest.",
                           date=earliest_start(clock.today()).isoformat()),
}  # fmt: skip


def issue_limit() -> str:
    return str(current_app.config.get("RATELIMIT_SPECIAL_REPORT", "10 per minute;50 per day"))


def _enterprise() -> EnterpriseAccount | Any:
    """The signed-in enterprise account, or the response to return (sign-in page, or 403 for staff)."""
    if not current_user.is_authenticated:
        return redirect(url_for("enterprise.login", next=request.full_path.rstrip("?")))
    if not getattr(current_user, "is_enterprise", False):
        abort(403)
    return current_user


def verify_url(number: str, key: str) -> str:
    return url_for("reports.verify", no=number, code=signing.verification_code(key, number), _external=True)


@limiter.limit(issue_limit, methods=["POST"])
def apply(binding_id: int) -> Any:
    account = _enterprise()
    if not isinstance(account, EnterpriseAccount):
        return account
    binding = special.bound(db.session, account.id, binding_id)
    if binding is None:
        deny(db.session, account, f"binding:{binding_id}", now=clock.now())
        abort(403)
    today = clock.today()
    form = ApplyForm()
    if request.method == "GET":
        form.start.data, form.end.data = earliest_start(today), today
    elif form.validate_on_submit():
        application = special.Application(
            binding.id,
            form.start.data,
            form.end.data,
            tuple(Area(a) for a in form.areas.data),
            Purpose(form.purpose.data),
        )
        try:
            report, fresh = special.issue(db.session, account, application, signer=signer_from(current_app.config),
                                          now=clock.now(), today=today)  # fmt: skip
        except PeriodError as exc:
            form.start.errors = [*form.start.errors, PERIOD_ERRORS[exc.params["reason"]]()]
        except ReportDenied:
            abort(403)
        else:
            if not fresh:
                flash(_("A report of this subject for the same period and areas was already issued today; here it "
                        "is again."))  # fmt: skip
            return redirect(url_for("reports.special_show", report_no=report.report_no), code=303)
    status = 400 if form.errors else 200
    return render_template("reports/special_apply.html", form=form, binding=binding, earliest=earliest_start(today),
                           reports=special.of_subject(db.session, binding.uscc), sl=labels()), status  # fmt: skip


def _document(report_no: str) -> special.SpecialDocument:
    account = current_user if getattr(current_user, "is_enterprise", False) else None
    try:
        report = special.open_report(db.session, report_no, account, now=clock.now())  # type: ignore[arg-type]
    except ReportDenied:
        abort(403)
    if report is None:
        abort(404)
    key = signer_from(current_app.config).key
    return special.load(report, key=key, verify_url=verify_url(report.report_no, key))


def show(report_no: str) -> Any:
    doc = _document(report_no)
    response = Response(render_template("reports/special.html", doc=doc, sl=labels(), notes=special_pdf.notes(doc)))
    response.headers["Cache-Control"] = "private, no-store"
    return response


def download(report_no: str) -> Any:
    response = pdf_response.download(special_pdf.render, _document(report_no), what="special report")
    if response is None:
        abort(503)
    return response


URLS: list[tuple[str, str, Any, list[str]]] = [
    (f"/enterprise/subjects/<{ID}:binding_id>/special-reports", "special_apply", apply, ["GET", "POST"]),
    (f"/special-reports/<{NO}:report_no>", "special_show", show, ["GET"]),
    (f"/special-reports/<{NO}:report_no>.pdf", "special_download", download, ["GET"]),
]


def register(bp: Blueprint) -> None:
    for rule, endpoint, view, methods in URLS:
        bp.add_url_rule(rule, endpoint, view, methods=methods)
