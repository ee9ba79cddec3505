"""Views of the credit lists: overview by category, a category, one list type with its measures, one entry."""

from __future__ import annotations

from flask import abort, render_template, request

from portal import clock
from portal.domain.kinds import RecordKind
from portal.extensions import db
from portal.public import catalogue, exports, records
from portal.public.cache import app_cache
from portal.public.forms import ListEntryFilterForm
from portal.public.kind_queries import Scope
from portal.public.views_records import export, filtered_page


def index():  # type: ignore[no-untyped-def]
    blocks = catalogue.overview(db.session, clock.today(), app_cache())
    return render_template("public/lists/index.html", blocks=blocks)


def category(category: str):  # type: ignore[no-untyped-def]
    form = ListEntryFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.LIST_ENTRY, form, Scope(category=category))
    block = catalogue.category_block(db.session, clock.today(), app_cache(), category)
    return render_template("public/lists/category.html", form=form, page=found, block=block,
                           limits=exports.EXPORT_LIMITS), status  # fmt: skip


def category_export(category: str, fmt: str):  # type: ignore[no-untyped-def]
    return export(RecordKind.LIST_ENTRY, ListEntryFilterForm(formdata=request.args), fmt, Scope(category=category))


def list_type(type_id: int):  # type: ignore[no-untyped-def]
    info = catalogue.list_type(db.session, type_id)
    if info is None:
        abort(404)
    form = ListEntryFilterForm(formdata=request.args)
    found, status = filtered_page(RecordKind.LIST_ENTRY, form, Scope(list_type_id=info.id))
    own, generic = catalogue.measures_for(db.session, info)
    return render_template(
        "public/lists/type.html", form=form, page=found, info=info, own=own, generic=generic,
        limits=exports.EXPORT_LIMITS,
    ), status


def list_type_export(type_id: int, fmt: str):  # type: ignore[no-untyped-def]
    info = catalogue.list_type(db.session, type_id)
    if info is None:
        abort(404)
    return export(RecordKind.LIST_ENTRY, ListEntryFilterForm(formdata=request.args), fmt, Scope(list_type_id=info.id))


def entry(record_id: int):  # type: ignore[no-untyped-def]
    detail = records.detail(db.session, clock.today(), RecordKind.LIST_ENTRY, record_id)
    if detail is None:
        abort(404)
    return render_template("public/lists/entry.html", r=detail)
