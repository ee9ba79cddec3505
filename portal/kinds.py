"""The record-kind registry: what each kind of published credit information *is*, in one place.

Every other module looks a kind up here (or iterates `KINDS`) instead of keeping its own `{"penalty": …}` map or
`if kind == "permit"` chain. Every record model has the same attribute names for what kinds share — `day` (the
record's date), `doc_no`/`doc_key` (its 文号, as given and normalised), `authority_name`/`authority_uscc` (the
deciding department), `subject_id`, `status`, `public_until` — so generic code needs no per-kind column maps.

Adding a kind: a model (with those attributes), its import format and row parser, its presenters, templates, its
URL patterns in portal/urls.py, its labels in portal/i18n.py, and one `KindSpec` below.

Functions a spec names live in leaf modules that never import this one (importers/records.py and checks.py,
indexing/fields.py, public/presenters.py, export_rows.py and kind_queries.py), so that this module can import them.
Modules that use the registry reach it as `kinds.spec(...)` at call time: portal/public/__init__.py loads the
public blueprint, whose views use the registry, while this module is still importing public/presenters.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal import kind_outputs as out
from portal import kind_outputs_more as more
from portal import urls
from portal.domain.kinds import RecordKind
from portal.i18n import RECORD_KIND_LABELS, RECORD_KIND_SINGULAR_LABELS
from portal.importers.cells import RowReader
from portal.importers.checks import RowCheck, list_catalogue_check
from portal.importers.formats import LIST_FORMAT, PENALTY_FORMAT, PERMIT_FORMAT, Format
from portal.importers.formats_more import COERCION_FORMAT, COMMITMENT_FORMAT, HONOUR_FORMAT
from portal.importers.records import ParsedRow, parse_list_entry, parse_penalty, parse_permit
from portal.importers.records_more import parse_coercion, parse_commitment, parse_honour
from portal.indexing.fields import IndexFields, decision_fields, list_entry_fields
from portal.models import Coercion, Commitment, Honour, ListEntry, Penalty, Permit, Subject
from portal.public.export_more import (
    coercion_headers,
    coercion_row,
    commitment_headers,
    commitment_row,
    honour_headers,
    honour_row,
)
from portal.public.export_rows import (
    Labels,
    list_entry_headers,
    list_entry_row,
    penalty_headers,
    penalty_row,
    permit_headers,
    permit_row,
)
from portal.public.forms import Filters
from portal.public.kind_queries import (
    Conditions,
    Scope,
    coercion_filters,
    commitment_filters,
    honour_filters,
    list_entry_counts,
    list_entry_filters,
    penalty_filters,
    permit_filters,
)
from portal.public.presenters import (
    PublicRecord,
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
from portal.public.presenters_more import (
    coercion_text,
    commitment_text,
    honour_text,
    present_coercion,
    present_coercion_detail,
    present_commitment,
    present_commitment_detail,
    present_honour,
    present_honour_detail,
)


@dataclass(frozen=True, slots=True)
class KindSpec:
    kind: RecordKind
    model: Any  # a RecordMixin model with the shared attributes named in the module docstring
    key_columns: tuple[str, ...]  # natural key within one subject (data-standard §4.1, §5, §6)
    import_format: Format  # the data-standard columns and mandatory fields
    parse_row: Callable[[RowReader], ParsedRow | None]  # one file row -> values and natural key (importers/records.py)
    present: Callable[[Any, Subject], PublicRecord]  # the one public (masked) presenter of a row
    present_detail: Callable[..., Any]  # the record page's presenter (masked), also used by exports
    detail_endpoint: str  # the record page, in portal/urls.py
    index_endpoint: str | None  # the filtered listing page, if the kind has one of its own
    export_endpoint: str | None  # CSV/XLSX export of the listing
    export_name: str  # file stem of exports ("penalties.csv")
    api_name: str  # the key of this kind's records in API answers
    # (API field, PublicRecord attribute) of this kind's records in API answers, after the common fields
    api_fields: tuple[tuple[str, str], ...]
    export_headers: Callable[[], list[str]]  # CSV/XLSX column titles, in the interface language
    export_row: Callable[[Any, Labels, str], list[object]]  # (detail, labels, link prefix) -> one export row
    listing_filters: Callable[[Filters, Scope], Conditions]  # the kind's own filters of its listing pages
    # search (portal/indexing/): the scrubbed free text beyond the summary, and the document's per-kind fields
    searchable_text: Callable[[Any, Subject], str]
    index_fields: Callable[[PublicRecord], IndexFields]
    objectionable: bool = True  # 异议 may be raised against a public record of this kind (DOMAIN §7)
    text_column: str = ""  # the degraded SQL search matches it with LIKE, besides 文号 and subject name
    # How generic code (submissions, follows, review, reports, the enterprise dashboard) treats the kind; the
    # per-kind functions live in the leaf module portal/kind_outputs.py. Keyword-only: a new kind must name them.
    title_attr: str = field(default="doc_no", kw_only=True)  # what names one record to people (文号, list name)
    summary_attr: str = field(kw_only=True)  # its one-line summary (违法行为类型, 许可决定书名称, 列入事由)
    by_list_category: bool = field(default=False, kw_only=True)  # filed, labelled and repaired by its ListCategory
    repairable: bool = field(default=True, kw_only=True)  # 失信 information 信用修复 applies to (DOMAIN §9); the
    # other kinds are positive information, whose end of publicity the dashboard does not announce
    report_rank: int = field(default=100, kw_only=True)  # place of the kind's section(s) in a credit report
    stopped_text: Callable[[int], str] = field(kw_only=True)  # digest line: n records no longer publicly displayed
    upstream_row: Callable[..., list[object]] = field(kw_only=True)  # staff CSV row for upstream sync
    report_entry: Callable[..., dict[str, Any]] = field(kw_only=True)  # the record in a credit report's content
    report_cells: Callable[[dict[str, Any]], tuple[str, str, str]] = field(kw_only=True)  # its PDF table cells
    import_check: Callable[[Session], RowCheck] | None = None  # checks against reference data (importers/checks.py)
    profile_counts: Callable[[Session, tuple[Any, ...]], dict[str, int]] | None = None  # counted otherwise than by kind
    export_title: Any = None  # the XLSX sheet's name, when not the kind's label

    @property
    def label(self) -> Any:
        """The kind's name as a heading (plural), in the interface language."""
        return RECORD_KIND_LABELS[self.kind]

    @property
    def label_one(self) -> Any:
        """The kind's name for one record, in the interface language."""
        return RECORD_KIND_SINGULAR_LABELS[self.kind]

    @property
    def sheet_title(self) -> Any:
        """The name of the kind's XLSX export sheet, in the interface language."""
        return self.export_title if self.export_title is not None else self.label

    def record_path(self, record_id: int) -> str:
        """The record page's path, outside a request (search documents, chat, e-mail, feeds)."""
        return urls.path(self.detail_endpoint, record_id=record_id)


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
        report_rank=2,
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
        repairable=False,
        report_rank=1,
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
        ),  # fmt: skip
        export_headers=list_entry_headers,
        export_row=list_entry_row,
        listing_filters=list_entry_filters,
        profile_counts=list_entry_counts,  # one count per list category (红名单 …), as profiles show them
        export_title=_l("Lists"),
    ),
    RecordKind.COERCION: KindSpec(
        kind=RecordKind.COERCION,
        model=Coercion,
        key_columns=("doc_key",),
        import_format=COERCION_FORMAT,
        parse_row=parse_coercion,
        present=present_coercion,
        present_detail=present_coercion_detail,
        searchable_text=coercion_text,
        index_fields=decision_fields,  # typed "coercion", found by its 行政强制决定书文号
        detail_endpoint="public.coercion",
        index_endpoint="public.coercions",
        export_endpoint="public.coercions_export",
        export_name="coercions",
        api_name="coercions",
        text_column="reason",
        summary_attr="reason",
        repairable=False,  # objection only (DOMAIN §19)
        report_rank=4,  # 行政管理信息, after the lists
        stopped_text=more.coercions_stopped,
        upstream_row=more.coercion_upstream_row,
        report_entry=more.coercion_report_entry,
        report_cells=more.coercion_report_cells,
        api_fields=(
            ("decision_no", "title"),
            ("reason", "summary"),
            ("coercion_types", "tags"),
            ("state", "state"),
        ),  # fmt: skip
        export_headers=coercion_headers,
        export_row=coercion_row,
        listing_filters=coercion_filters,
    ),
    RecordKind.HONOUR: KindSpec(
        kind=RecordKind.HONOUR,
        model=Honour,
        key_columns=("honour_key", "doc_key"),
        import_format=HONOUR_FORMAT,
        parse_row=parse_honour,
        present=present_honour,
        present_detail=present_honour_detail,
        searchable_text=honour_text,
        index_fields=decision_fields,  # typed "honour", found by its 授予文件号, faceted by 荣誉等级
        detail_endpoint="public.honour",
        index_endpoint="public.honours",
        export_endpoint="public.honours_export",
        export_name="honours",
        api_name="honours",
        text_column="honour_name",
        summary_attr="honour_name",
        repairable=False,  # positive information (DOMAIN §19)
        report_rank=5,  # 诚实守信相关荣誉信息
        stopped_text=more.honours_stopped,
        upstream_row=more.honour_upstream_row,
        report_entry=more.honour_report_entry,
        report_cells=more.honour_report_cells,
        api_fields=(
            ("doc_no", "title"),
            ("honour_name", "summary"),
            ("level", "category"),
            ("valid_until", "valid_until"),
        ),  # fmt: skip
        export_headers=honour_headers,
        export_row=honour_row,
        listing_filters=honour_filters,
    ),
    RecordKind.COMMITMENT: KindSpec(
        kind=RecordKind.COMMITMENT,
        model=Commitment,
        key_columns=("doc_key",),  # 承诺编码, or 受理单位 + 承诺作出日期 + 承诺事由 (data-standard §10)
        import_format=COMMITMENT_FORMAT,
        parse_row=parse_commitment,
        present=present_commitment,
        present_detail=present_commitment_detail,
        searchable_text=commitment_text,
        index_fields=decision_fields,  # typed "commitment", found by its 承诺编码, faceted by 承诺类型
        detail_endpoint="public.commitment",
        index_endpoint="public.commitments",
        export_endpoint="public.commitments_export",
        export_name="commitments",
        api_name="commitments",
        text_column="matter",
        summary_attr="matter",
        report_rank=6,  # 信用承诺信息; a 违诺 is repairable like an 一般 penalty (DOMAIN §19)
        stopped_text=more.commitments_stopped,
        upstream_row=more.commitment_upstream_row,
        report_entry=more.commitment_report_entry,
        report_cells=more.commitment_report_cells,
        api_fields=(
            ("code", "title"),
            ("matter", "summary"),
            ("type", "category"),
            ("state", "state"),
        ),  # fmt: skip
        export_headers=commitment_headers,
        export_row=commitment_row,
        listing_filters=commitment_filters,
    ),
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
