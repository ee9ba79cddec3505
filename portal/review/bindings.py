"""Back-office screen of enterprise bindings (/review/bindings): list, documents, approve / reject / revoke.

URLS is added to the review blueprint by portal/review/__init__.py; every decision is an AuditEntry written by
portal.enterprise.bindings.decide.
"""

from __future__ import annotations

import io
from typing import Any

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import BINDING_ROLES
from portal.enterprise import bindings
from portal.enterprise.forms import DecisionForm
from portal.enterprise.labels import BINDING_STATUS
from portal.extensions import db
from portal.file_store import file_store
from portal.models.enterprise import BindingStatus
from portal.notify import get_notifier
from portal.submissions import uploads

DOC_LABELS = {"licence": _l("Business licence"), "authorisation": _l("Letter of authorisation")}
ERRORS = {
    "not_allowed": _l("This action is not possible in the current status."),
    "reason_required": _l("Give a reason."),
}


def _context() -> dict[str, Any]:
    return {"statuses": BINDING_STATUS, "doc_labels": DOC_LABELS}


@role_required(*BINDING_ROLES)
def binding_list():  # type: ignore[no-untyped-def]
    value = request.args.get("status", "pending")
    if value not in ("", *(s.value for s in BindingStatus)):
        abort(400)
    items = bindings.staff_list(db.session, BindingStatus(value) if value else None)
    return render_template("review/bindings.html", items=items, current=value, **_context())


def _render(binding_id: int, form: DecisionForm | None = None, error: str | None = None, status: int = 200) -> Any:
    try:
        detail = bindings.staff_detail(db.session, binding_id)
    except bindings.BindingError:
        abort(404)
    return render_template("review/bindings_detail.html", d=detail, b=detail.binding, form=form or DecisionForm(),
                           error=error, **_context()), status  # fmt: skip


@role_required(*BINDING_ROLES)
def binding_detail(binding_id: int):  # type: ignore[no-untyped-def]
    return _render(binding_id)


@role_required(*BINDING_ROLES)
def binding_decide(binding_id: int, action: str):  # type: ignore[no-untyped-def]
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render(binding_id, form, status=400)
    try:
        done = bindings.decide(db.session, binding_id, action, form.reason.data or "", staff_id=current_user.id,
                               staff_email=current_user.email, now=clock.now())  # fmt: skip
    except bindings.BindingError as exc:
        reason = exc.params.get("reason", "")
        if reason == "not_found":
            abort(404)
        return _render(binding_id, form, error=str(ERRORS.get(reason, ERRORS["not_allowed"])), status=409)
    status_text = BINDING_STATUS[done.binding.status.value]
    get_notifier().send_email(done.account_email, _("Your subject binding: %(status)s", status=status_text), _(
        "The credit office has decided on your binding to %(uscc)s: %(status)s. Sign in to see the details.",
        uscc=done.binding.uscc, status=status_text))  # fmt: skip
    flash(_("Decision recorded: %(status)s.", status=status_text))
    return redirect(url_for("review.binding_detail", binding_id=binding_id))


@role_required(*BINDING_ROLES)
def binding_document(binding_id: int, document_id: int):  # type: ignore[no-untyped-def]
    try:
        found = bindings.document(db.session, binding_id, document_id)
    except bindings.BindingError:
        abort(404)
    data = file_store().read(found.stored_name)
    if data is None:
        abort(404)
    name = uploads.download_name(found.mime, f"{found.kind}-{found.id}")  # never the uploader's name (issue 15)
    response = send_file(io.BytesIO(data), mimetype=found.mime, as_attachment=True, download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


ID = "int(min=1, max=2147483647)"
URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/bindings", "bindings", binding_list, ["GET"]),
    (f"/bindings/<{ID}:binding_id>", "binding_detail", binding_detail, ["GET"]),
    (f"/bindings/<{ID}:binding_id>/<any(approve, reject, revoke):action>", "binding_decide", binding_decide,
     ["POST"]),
    (f"/bindings/<{ID}:binding_id>/documents/<{ID}:document_id>", "binding_document", binding_document, ["GET"]),
]  # fmt: skip
