"""Back-office views of the pages (/review/pages): list, write, preview, edit, publish, unpublish, versions.

Only PAGE_EDITOR_ROLES (reviewer, admin) get here; every change is audited by the services.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.cms import services
from portal.cms.forms import KIND_LABELS, PageForm, PublishForm
from portal.cms.render import render_markdown
from portal.domain.roles import AUDIT_ROLES, EXPORT_ROLES, PAGE_EDITOR_ROLES
from portal.extensions import db
from portal.i18n import ROLE_LABELS
from portal.models.cms import Page, PageKind

ERROR_TEXT = {
    "duplicate_slug": _l("Another page in this section already uses this web address. Choose a different one."),
    "reserved_slug": _l("This web address belongs to a built-in page. Choose a different one."),
    "invalid_slug": _l("Use lower-case letters, digits and hyphens only."),
    "body_too_long": _l("The text is too long: at most %(max)d characters."),
}


def _context() -> dict[str, Any]:
    return {"me": current_user, "role_labels": ROLE_LABELS, "kind_labels": KIND_LABELS,
            "may_export": current_user.role in EXPORT_ROLES, "may_audit": current_user.role in AUDIT_ROLES}  # fmt: skip


def _editor() -> services.Editor:
    return services.Editor(current_user.id, current_user.email)


def _input(form: PageForm) -> services.PageInput:
    return services.PageInput(
        kind=PageKind(form.kind.data), title=form.title.data, body=form.body.data, slug=form.slug.data or "",
        summary=form.summary.data or None, published_on=form.published_on.data,
    )  # fmt: skip


def _attach_error(form: PageForm, error: services.PageError) -> None:
    field = form.body if error.code == "body_too_long" else form.slug
    field.errors = [*field.errors, str(ERROR_TEXT[error.code]) % {"max": error.params.get("limit", 0)}]


def _editor_page(form: PageForm, page: Page | None, preview: Any = None, status: int = 200):  # type: ignore[no-untyped-def]
    history = services.revisions(db.session, page.id) if page else []
    return render_template("cms/staff/edit.html", form=form, page=page, preview=preview, history=history,
                           publish_form=PublishForm(), **_context()), status  # fmt: skip


def _save(form: PageForm, page: Page | None):  # type: ignore[no-untyped-def]
    """Validate, preview or save: shared by new and edit (POST, then redirect, then GET)."""
    if not form.validate():
        return _editor_page(form, page, status=400)
    if form.preview.data:
        return _editor_page(form, page, preview=render_markdown(form.body.data))
    try:
        if page is None:
            page = services.create_page(db.session, _input(form), editor=_editor(), today=clock.today())
        else:
            page = services.update_page(db.session, page.id, _input(form), editor=_editor())
    except services.PageError as error:
        db.session.rollback()
        _attach_error(form, error)
        return _editor_page(form, page, status=409 if error.code == "duplicate_slug" else 400)
    flash(_("The page was saved."))
    return redirect(url_for("cms.staff_edit", page_id=page.id))


def _load(page_id: int) -> Page:
    try:
        return services.get_page(db.session, page_id)
    except services.PageNotFound:
        abort(404)


@role_required(*PAGE_EDITOR_ROLES)
def staff_index():  # type: ignore[no-untyped-def]
    kind = request.args.get("kind", "")
    if kind and kind not in KIND_LABELS:
        abort(400)
    pages = services.all_pages(db.session, PageKind(kind) if kind else None)
    return render_template("cms/staff/index.html", pages=pages, kind=kind, publish_form=PublishForm(), **_context())


@role_required(*PAGE_EDITOR_ROLES)
def staff_new():  # type: ignore[no-untyped-def]
    form = PageForm()
    if request.method == "GET":
        if request.args.get("kind") in KIND_LABELS:
            form.kind.data = request.args["kind"]
        return _editor_page(form, None)
    return _save(form, None)


@role_required(*PAGE_EDITOR_ROLES)
def staff_edit(page_id: int):  # type: ignore[no-untyped-def]
    page = _load(page_id)
    form = PageForm(obj=page) if request.method == "GET" else PageForm()
    if request.method == "GET":
        form.kind.data = page.kind.value
        return _editor_page(form, page)
    return _save(form, page)


def _set_published(page_id: int, published: bool):  # type: ignore[no-untyped-def]
    if not PublishForm().validate():
        abort(400)  # a missing or wrong CSRF token
    page = _load(page_id)
    services.set_published(db.session, page.id, published, editor=_editor(), today=clock.today())
    flash(_("The page is now public.") if published else _("The page was taken offline; it is a draft again."))
    return redirect(url_for("cms.staff_edit", page_id=page.id))


@role_required(*PAGE_EDITOR_ROLES)
def staff_publish(page_id: int):  # type: ignore[no-untyped-def]
    return _set_published(page_id, True)


@role_required(*PAGE_EDITOR_ROLES)
def staff_unpublish(page_id: int):  # type: ignore[no-untyped-def]
    return _set_published(page_id, False)


@role_required(*PAGE_EDITOR_ROLES)
def staff_revision(page_id: int, version: int):  # type: ignore[no-untyped-def]
    page = _load(page_id)
    try:
        old = services.revision(db.session, page.id, version)
    except services.PageNotFound:
        abort(404)
    return render_template("cms/staff/revision.html", page=page, revision=old, body=render_markdown(old.body),
                           **_context())  # fmt: skip
