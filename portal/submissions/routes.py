"""The public submission pages: 信用异议, 投诉举报, 信用修复, the receipt and /track (thin HTTP glue)."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, current_app, g, render_template, request, session
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from portal import clock, urls
from portal.domain.states import SubmissionKind
from portal.extensions import db, limiter
from portal.file_store import file_store
from portal.form_helpers import opts
from portal.i18n import SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS
from portal.notify import get_notifier
from portal.submissions import captcha, codes, guesses, services, targets
from portal.submissions.forms import ComplaintForm, ObjectionForm, RepairForm, SubmissionForm, TrackForm
from portal.submissions.labels import COMPLAINT_TOPICS, ELIGIBILITY_TEXT, OBJECTION_GROUNDS, OUTCOME_LABELS
from portal.work_calendar import work_calendar

bp = Blueprint("submissions", __name__)
log = logging.getLogger(__name__)


def submit_limit() -> str:
    return str(current_app.config["RATELIMIT_SUBMIT"])


def _settings() -> services.Settings:
    cfg = current_app.config
    return services.Settings(str(cfg["SECRET_KEY"]), file_store(), cfg.get("SUBMISSION_DUE_WORKDAYS"))


def _render_form(template: str, form: SubmissionForm, status: int = 200, **context: Any) -> Any:
    """The form with a fresh one-time token (first display) and a fresh CAPTCHA question (every display)."""
    if not form.form_token.data:
        form.form_token.data = codes.new_form_token()
    challenge = captcha.new_challenge(session, str(current_app.config["SECRET_KEY"]))
    form.captcha_nonce.data = challenge.nonce
    form.captcha_answer.data = ""
    return render_template(template, form=form, challenge=challenge, **context), status


def _target_from(value: str | None) -> targets.Target | None:
    """The public record named by ?record= or the hidden field; 404 when it is named but not public."""
    if not value:
        return None
    ref = targets.parse_ref(value)
    found = targets.find_target(db.session, ref, clock.today()) if ref else None
    if found is None:
        abort(404)
    return found


def _duplicate_receipt(form: SubmissionForm) -> Any:
    """A second click of the same form: the receipt of the first, before the CAPTCHA is asked again."""
    token = request.form.get("form_token", "")
    if not codes.TOKEN_RE.match(token):
        return None
    receipt = services.receipt_for_token(db.session, token, str(current_app.config["SECRET_KEY"]))
    if receipt is None:
        return None
    return render_template("submissions/receipt.html", receipt=receipt, labels=SUBMISSION_KIND_LABELS)


def _status(form: SubmissionForm) -> int:
    """503 when the attachments could not be stored (retry later), 400 for invalid input, else 200."""
    return 503 if g.get("storage_failed") else 400 if form.errors else 200


def _save(form: SubmissionForm, new: services.NewSubmission) -> Any:
    """The receipt page, or None when the attachments could not be written: nothing was stored (the service
    removed its partial files) and the form comes back with everything typed in it (_status: 503)."""
    try:
        receipt = services.submit(
            db.session, new, form.checked_uploads, form_token=form.form_token.data, settings=_settings(),
            today=clock.today(), now=clock.now(), calendar=work_calendar(db.session),
        )  # fmt: skip
    except OSError:  # disk full, storage gone: the applicant's input must not be lost with a generic 500
        log.warning("submission not saved: its attachments could not be written", exc_info=True)
        g.storage_failed = True
        form.form_errors.append(_(
            "The attachments could not be saved (the server's storage is full or unavailable). What you entered "
            "has been kept: please attach the files again and retry later."
        ))  # fmt: skip
        return None
    if new.contact_email and not new.anonymous and not receipt.duplicate:
        body = _(
            "Your application has been received.\nTracking number: %(no)s\nQuery code: %(code)s\n"
            "Follow its status at %(url)s with these two values.",
            no=receipt.tracking_no, code=receipt.code_display, url=request.host_url.rstrip("/") + "/track",
        )  # fmt: skip
        get_notifier().send_email(new.contact_email, _("Receipt %(no)s", no=receipt.tracking_no), body)
    return render_template("submissions/receipt.html", receipt=receipt, labels=SUBMISSION_KIND_LABELS)


def index():  # type: ignore[no-untyped-def]
    return render_template("submissions/index.html")


@limiter.limit(submit_limit, methods=["POST"])
def objection():  # type: ignore[no-untyped-def]
    target = _target_from(request.values.get("record"))
    form = ObjectionForm()
    if target:
        form.record.data = str(target.ref)
    if request.method == "POST":
        if (duplicate := _duplicate_receipt(form)) is not None:
            return duplicate
        if form.validate_on_submit() and (saved := _save(form, services.NewSubmission(
            SubmissionKind.OBJECTION, form.description.data, target=target,
            record_ref=None if target else form.record_ref.data,
            subject_name=form.subject_name.data or None, subject_uscc=form.subject_uscc.data or None,
            grounds=form.grounds.data, contact_name=form.contact_name.data,
            contact_phone=form.contact_phone.data, contact_email=form.contact_email.data or None,
        ))) is not None:  # fmt: skip
            return saved
    return _render_form("submissions/objection.html", form, _status(form), target=target,
                        grounds=OBJECTION_GROUNDS)  # fmt: skip


@limiter.limit(submit_limit, methods=["POST"])
def complaint():  # type: ignore[no-untyped-def]
    form = ComplaintForm()
    form.department.choices = opts([("", _("Choose a department")), *targets.departments(db.session)])
    if request.method == "POST":
        if (duplicate := _duplicate_receipt(form)) is not None:
            return duplicate
        if form.validate_on_submit():
            about_department = form.about.data == "department"
            dept = form.department.data or None
            if (saved := _save(form, services.NewSubmission(
                SubmissionKind.COMPLAINT, form.description.data,
                subject_name=None if about_department else form.subject_name.data,
                subject_uscc=None if about_department else (form.subject_uscc.data or None),
                department_uscc=dept, department_name=targets.department_name(db.session, dept) if dept else None,
                grounds=form.topic.data, anonymous=bool(form.anonymous.data),
                contact_name=form.contact_name.data or None, contact_phone=form.contact_phone.data or None,
                contact_email=form.contact_email.data or None,
            ))) is not None:  # fmt: skip
                return saved
    return _render_form("submissions/complaint.html", form, _status(form), topics=COMPLAINT_TOPICS)


@limiter.limit(submit_limit, methods=["POST"])
def repair():  # type: ignore[no-untyped-def]
    target = _target_from(request.values.get("record"))
    if target is None:
        return render_template("submissions/repair_choose.html")
    eligibility = targets.repair_eligibility(target, clock.today())
    context = {"target": target, "eligibility": eligibility, "eligibility_text": ELIGIBILITY_TEXT}
    if not eligibility.eligible:
        status = 409 if request.method == "POST" else 200
        return render_template("submissions/repair_not_eligible.html", **context), status
    form = RepairForm()
    form.record.data = str(target.ref)
    if request.method == "POST":
        if (duplicate := _duplicate_receipt(form)) is not None:
            return duplicate
        if form.validate_on_submit() and (saved := _save(form, services.NewSubmission(
            SubmissionKind.REPAIR, form.description.data, target=target, commitment_accepted=True,
            contact_name=form.contact_name.data, contact_phone=form.contact_phone.data,
            contact_email=form.contact_email.data or None,
        ))) is not None:  # fmt: skip
            return saved
    return _render_form("submissions/repair.html", form, _status(form), **context)


def track():  # type: ignore[no-untyped-def]
    """Failed look-ups here, in the API and in the chat share one budget (portal.submissions.guesses)."""
    form = TrackForm()
    result = None
    status = 200
    if form.validate_on_submit():
        result = guesses.track(db.session, form.tracking_no.data, form.code.data, get_remote_address())
        if result is None:
            status = 404
    elif form.errors:
        status = 400
    return render_template("submissions/track.html", form=form, result=result, not_found=status == 404,
                           kinds=SUBMISSION_KIND_LABELS, statuses=SUBMISSION_STATUS_LABELS,
                           outcomes=OUTCOME_LABELS), status  # fmt: skip


def repair_results():  # type: ignore[no-untyped-def]
    return render_template("submissions/repair_results.html", results=services.repair_results(db.session))


# The patterns are in portal/urls.py (one table, also used to format links outside a request).
urls.register(
    bp,
    {
        "index": index,
        "objection": objection,
        "complaint": complaint,
        "repair": repair,
        "repair_results": repair_results,
        "track": track,
    },
    methods={
        "objection": ["GET", "POST"],
        "complaint": ["GET", "POST"],
        "repair": ["GET", "POST"],
        "track": ["GET", "POST"],
    },
)
