"""Views of 双公示: penalty and permit listings with filters, their CSV/XLSX exports, record pages, profiles."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, redirect, render_template, request, send_file, stream_with_context, url_for
from flask_babel import gettext as _

from portal import clock, kinds
from portal.domain.kinds import RecordKind
from portal.domain.paging import badges
from portal.extensions import db
from portal.i18n import BADGE_LABELS
from portal.public import exports, listing, profile_sections, records
from portal.public.cache import app_cache
from portal.public.forms import ListingForm, PenaltyFilterForm, PermitFilterForm, parse_cursor, parse_per_page
from portal.public.kind_queries import Scope

ALL = Scope()


def filtered_page(kind: str, form: ListingForm, scope: Scope = ALL) -> tuple[listing.Page | None, int]:
    """Validate the GET form and the cursors; the page, or (None, 400) with the errors on the form."""
    today, cache = clock.today(), app_cache()
    form.set_options(
        listing.department_options(db.session, today, kind, cache, scope),
        listing.year_options(db.session, today, kind, cache, scope),
    )
    try:
        after, before = parse_cursor(request.args, "after"), parse_cursor(request.args, "before")
    except ValueError:
        form.form_errors.append(_("The page link is not valid. Start again from the first page."))
        return None, 400
    if not form.validate():
        return None, 400
    found = listing.page(
        db.session, today, kind, form.filters(), cache,
        after=after, before=before, last=request.args.get("last") == "1",
        per_page=parse_per_page(request.args), scope=scope,
    )
    return found, 200


def penalties():  # type: ignore[no-untyped-def]
    form = PenaltyFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.PENALTY, form)
    return render_template("public/penalties.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def permits():  # type: ignore[no-untyped-def]
    form = PermitFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.PERMIT, form)
    return render_template("public/permits.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def _link_prefix(kind: str) -> str:
    """Absolute URL of the record pages without the id (one url_for per export, not per row)."""
    return url_for(kinds.spec(kind).detail_endpoint, record_id=1, _external=True).removesuffix("1")


def export(kind: str, form: ListingForm, fmt: str, scope: Scope = ALL) -> Any:
    """The filtered listing as CSV (streamed) or XLSX, at most EXPORT_LIMITS rows; bad filters give 400."""
    today, cache = clock.today(), app_cache()
    form.set_options(
        listing.department_options(db.session, today, kind, cache, scope),
        listing.year_options(db.session, today, kind, cache, scope),
    )
    if not form.validate():
        abort(400)
    rows = listing.export_rows(db.session, today, kind, form.filters(), exports.EXPORT_LIMITS[fmt], scope)
    spec = kinds.spec(kind)
    name = f"{spec.export_name}-{today:%Y%m%d}"
    if fmt == "csv":
        body = stream_with_context(exports.csv_chunks(kind, rows, _link_prefix(kind)))
        response = Response(body, mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return send_file(
        exports.xlsx_file(kind, rows, _link_prefix(kind), str(spec.sheet_title)),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"{name}.xlsx",
    )


def penalties_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.PENALTY, PenaltyFilterForm(formdata=request.args), fmt)


def permits_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.PERMIT, PermitFilterForm(formdata=request.args), fmt)


def penalty(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.PENALTY, record_id)
    if detail is None:
        abort(404)
    return render_template("public/penalty.html", r=detail)


def permit(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.PERMIT, record_id)
    if detail is None:
        abort(404)
    return render_template("public/permit.html", r=detail)


def _profile_page(profile: records.Profile) -> Any:
    """The profile with the section the query string asks for (profile_sections: 基础信息 by default)."""
    subject = records.subject_by_public_id(db.session, profile.subject.public_id)
    if subject is None:
        abort(404)
    shown = profile_sections.section(db.session, clock.today(), subject, profile_sections.parse_args(request.args))
    return render_template("public/subject.html", profile=profile, section=shown,
                           sections=profile_sections.section_labels(), badges=badges(profile.counts),
                           badge_labels=BADGE_LABELS)  # fmt: skip


def subject(uscc: str):  # type: ignore[no-untyped-def]
    profile = records.profile_by_uscc(db.session, clock.today(), uscc)
    if profile is None:
        abort(404)
    return _profile_page(profile)


def subject_by_id(public_id: str):  # type: ignore[no-untyped-def]
    profile = records.profile_by_public_id(db.session, clock.today(), public_id)
    if profile is None:
        abort(404)
    if profile.subject.uscc:  # one address per subject: organisations live under their USCC
        return redirect(url_for("public.subject", uscc=profile.subject.uscc, **request.args), code=301)
    return _profile_page(profile)
