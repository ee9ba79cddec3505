"""Staff account pages: administrators list, create, deactivate, unlock and reset accounts (/accounts/users);
everyone changes their own password (/accounts/password), which is required after an administrator set it."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock
from portal.accounts import manage_services, sessions
from portal.accounts.forms import NewStaffForm, PasswordChangeForm
from portal.accounts.permissions import role_required
from portal.accounts.services import AccountError
from portal.domain.roles import Role
from portal.extensions import db
from portal.i18n import ROLE_LABELS
from portal.models import User
from portal.review import nav

ERROR_TEXT = {
    "email": _l("Enter a valid e-mail address."),
    "duplicate": _l("An account with this e-mail address already exists."),
    "department_required": _l("A verifier needs the code of the department they work for."),
    "department": _l("The department code is not a valid unified social credit code."),
    "self": _l("You cannot deactivate your own account."),
    "unknown": _l("This account does not exist."),
    "wrong_current": _l("The current password is not correct."),
    "too_short": _l("The new password must have at least %(minimum)s characters."),
    "unchanged": _l("The new password must differ from the current one."),
}
# Signed-in staff who must replace an administrator-chosen password may only do that (or sign out).
OPEN_WHILE_CHANGE_REQUIRED = frozenset({"accounts.password", "accounts.logout", "static"})


def _message(error: AccountError) -> str:
    reason = str(error.params.get("reason", ""))
    text = ERROR_TEXT.get(reason)
    return str(text) % error.params if text is not None else _("The account could not be changed.")


def _admin() -> manage_services.Admin:
    return manage_services.Admin(id=current_user.id, email=current_user.email)


def _page(template: str, **values: Any) -> str:
    return render_template(template, **values)  # the menu, `me` and role labels come from review/nav.py


@role_required(Role.ADMIN)
def users():  # type: ignore[no-untyped-def]
    return _page("accounts/users.html", accounts=manage_services.staff_accounts(db.session), now=clock.now(),
                 form=_new_staff_form(), issued=None)  # fmt: skip


def _new_staff_form() -> NewStaffForm:
    form = NewStaffForm()
    form.role.choices = [(role.value, str(ROLE_LABELS.get(role.value, role.value))) for role in Role]
    return form


@role_required(Role.ADMIN)
def create():  # type: ignore[no-untyped-def]
    form = _new_staff_form()
    issued = None
    if form.validate_on_submit():
        try:
            user, password = manage_services.create_account(db.session, form.email.data, Role(form.role.data),
                                                       form.department_uscc.data or None, admin=_admin())  # fmt: skip
            issued = (user, password)
            form = _new_staff_form()
            form.email.data = form.department_uscc.data = ""
        except AccountError as error:
            db.session.rollback()
            form.email.errors = [*form.email.errors, _message(error)]
    status = 201 if issued else (400 if form.errors else 200)
    return _page("accounts/users.html", accounts=manage_services.staff_accounts(db.session), now=clock.now(),
                 form=form, issued=issued), status  # fmt: skip


@role_required(Role.ADMIN)
def act(user_id: int, action: str):  # type: ignore[no-untyped-def]
    admin, now = _admin(), clock.now()
    try:
        if action == "reset-password":
            user, password = manage_services.reset_password(db.session, user_id, admin=admin, now=now)
            return _page("accounts/users.html", accounts=manage_services.staff_accounts(db.session), now=now,
                         form=_new_staff_form(), issued=(user, password), reset=True)  # fmt: skip
        if action in ("deactivate", "activate"):
            manage_services.set_active(db.session, user_id, action == "activate", admin=admin, now=now)
        elif action == "unlock":
            manage_services.unlock(db.session, user_id, admin=admin, now=now)
        else:
            abort(404)
    except AccountError as error:
        db.session.rollback()
        if error.params.get("reason") == "unknown":
            abort(404)
        flash(_message(error))
        return redirect(url_for("accounts.users"))
    flash(_("The account was updated."))
    return redirect(url_for("accounts.users"))


@role_required(*Role)
def password():  # type: ignore[no-untyped-def]
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = db.session.get(User, current_user.id)
        try:
            manage_services.change_own_password(db.session, user, form.current.data, form.new.data, now=clock.now())
        except AccountError as error:
            db.session.rollback()
            field = form.current if error.params.get("reason") == "wrong_current" else form.new
            field.errors = [*field.errors, _message(error)]
        else:
            sessions.start(user)  # a fresh session under the new nonce; the others have ended
            flash(_("Your password was changed."))
            return redirect(nav.home_url(user.role))
    status = 400 if form.errors else 200
    return _page("accounts/password.html", form=form, required=current_user.must_change_password,
                 minimum=manage_services.MIN_PASSWORD), status  # fmt: skip


def require_password_change() -> Any:
    """before_request: staff with an administrator-chosen password go to the change page first."""
    if not getattr(current_user, "must_change_password", False):
        return None
    if request.endpoint in OPEN_WHILE_CHANGE_REQUIRED:
        return None
    return redirect(url_for("accounts.password"))


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/users", "users", users, ["GET"]),
    ("/users/new", "create", create, ["POST"]),
    ("/users/<int:user_id>/<action>", "act", act, ["POST"]),
    ("/password", "password", password, ["GET", "POST"]),
]
