"""The three public views every further kind of credit information has — its filtered listing, the CSV/XLSX export
of that listing and its record page — made from the kind, its filter form and its two templates.

行政强制, 荣誉, 信用承诺, 信用评价 and 检查结果 differ only in these four values; the listing, export and detail code
they share is in views_records.py and portal/public/records.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, render_template, request

from portal import clock
from portal.domain.kinds import RecordKind
from portal.extensions import db
from portal.public import exports, records
from portal.public.forms import ListingForm
from portal.public.forms_more import CoercionFilterForm, CommitmentFilterForm, HonourFilterForm
from portal.public.forms_rated import InspectionFilterForm, RatingFilterForm
from portal.public.views_records import export, filtered_page

View = Callable[..., Any]


def kind_views(kind: str, form: type[ListingForm], plural: str, singular: str) -> dict[str, View]:
    """The endpoints `<plural>`, `<plural>_export` and `<singular>` of a kind (templates public/<name>.html)."""

    def listing():  # type: ignore[no-untyped-def]
        filters = form(formdata=request.args)
        found, status = filtered_page(kind, filters)
        return render_template(f"public/{plural}.html", form=filters, page=found, limits=exports.EXPORT_LIMITS), status

    def listing_export(fmt: str):  # type: ignore[no-untyped-def]
        return export(kind, form(formdata=request.args), fmt)

    def record(record_id: int):  # type: ignore[no-untyped-def]
        detail = records.detail(db.session, clock.today(), kind, record_id)
        if detail is None:
            abort(404)
        return render_template(f"public/{singular}.html", r=detail)

    return {plural: listing, f"{plural}_export": listing_export, singular: record}


FURTHER_KINDS: dict[str, View] = {
    **kind_views(RecordKind.COERCION, CoercionFilterForm, "coercions", "coercion"),
    **kind_views(RecordKind.HONOUR, HonourFilterForm, "honours", "honour"),
    **kind_views(RecordKind.COMMITMENT, CommitmentFilterForm, "commitments", "commitment"),
    **kind_views(RecordKind.RATING, RatingFilterForm, "ratings", "rating"),
    **kind_views(RecordKind.INSPECTION, InspectionFilterForm, "inspections", "inspection"),
}
