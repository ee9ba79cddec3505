"""The record-kind registry: what each kind of published credit information *is*, in one place.

Every other module looks a kind up here (or iterates `KINDS`) instead of keeping its own `{"penalty": …}` map or
`if kind == "permit"` chain. Every record model has the same attribute names for what kinds share — `day` (the
record's date), `doc_no`/`doc_key` (its 文号, as given and normalised), `authority_name`/`authority_uscc` (the
deciding department), `subject_id`, `status`, `public_until` — so generic code needs no per-kind column maps.

Adding a kind: a model (with those attributes), its import format and row parser, its presenters, templates, its
URL patterns in portal/urls.py, its labels in portal/i18n.py, and one `KindSpec` below. Where else it appears is
opt-in by KindSpec flags, all defaulted: report_group (its credit-report chapter), incentive and home_latest (home
page sections), joint_role/joint_where (联合奖惩 checks) and follow_alert (news to followers); with none set it is
still counted on the home page, the statistics and the site map, and listed in reports, feeds and digests.

Functions a spec names live in leaf modules that never import this one (importers/records.py and checks.py,
indexing/fields.py, public/presenters.py, export_rows.py and kind_queries.py), so that this module can import them.
Modules that use the registry reach it as `kinds.spec(...)` at call time: portal/public/__init__.py loads the
public blueprint, whose views use the registry, while this module is still importing public/presenters.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from portal import kind_outputs as out
from portal.domain.kinds import RecordKind
from portal.importers.checks import list_catalogue_check
from portal.importers.formats import LIST_FORMAT, PENALTY_FORMAT, PERMIT_FORMAT
from portal.importers.records import parse_list_entry, parse_penalty, parse_permit
from portal.indexing.fields import decision_fields, list_entry_fields
from portal.kind_spec import KindSpec
from portal.kinds_more import MORE_KINDS
from portal.kinds_rated import RATED_KINDS
from portal.models import ListEntry, Penalty, Permit
from portal.public.export_rows import (
    list_entry_headers,
    list_entry_row,
    penalty_headers,
    penalty_row,
    permit_headers,
    permit_row,
)
from portal.public.kind_queries import (
    list_entry_counts,
    list_entry_filters,
    penalty_filters,
    permit_filters,
)
from portal.public.presenters import (
    list_entry_text,
    penalty_text,
    permit_text,
    present_list_entry,
    present_list_entry_detail,
    present_penalty,
    present_penalty_detail,
    present_permit,
    present_permit_detail,
)

KINDS: Mapping[RecordKind, KindSpec] = {
    RecordKind.PENALTY: KindSpec(
        kind=RecordKind.PENALTY,
        model=Penalty,
        key_columns=("decision_key",),
        import_format=PENALTY_FORMAT,
        parse_row=parse_penalty,
        present=present_penalty,
        present_detail=present_penalty_detail,
        searchable_text=penalty_text,
        index_fields=decision_fields,
        detail_endpoint="public.penalty",
        index_endpoint="public.penalties",
        export_endpoint="public.penalties_export",
        export_name="penalties",
        api_name="penalties",
        text_column="violation_type",
        summary_attr="violation_type",
        double_publicity=True,
        report_rank=2,
        report_group="administrative",
        stopped_text=out.penalties_stopped,
        upstream_row=out.penalty_upstream_row,
        report_entry=out.penalty_report_entry,
        report_cells=out.penalty_report_cells,
        api_fields=(
            ("decision_no", "title"),
            ("violation_type", "summary"),
            ("severity", "category"),
            ("punishment_types", "tags"),
        ),  # fmt: skip
        export_headers=penalty_headers,
        export_row=penalty_row,
        listing_filters=penalty_filters,
    ),
    RecordKind.PERMIT: KindSpec(
        kind=RecordKind.PERMIT,
        model=Permit,
        key_columns=("doc_key",),
        import_format=PERMIT_FORMAT,
        parse_row=parse_permit,
        present=present_permit,
        present_detail=present_permit_detail,
        searchable_text=permit_text,
        index_fields=decision_fields,
        detail_endpoint="public.permit",
        index_endpoint="public.permits",
        export_endpoint="public.permits_export",
        export_name="permits",
        api_name="permits",
        text_column="doc_title",
        summary_attr="doc_title",
        double_publicity=True,
        repairable=False,
        report_rank=1,
        report_group="administrative",
        stopped_text=out.permits_stopped,
        upstream_row=out.permit_upstream_row,
        report_entry=out.permit_report_entry,
        report_cells=out.permit_report_cells,
        api_fields=(("doc_no", "title"), ("doc_title", "summary"), ("category", "category"), ("state", "state")),
        export_headers=permit_headers,
        export_row=permit_row,
        listing_filters=permit_filters,
    ),
    RecordKind.LIST_ENTRY: KindSpec(
        kind=RecordKind.LIST_ENTRY,
        model=ListEntry,
        key_columns=("list_key", "doc_key"),
        import_format=LIST_FORMAT,
        parse_row=parse_list_entry,
        import_check=list_catalogue_check,
        present=present_list_entry,
        present_detail=present_list_entry_detail,
        searchable_text=list_entry_text,
        index_fields=list_entry_fields,
        detail_endpoint="public.list_entry",
        index_endpoint=None,  # list entries are browsed by category and list type (portal/public/views_lists.py)
        export_endpoint=None,
        export_name="list-entries",
        api_name="lists",
        text_column="list_name",
        title_attr="list_name",
        summary_attr="reason",
        by_list_category=True,
        report_rank=3,
        report_group="lists",
        stopped_text=out.list_entries_stopped,
        upstream_row=out.list_entry_upstream_row,
        report_entry=out.list_entry_report_entry,
        report_cells=out.list_entry_report_cells,
        api_fields=(
            ("category", "category"),
            ("list_name", "title"),
            ("reason", "summary"),
            ("basis", "basis"),
            ("valid_until", "valid_until"),
            ("doc_no", "doc_no"),  # 认定文书号
        ),  # fmt: skip
        export_headers=list_entry_headers,
        export_row=list_entry_row,
        listing_filters=list_entry_filters,
        profile_counts=list_entry_counts,  # one count per list category (红名单 …), as profiles show them
        export_title=_l("Lists"),
    ),
    **MORE_KINDS,
    **RATED_KINDS,
}


_BY_MODEL: dict[type, KindSpec] = {spec.model: spec for spec in KINDS.values()}


def spec(kind: str | RecordKind) -> KindSpec:
    """The spec of a kind by enum or value; ValueError for an unknown kind."""
    return KINDS[RecordKind(kind)]


def spec_of(record: Any) -> KindSpec:
    """The spec of a record row (a model instance); KeyError for a row that is no record kind."""
    return _BY_MODEL[type(record)]


def find(value: str | None) -> KindSpec | None:
    """The spec of a kind value from outside (a form, a URL, a reference), or None when it names no kind."""
    try:
        return KINDS[RecordKind(value)]
    except ValueError:
        return None


def specs() -> Iterator[KindSpec]:
    """Every kind, in registry order."""
    return iter(KINDS.values())


def values() -> tuple[str, ...]:
    """The kind values, in registry order (CLI choices, reference patterns)."""
    return tuple(kind.value for kind in KINDS)
