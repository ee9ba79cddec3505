"""Enterprise pages (/enterprise): account life cycle, bindings and the "My credit" dashboard (thin HTTP glue)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from portal import clock
from portal.accounts import sessions
from portal.accounts.services import LoginPolicy
from portal.enterprise import accounts, bindings, dashboard
from portal.enterprise.forms import ClaimForm, EmailForm, LoginForm, RegisterForm, ResetForm
from portal.enterprise.labels import BINDING_STATUS
from portal.extensions import db, limiter
from portal.file_store import file_store
from portal.i18n import (
    CORRECTION_STATE_LABELS,
    INTERVIEW_KIND_LABELS,
    RECORD_STATUS_LABELS,
    SUBMISSION_KIND_LABELS,
    SUBMISSION_STATUS_LABELS,
)
from portal.interviews import services as interview_services
from portal.interviews.minutes import send_minutes
from portal.notify import get_notifier
from portal.reports import services as report_services
from portal.reports.labels import MARK_TEXT
from portal.reports.routes import signer
from portal.sign_in import safe_next
from portal.submissions.labels import ELIGIBILITY_TEXT
from portal.supervision import grading
from portal.supervision.labels import GRADE_LABELS

bp = Blueprint("enterprise", __name__)
CLAIM_ERRORS = {
    "duplicate": _l("You have already applied for or are already bound to this subject."),
    "too_many": _l("You have too many applications waiting for review. Wait for their result first."),
    "invalid_uscc": _l("Enter a valid 18-character unified social credit code."),
}
TOKEN_ERRORS = {
    "expired_token": _l("The link has expired. Ask for a new one."),
    "bad_token": _l("The link is not valid or has already been used. Ask for a new one."),
}


def login_limit() -> str:
    return str(current_app.config["RATELIMIT_LOGIN"])


def mail_limit() -> str:
    return str(current_app.config.get("RATELIMIT_ENTERPRISE_MAIL", "5 per minute;20 per day"))


def enterprise_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Anonymous → the enterprise sign-in page; a staff session → 403 (staff accounts have no subject)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return redirect(url_for("enterprise.login", next=request.full_path.rstrip("?")))
        if not getattr(current_user, "is_enterprise", False):
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def _secret() -> str:
    return str(current_app.config["SECRET_KEY"])


def _link(endpoint: str, token: str) -> str:
    return url_for(endpoint, token=token, _external=True)


def _send_confirmation(account: Any) -> None:
    link = _link("enterprise.confirm", accounts.confirmation_token(_secret(), account))
    get_notifier().send_email(account.email, _("Confirm your e-mail address"),
                              _("Open this link within 3 days to confirm your e-mail address:\n%(link)s", link=link))


@limiter.limit(mail_limit, methods=["POST"])
def register():  # type: ignore[no-untyped-def]
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            result = accounts.register(db.session, form.email.data, form.password.data, form.contact_name.data,
                                       now=clock.now())  # fmt: skip
        except accounts.AccountError:
            abort(400)  # the form checks the length first
        if result.account is not None:
            _send_confirmation(result.account)
        elif result.existing is not None:  # tell the owner, not the visitor (no enumeration of addresses)
            get_notifier().send_email(result.existing.email, _("Registration attempt"), _(
                "Someone tried to register a new account with this e-mail address. If it was you, sign in or "
                "reset your password at %(link)s.", link=url_for("enterprise.forgot", _external=True)))
        return render_template("enterprise/check_mail.html", email=form.email.data)
    return render_template("enterprise/register.html", form=form), 400 if form.errors else 200


def confirm(token: str):  # type: ignore[no-untyped-def]
    try:
        accounts.confirm(db.session, _secret(), token, now=clock.now())
    except accounts.AccountError as exc:
        return render_template("enterprise/token_error.html", message=TOKEN_ERRORS[exc.params["reason"]]), 400
    flash(_("Your e-mail address is confirmed. You can sign in now."))
    return redirect(url_for("enterprise.login"))


@limiter.limit(mail_limit, methods=["POST"])
def resend():  # type: ignore[no-untyped-def]
    form = EmailForm()
    if form.validate_on_submit():
        account = accounts.find_by_email(db.session, form.email.data)
        if account is not None and account.confirmed_at is None:
            _send_confirmation(account)
        return render_template("enterprise/check_mail.html", email=form.email.data)
    return render_template("enterprise/resend.html", form=form), 400 if form.errors else 200


@limiter.limit(login_limit, methods=["POST"])
def login():  # type: ignore[no-untyped-def]
    if getattr(current_user, "is_enterprise", False):
        return redirect(url_for("enterprise.home"))
    form = LoginForm()
    failed = unconfirmed = False
    if form.validate_on_submit():
        cfg = current_app.config
        policy = LoginPolicy(int(cfg["LOGIN_MAX_FAILURES"]), int(cfg["LOGIN_LOCK_MINUTES"]))
        result = accounts.authenticate(db.session, form.email.data, form.password.data, now=clock.now(),
                                       policy=policy)  # fmt: skip
        if result.account is not None:
            sessions.start(result.account)  # the same session rules as staff (portal/accounts/sessions.py)
            return redirect(safe_next(request.args.get("next"), url_for("enterprise.home")))
        failed, unconfirmed = not result.unconfirmed, result.unconfirmed
    status = 401 if failed or unconfirmed else (400 if form.errors else 200)
    return render_template("enterprise/login.html", form=form, failed=failed, unconfirmed=unconfirmed), status


def logout():  # type: ignore[no-untyped-def]
    sessions.end()  # a new session generation: a copy of the cookie taken before no longer signs in
    flash(_("You have signed out."))
    return redirect(url_for("enterprise.login"))


@limiter.limit(mail_limit, methods=["POST"])
def forgot():  # type: ignore[no-untyped-def]
    form = EmailForm()
    if form.validate_on_submit():
        account = accounts.find_by_email(db.session, form.email.data)
        if account is not None and account.is_active:
            link = _link("enterprise.reset", accounts.reset_token(_secret(), account))
            get_notifier().send_email(account.email, _("Reset your password"), _(
                "Open this link within one hour to choose a new password:\n%(link)s\nIf you did not ask for it, "
                "ignore this message.", link=link))  # fmt: skip
        return render_template("enterprise/check_mail.html", email=form.email.data, reset=True)
    return render_template("enterprise/forgot.html", form=form), 400 if form.errors else 200


def reset(token: str):  # type: ignore[no-untyped-def]
    try:
        accounts.account_for_reset(db.session, _secret(), token)
    except accounts.AccountError as exc:
        return render_template("enterprise/token_error.html", message=TOKEN_ERRORS[exc.params["reason"]]), 400
    form = ResetForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(db.session, _secret(), token, form.password.data, now=clock.now())
        except accounts.AccountError as exc:
            message = TOKEN_ERRORS.get(exc.params["reason"], TOKEN_ERRORS["bad_token"])
            return render_template("enterprise/token_error.html", message=message), 400
        logout_user()
        session.clear()
        flash(_("Your password has been changed. Sign in with the new password."))
        return redirect(url_for("enterprise.login"))
    return render_template("enterprise/reset.html", form=form), 400 if form.errors else 200


@enterprise_required
def home():  # type: ignore[no-untyped-def]
    return render_template("enterprise/home.html", bindings=bindings.of_account(db.session, current_user.id),
                           statuses=BINDING_STATUS)  # fmt: skip


@enterprise_required
def claim():  # type: ignore[no-untyped-def]
    form = ClaimForm()
    error = None
    if form.validate_on_submit():
        new = bindings.Claim(form.uscc.data, form.claimed_name.data, form.applicant_name.data,
                             form.applicant_phone.data)  # fmt: skip
        try:
            result = bindings.claim(db.session, current_user, new, form.checked["licence"],  # type: ignore[arg-type]
                                    form.checked["authorisation"], store=file_store(),
                                    now=clock.now())  # fmt: skip
        except bindings.BindingError as exc:
            error = CLAIM_ERRORS.get(exc.params.get("reason", ""), CLAIM_ERRORS["duplicate"])
        else:
            for address in result.notify:
                get_notifier().send_email(address, _("A new claim on your subject"), _(
                    "Another account has applied to be bound to the subject %(uscc)s. The credit office reviews the "
                    "application; contact it if you do not know about it.", uscc=new.uscc))  # fmt: skip
            flash(_("Your application has been received. The credit office reviews the documents."))
            return redirect(url_for("enterprise.home"))
    status = 409 if error else (400 if form.errors else 200)
    return render_template("enterprise/claim.html", form=form, error=error), status


def _bound(binding_id: int) -> Any:
    binding = bindings.approved_of(db.session, current_user.id, binding_id)
    if binding is None:
        report_services.deny(db.session, current_user, f"binding:{binding_id}", now=clock.now())  # type: ignore[arg-type]
        abort(403)
    return binding


@enterprise_required
def subject(binding_id: int):  # type: ignore[no-untyped-def]
    binding = _bound(binding_id)
    board = dashboard.build(db.session, binding, today=clock.today())
    # The subject's own grade (DOMAIN §20): internal, shown to nobody else outside the back office.
    grade = grading.own_grade(db.session, board.subject, clock.today())
    # 约谈 join the subject's own record (DOMAIN §21): shown here, never on public pages.
    talks = interview_services.for_subject(db.session, binding.uscc, clock.today())
    return render_template("enterprise/dashboard.html", d=board, status_text=RECORD_STATUS_LABELS, mark_text=MARK_TEXT,
                           own_grade=grade, grade_labels=GRADE_LABELS,
                           eligibility_text=ELIGIBILITY_TEXT, kinds=SUBMISSION_KIND_LABELS,
                           sub_statuses=SUBMISSION_STATUS_LABELS, interviews=talks,
                           interview_kinds=INTERVIEW_KIND_LABELS, correction_states=CORRECTION_STATE_LABELS,
                           today=clock.today())  # fmt: skip


@enterprise_required
def interview_minutes(binding_id: int, interview_id: int):  # type: ignore[no-untyped-def]
    binding = _bound(binding_id)
    try:
        found = interview_services.load_for_subject(db.session, interview_id, binding.uscc)
    except interview_services.InterviewNotFound:
        abort(404)
    return send_minutes(found)


@enterprise_required
def full_report(binding_id: int):  # type: ignore[no-untyped-def]
    """POST only, so CSRFProtect checks the token (app-wide)."""
    try:
        report = report_services.issue_full(db.session, current_user, binding_id, signer=signer(),  # type: ignore[arg-type]
                                            now=clock.now(), today=clock.today())  # fmt: skip
    except report_services.ReportDenied:
        abort(403)
    return redirect(url_for("reports.show", report_no=report.report_no), code=303)


ID = "int(min=1, max=2147483647)"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/register", "register", register, ["GET", "POST"]),
    ("/confirm/<token>", "confirm", confirm, ["GET"]),
    ("/confirm", "resend", resend, ["GET", "POST"]),
    ("/login", "login", login, ["GET", "POST"]),
    ("/logout", "logout", logout, ["POST"]),
    ("/password", "forgot", forgot, ["GET", "POST"]),
    ("/password/<token>", "reset", reset, ["GET", "POST"]),
    ("/", "home", home, ["GET"]),
    ("/bindings/new", "claim", claim, ["GET", "POST"]),
    (f"/subjects/<{ID}:binding_id>", "subject", subject, ["GET"]),
    (f"/subjects/<{ID}:binding_id>/report", "full_report", full_report, ["POST"]),
    (f"/subjects/<{ID}:binding_id>/interviews/<{ID}:interview_id>/minutes", "interview_minutes", interview_minutes,
     ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
