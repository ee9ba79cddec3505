"""Admin screens of authorised checks (/review/institutions): register institutions, issue their
`authorised-check` API keys (shown once), retire them. Every action is audited by portal/grants/institutions.py.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import Role
from portal.extensions import db
from portal.grants import institutions
from portal.grants.forms import KIND_LABELS, InstitutionForm, PlainForm

ID = "int(min=1, max=2147483647)"
ERRORS = {
    "uscc": _l("Enter a valid 18-character unified social credit code."),
    "duplicate": _l("An institution with this unified social credit code is already registered."),
    "retired": _l("The institution has been retired."),
}


def _page(form: InstitutionForm, *, token: str | None = None, error: Any = None, status: int = 200) -> Any:
    body = render_template("grants/institutions.html", form=form, rows=institutions.listing(db.session), token=token,
                           error=error, kinds=KIND_LABELS, plain=PlainForm())  # fmt: skip
    response = Response(body, status=status)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _actor() -> dict[str, Any]:
    return {"actor": current_user.email, "actor_id": current_user.id, "now": clock.now()}


@role_required(Role.ADMIN)
def institution_list() -> Any:
    form = InstitutionForm()
    if not form.is_submitted():
        return _page(form)
    if not form.validate_on_submit():
        return _page(form, status=400)
    new = institutions.NewInstitution(form.uscc.data, form.name.data, form.kind.data, form.contact.data)
    try:
        institutions.register(db.session, new, **_actor())
    except institutions.InstitutionError as exc:
        db.session.rollback()
        reason = str(exc.params.get("reason", "uscc"))
        return _page(form, error=ERRORS.get(reason, ERRORS["uscc"]), status=409 if reason == "duplicate" else 400)
    flash(_("The institution has been registered. Issue an API key for it."))
    return redirect(url_for("grants.institutions"), code=303)


@role_required(Role.ADMIN)
def issue_key(institution_id: int) -> Any:
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        _key, token = institutions.issue_key(db.session, institution_id, **_actor())
    except institutions.InstitutionError as exc:
        if exc.params.get("reason") == "not_found":
            abort(404)
        return _page(InstitutionForm(formdata=None), error=ERRORS["retired"], status=409)
    return _page(InstitutionForm(formdata=None), token=token)


@role_required(Role.ADMIN)
def retire(institution_id: int) -> Any:
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        institutions.retire(db.session, institution_id, **_actor())
    except institutions.InstitutionError:
        abort(404)
    flash(_("The institution has been retired and its keys revoked."))
    return redirect(url_for("grants.institutions"), code=303)


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/review/institutions", "institutions", institution_list, ["GET", "POST"]),
    (f"/review/institutions/<{ID}:institution_id>/keys", "issue_key", issue_key, ["POST"]),
    (f"/review/institutions/<{ID}:institution_id>/retire", "retire", retire, ["POST"]),
]
