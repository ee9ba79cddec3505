"""Views of 信用评价结果 and 检查结果: listings with filters, CSV/XLSX exports, record pages.

Thin wrappers over the generic listing, export and detail code of views_records.py.
"""

from __future__ import annotations

from flask import abort, render_template, request

from portal import clock
from portal.domain.kinds import RecordKind
from portal.extensions import db
from portal.public import exports, records
from portal.public.forms_rated import InspectionFilterForm, RatingFilterForm
from portal.public.views_records import export, filtered_page


def ratings():  # type: ignore[no-untyped-def]
    form = RatingFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.RATING, form)
    return render_template("public/ratings.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def ratings_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.RATING, RatingFilterForm(formdata=request.args), fmt)


def rating(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.RATING, record_id)
    if detail is None:
        abort(404)
    return render_template("public/rating.html", r=detail)


def inspections():  # type: ignore[no-untyped-def]
    form = InspectionFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.INSPECTION, form)
    return render_template("public/inspections.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def inspections_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.INSPECTION, InspectionFilterForm(formdata=request.args), fmt)


def inspection(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.INSPECTION, record_id)
    if detail is None:
        abort(404)
    return render_template("public/inspection.html", r=detail)
