"""/joint/stats (发起-响应-反馈 statistics, CSV) and /joint/keys (department API keys, administrators only)."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import JOINT_ADMIN_ROLES, JOINT_STATS_ROLES
from portal.extensions import db
from portal.joint import apikeys, stats
from portal.joint.forms import ApiKeyForm, PlainForm, StatsForm
from portal.joint.labels import SCOPE_LABELS
from portal.joint.views_checks import labels

DEFAULT_DAYS = 90


@role_required(*JOINT_STATS_ROLES)
def statistics():  # type: ignore[no-untyped-def]
    form = StatsForm(formdata=request.args)
    if not form.validate():
        abort(400)
    today = clock.today()
    end = form.end.data or today
    start = form.start.data or end - timedelta(days=DEFAULT_DAYS)
    if start > end:
        start, end = end, start
    data = stats.statistics(db.session, start=start, end=end, today=today)
    if request.args.get("format") == "csv":
        return Response(
            stats.statistics_csv(data),
            mimetype="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="joint-stats-{start}-{end}.csv"'},
        )
    return render_template("joint/stats.html", s=data, form=form, **labels())


@role_required(*JOINT_ADMIN_ROLES)
def keys():  # type: ignore[no-untyped-def]
    form = ApiKeyForm()
    token = None
    error = None
    if form.validate_on_submit():
        try:
            key, token = apikeys.create_key(
                db.session,
                form.department_uscc.data or "",
                form.label.data or "",
                form.scopes.data or [],
                actor=current_user.email,
                actor_id=current_user.id,
                now=clock.now(),
            )
        except apikeys.ApiKeyError as exc:
            db.session.rollback()
            error = {
                "department": _("Enter the department's 18-character USCC."),
                "label": _("Describe what the key is for (at most 128 characters)."),
                "scopes": _("Choose at least one scope."),
            }.get(str(exc.params.get("reason")), str(exc))
        else:
            form = ApiKeyForm(formdata=None)
            flash(_("Key %(prefix)s… created. Copy it now: it is shown only once.", prefix=key.prefix))
    status = 400 if request.method == "POST" and token is None else 200
    response = Response(
        render_template(
            "joint/keys.html",
            form=form,
            keys=apikeys.list_keys(db.session),
            token=token,
            error=error,
            revoke_form=PlainForm(),
            scope_labels=SCOPE_LABELS,
            **labels(),
        ),
        status=status,
    )
    response.headers["Cache-Control"] = "no-store"  # the page may hold a new token
    return response


@role_required(*JOINT_ADMIN_ROLES)
def revoke_key(key_id: int):  # type: ignore[no-untyped-def]
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        key = apikeys.revoke_key(
            db.session, key_id, actor=current_user.email, actor_id=current_user.id, now=clock.now()
        )
    except apikeys.ApiKeyError:
        abort(404)
    flash(_("Key %(prefix)s… was revoked.", prefix=key.prefix))
    return redirect(url_for("joint.keys"))
