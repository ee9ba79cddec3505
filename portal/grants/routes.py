"""Enterprise pages of authorised checks: grants of a bound subject (create, list, revoke) and the check log.

Defines bp; the admin screens (portal/grants/admin.py) add their URL table in portal/grants/__init__.py.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock
from portal.extensions import db, limiter
from portal.grants import services
from portal.grants.forms import GrantForm, PlainForm
from portal.models.enterprise import EnterpriseAccount
from portal.reports.services import deny, signer_from

bp = Blueprint("grants", __name__)
ID = "int(min=1, max=2147483647)"
GRANT_ERRORS = {
    "subject": _l("Authorised checks are open to organisations and individual businesses with records on this "
                  "platform."),
    "purpose": _l("Describe the purpose in at most 200 characters."),
    "period": _l("The grant must start today or later, end after it starts, and last at most a year."),
    "institution": _l("Choose a registered institution."),
    "duplicate": _l("This institution already holds a grant in force. Revoke it first to give a new one."),
    "too_many": _l("This subject has too many grants in force. Revoke one first."),
}  # fmt: skip
STATE_LABELS = {"active": _l("Grant in force"), "revoked": _l("Grant revoked"), "expired": _l("Expired"),
                "not_yet": _l("Not yet in force"), "retired": _l("Institution retired")}  # fmt: skip
OUTCOME_LABELS = {"granted": _l("Full record given"), "revoked": _l("Refused: grant revoked"),
                  "expired": _l("Refused: grant expired"), "not_yet": _l("Refused: grant not yet in force"),
                  "retired": _l("Refused: institution retired")}  # fmt: skip


def grant_limit() -> str:
    return str(current_app.config.get("RATELIMIT_GRANT_ISSUE", "10 per minute;30 per day"))


def _bound(binding_id: int) -> tuple[EnterpriseAccount, Any, Any] | Any:
    """(account, binding, subject), or the response to return: sign-in page, 403 for staff and strangers."""
    if not current_user.is_authenticated:
        return redirect(url_for("enterprise.login", next=request.full_path.rstrip("?")))
    if not getattr(current_user, "is_enterprise", False):
        abort(403)
    found = services.bound_subject(db.session, current_user.id, binding_id)
    if found is None:
        deny(db.session, current_user, f"binding:{binding_id}", now=clock.now())  # type: ignore[arg-type]
        abort(403)
    return (current_user, *found)


def _page(binding: Any, subject: Any, form: GrantForm, *, code: str | None = None, error: Any = None,
          status: int = 200) -> Any:  # fmt: skip
    today = clock.today()
    rows = services.grants_of(db.session, subject, today) if subject is not None else []
    body = render_template("grants/index.html", binding=binding, subject=subject, form=form, rows=rows, code=code,
                           error=error, states=STATE_LABELS, plain=PlainForm())  # fmt: skip
    response = Response(body, status=status)
    response.headers["Cache-Control"] = "private, no-store"  # the code is shown once: never from a cache
    return response


def _choices(form: GrantForm) -> None:
    form.institution.choices = [(i.id, i.name) for i in services.active_institutions(db.session)]


@limiter.limit(grant_limit, methods=["POST"])
def index(binding_id: int) -> Any:
    found = _bound(binding_id)
    if not isinstance(found, tuple):
        return found
    account, binding, subject = found
    form = GrantForm()
    _choices(form)
    if request.method == "GET":
        today = clock.today()
        form.valid_from.data, form.valid_until.data = today, today + timedelta(days=90)
        return _page(binding, subject, form)
    if not form.validate_on_submit():
        return _page(binding, subject, form, status=400)
    new = services.NewGrant(form.institution.data, form.purpose.data, form.valid_from.data, form.valid_until.data)
    try:
        grant, code = services.create(db.session, account, subject, new, key=signer_from(current_app.config).key,
                                      now=clock.now(), today=clock.today())  # fmt: skip
    except services.GrantError as exc:
        db.session.rollback()
        reason = str(exc.params.get("reason", "purpose"))
        return _page(binding, subject, form, error=GRANT_ERRORS.get(reason, GRANT_ERRORS["purpose"]),
                     status=409 if reason in ("duplicate", "too_many") else 400)  # fmt: skip
    return _page(binding, subject, GrantForm(formdata=None), code=services.format_code(code))


def revoke(binding_id: int, grant_id: int) -> Any:
    found = _bound(binding_id)
    if not isinstance(found, tuple):
        return found
    account, binding, subject = found
    if not PlainForm().validate_on_submit():
        abort(400)
    if subject is None:
        abort(404)
    try:
        services.revoke(db.session, account, subject, grant_id, now=clock.now())
    except services.GrantError:
        abort(404)
    flash(_("The grant has been revoked. The institution now sees only public information."))
    return redirect(url_for("grants.index", binding_id=binding.id), code=303)


def checks(binding_id: int) -> Any:
    found = _bound(binding_id)
    if not isinstance(found, tuple):
        return found
    _account, binding, subject = found
    rows = services.checks_of(db.session, subject) if subject is not None else []
    return render_template("grants/checks.html", binding=binding, rows=rows, outcomes=OUTCOME_LABELS)


URLS: list[tuple[str, str, Any, list[str]]] = [
    (f"/enterprise/subjects/<{ID}:binding_id>/grants", "index", index, ["GET", "POST"]),
    (f"/enterprise/subjects/<{ID}:binding_id>/grants/<{ID}:grant_id>/revoke", "revoke", revoke, ["POST"]),
    (f"/enterprise/subjects/<{ID}:binding_id>/grants/checks", "checks", checks, ["GET"]),
]
for rule, endpoint, view, methods in URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)
