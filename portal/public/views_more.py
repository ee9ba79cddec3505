"""Views of the further kinds of credit information: listings with filters, CSV/XLSX exports, record pages.

Thin wrappers over the generic listing, export and detail code of views_records.py.
"""

from __future__ import annotations

from flask import abort, render_template, request

from portal import clock
from portal.domain.kinds import RecordKind
from portal.extensions import db
from portal.public import exports, records
from portal.public.forms_more import CoercionFilterForm, CommitmentFilterForm, HonourFilterForm
from portal.public.views_records import export, filtered_page


def coercions():  # type: ignore[no-untyped-def]
    form = CoercionFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.COERCION, form)
    return render_template("public/coercions.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def coercions_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.COERCION, CoercionFilterForm(formdata=request.args), fmt)


def coercion(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.COERCION, record_id)
    if detail is None:
        abort(404)
    return render_template("public/coercion.html", r=detail)


def honours():  # type: ignore[no-untyped-def]
    form = HonourFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.HONOUR, form)
    return render_template("public/honours.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def honours_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.HONOUR, HonourFilterForm(formdata=request.args), fmt)


def honour(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.HONOUR, record_id)
    if detail is None:
        abort(404)
    return render_template("public/honour.html", r=detail)


def commitments():  # type: ignore[no-untyped-def]
    form = CommitmentFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.COMMITMENT, form)
    return render_template("public/commitments.html", form=form, page=found, limits=exports.EXPORT_LIMITS), status


def commitments_export(fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.COMMITMENT, CommitmentFilterForm(formdata=request.args), fmt)


def commitment(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.COMMITMENT, record_id)
    if detail is None:
        abort(404)
    return render_template("public/commitment.html", r=detail)
