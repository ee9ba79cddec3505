"""/watch pages: a department's watch lists, the screening hits with their feedback, and statistics.

A department user sees and changes only its own department's lists and hits; 信用办 staff (intake, reviewers,
admins) read every department's. Another department's list or hit answers 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain import screening
from portal.domain.roles import SUPERVISION_EDIT_ROLES, SUPERVISION_VIEW_ROLES, Role
from portal.domain.screening import WatchError
from portal.extensions import db
from portal.i18n import FEEDBACK_STATE_LABELS, WATCH_SOURCE_LABELS
from portal.watch import hits, lists
from portal.watch.forms import AddSubjectsForm, FeedbackForm, NewListForm, PickForm, PlainForm

VIEW = tuple(SUPERVISION_VIEW_ROLES)
EDIT = tuple(SUPERVISION_EDIT_ROLES)
WATCH_ERRORS = {
    "name_required": lambda: _("Enter the name of the watch list."),
    "name": lambda: _("The name is limited to %(n)s characters.", n=screening.MAX_LIST_NAME),
    "duplicate_name": lambda: _("Your department already has a watch list of this name."),
    "no_codes": lambda: _("No valid unified social credit code was given."),
    "too_many": lambda: _("A watch list holds at most %(n)s subjects.", n=screening.MAX_ENTRIES),
    "file_too_large": lambda: _("The file is larger than 1 MB."),
    "file_unreadable": lambda: _("The file cannot be read: upload a CSV (UTF-8 or GB18030) or XLSX file."),
    "file_too_many_rows": lambda: _("The file has more than %(n)s rows.", n=screening.MAX_ENTRIES),
    "both": lambda: _("Paste codes or upload a file, not both."),
    "feedback_required": lambda: _("Describe the measures taken."),
    "feedback_too_long": lambda: _("The feedback is limited to %(n)s characters.", n=screening.MAX_FEEDBACK),
    "control": lambda: _("The text contains characters that are not allowed."),
}


def own_department() -> str | None:
    """The department a user is scoped to; None for 信用办 staff (they read every department's)."""
    if current_user.role is Role.DEPARTMENT:
        if not current_user.department_uscc:
            abort(403)
        return str(current_user.department_uscc)
    return None


def _context(**extra: Any) -> dict[str, Any]:
    return {"may_edit": current_user.role in SUPERVISION_EDIT_ROLES, "source_labels": WATCH_SOURCE_LABELS,
            "state_labels": FEEDBACK_STATE_LABELS, "today": clock.today(), **extra}  # fmt: skip


def _message(error: WatchError) -> str:
    return str(WATCH_ERRORS.get(str(error.params.get("reason")), WATCH_ERRORS["no_codes"])())


def _parsed(form: AddSubjectsForm) -> screening.ParsedCodes | None:
    """The codes of the paste or the file; None when neither was given. Raises WatchError."""
    upload = form.upload.data
    has_file = bool(upload and getattr(upload, "filename", ""))
    if form.batch.data and has_file:
        raise WatchError("两者只能选其一", reason="both")
    if has_file:
        raw = upload.stream.read(lists.MAX_FILE_BYTES + 1)
        return screening.parse_codes(lists.read_file(raw))
    if form.batch.data:
        return screening.parse_codes(screening.split_text(form.batch.data))
    return None


def _report(result: lists.AddResult) -> None:
    flash(_("%(added)s subjects added, %(already)s already on the list.", added=result.added, already=result.already))
    parsed = result.parsed
    if parsed.invalid:
        lines = ", ".join(str(line) for line, _value in parsed.invalid[:20])
        flash(_("%(n)s entries are not valid codes and were skipped (lines %(lines)s).", n=len(parsed.invalid),
                lines=lines))  # fmt: skip
    if parsed.duplicates:
        flash(_("%(n)s codes were given more than once and added once.", n=len(parsed.duplicates)))
    if parsed.check_warnings:
        flash(_("%(n)s codes have a wrong check character; they were added as given.", n=len(parsed.check_warnings)))


@role_required(*VIEW)
def index():  # type: ignore[no-untyped-def]
    found = lists.lists(db.session, own_department())
    return render_template("watch/index.html", lists=found, **_context())


@role_required(*EDIT)
def new_list():  # type: ignore[no-untyped-def]
    form = NewListForm()
    error = None
    if form.validate_on_submit():
        me = current_user
        try:
            parsed = _parsed(form)
            watch = lists.create(db.session, own_department() or "", form.name.data, actor=me.email,
                                 actor_id=me.id, now=clock.now())  # fmt: skip
            if parsed is not None:
                _report(lists.add_codes(db.session, watch, parsed, actor=me.email, actor_id=me.id, now=clock.now()))
        except WatchError as exc:
            db.session.rollback()
            error = _message(exc)
        else:
            db.session.commit()
            return redirect(url_for("watch.watch_list", list_id=watch.id))
    status = 400 if request.method == "POST" else 200
    return render_template("watch/new_list.html", form=form, error=error, **_context()), status


def _load(list_id: int) -> Any:
    try:
        return lists.load(db.session, list_id, own_department())
    except lists.ListNotFound:
        abort(404)


@role_required(*VIEW)
def watch_list(list_id: int):  # type: ignore[no-untyped-def]
    watch = _load(list_id)
    query = (request.args.get("q") or "")[:100]
    found = lists.search_subjects(db.session, query) if query else []
    return render_template("watch/list.html", watch=watch, entries=lists.entries(db.session, watch), query=query,
                           found=found, form=AddSubjectsForm(), pick=PickForm(), plain=PlainForm(),
                           **_context())  # fmt: skip


@role_required(*EDIT)
def add_subjects(list_id: int):  # type: ignore[no-untyped-def]
    watch = _load(list_id)
    form = AddSubjectsForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(url_for("watch.watch_list", list_id=list_id))
    me = current_user
    try:
        parsed = _parsed(form)
        if parsed is None:
            raise WatchError("没有内容", reason="no_codes")
        result = lists.add_codes(db.session, watch, parsed, actor=me.email, actor_id=me.id, now=clock.now())
    except WatchError as exc:
        db.session.rollback()
        flash(_message(exc))
    else:
        db.session.commit()
        _report(result)
    return redirect(url_for("watch.watch_list", list_id=list_id))


@role_required(*EDIT)
def pick_subject(list_id: int):  # type: ignore[no-untyped-def]
    watch = _load(list_id)
    form = PickForm()
    if not form.validate_on_submit():
        abort(400)
    parsed = screening.parse_codes([(1, form.uscc.data)])
    me = current_user
    try:
        result = lists.add_codes(db.session, watch, parsed, actor=me.email, actor_id=me.id, now=clock.now())
    except WatchError as exc:
        db.session.rollback()
        flash(_message(exc))
    else:
        db.session.commit()
        _report(result)
    return redirect(url_for("watch.watch_list", list_id=list_id))


@role_required(*EDIT)
def remove_entry(list_id: int, entry_id: int):  # type: ignore[no-untyped-def]
    watch = _load(list_id)
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        lists.remove_entry(db.session, watch, entry_id, actor=current_user.email, actor_id=current_user.id,
                           now=clock.now())  # fmt: skip
    except lists.ListNotFound:
        abort(404)
    db.session.commit()
    flash(_("The subject was removed from the watch list."))
    return redirect(url_for("watch.watch_list", list_id=list_id))


@role_required(*EDIT)
def delete_list(list_id: int):  # type: ignore[no-untyped-def]
    watch = _load(list_id)
    if not PlainForm().validate_on_submit():
        abort(400)
    lists.delete(db.session, watch, actor=current_user.email, actor_id=current_user.id, now=clock.now())
    db.session.commit()
    flash(_("The watch list was deleted. Hits already found are kept."))
    return redirect(url_for("watch.index"))


@role_required(*VIEW)
def hit_list():  # type: ignore[no-untyped-def]
    state = request.args.get("state") or None
    if state not in (None, "open", "overdue", "answered"):
        state = None
    page = hits.page_of_hits(db.session, own_department(), today=clock.today(), state=state,
                             page=request.args.get("page", 1, type=int) or 1)  # fmt: skip
    names = lists.department_names(db.session, {row.hit.department_uscc for row in page.rows})
    return render_template("watch/hits.html", page=page, state=state, form=FeedbackForm(), department_names=names,
                           **_context())  # fmt: skip


@role_required(*EDIT)
def feedback(hit_id: int):  # type: ignore[no-untyped-def]
    form = FeedbackForm()
    department = own_department() or ""
    try:
        hits.load(db.session, hit_id, department)
    except hits.HitNotFound:
        abort(404)
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(url_for("watch.hits", _anchor=f"hit-{hit_id}"))
    try:
        hits.record_feedback(db.session, hit_id, department, form.feedback.data, actor=current_user.email,
                             actor_id=current_user.id, today=clock.today(), now=clock.now())  # fmt: skip
    except WatchError as exc:
        db.session.rollback()
        flash(_message(exc))
    else:
        db.session.commit()
        flash(_("The feedback was recorded."))
    return redirect(url_for("watch.hits", _anchor=f"hit-{hit_id}"))


@role_required(*VIEW)
def statistics():  # type: ignore[no-untyped-def]
    rows = hits.statistics(db.session, own_department(), today=clock.today())
    return render_template("watch/stats.html", rows=rows, **_context())
