"""What a record kind is (`KindSpec`): the fields every kind fills in; the kinds themselves are in portal/kinds.py.

Kept apart from the registry so that the modules which define kinds (portal/kinds.py, portal/kinds_more.py) and
the generic code that takes a spec as an argument can import the shape without importing every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from portal import urls
from portal.domain.kinds import RecordKind
from portal.i18n import RECORD_KIND_LABELS, RECORD_KIND_SINGULAR_LABELS
from portal.importers.cells import RowReader
from portal.importers.checks import RowCheck
from portal.importers.formats import Format
from portal.importers.records import ParsedRow
from portal.indexing.fields import IndexFields
from portal.models import Subject
from portal.public.export_rows import (
    Labels,
)
from portal.public.forms import Filters
from portal.public.kind_queries import (
    Conditions,
    Scope,
)
from portal.public.presenters import (
    PublicRecord,
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
    # the report chapter (portal/reports/groups.py) of its section(s), as 信用中国's report: "administrative"
    # (行政管理信息), "lists", "commitment" (信用承诺信息), "rating" (信用评价信息), "honour" (诚实守信相关荣誉信息)
    report_group: str = field(default="other", kw_only=True)
    stopped_text: Callable[[int], str] = field(kw_only=True)  # digest line: n records no longer publicly displayed
    upstream_row: Callable[..., list[object]] = field(kw_only=True)  # staff CSV row for upstream sync
    report_entry: Callable[..., dict[str, Any]] = field(kw_only=True)  # the record in a credit report's content
    report_cells: Callable[[dict[str, Any]], tuple[str, str, str]] = field(kw_only=True)  # its PDF table cells
    # Where the kind appears beyond its own pages (issue 16); defaults keep a new kind out until it opts in.
    # 行政许可/行政处罚 (双公示): grouped so on the home page and the site map; the other kinds with a listing of
    # their own are "other credit information" there
    double_publicity: bool = field(default=False, kw_only=True)
    incentive: bool = field(default=False, kw_only=True)  # positive information for 守信激励: the home page's 守信激励
    # section and the incentive side of a 联合奖惩 check
    home_latest: bool = field(default=False, kw_only=True)  # the home page shows its latest public records (a section)
    # 联合奖惩 checks: the records a department reviews for 失信惩戒 ("discipline") or 守信激励 ("incentive"), by
    # `joint_where(model)` (None: every public record of the kind); "" keeps the kind out of checks
    joint_role: str = field(default="", kw_only=True)
    joint_where: Callable[[Any], Any] | None = field(default=None, kw_only=True)
    # follows: a record that comes to match `follow_alert(model)` (a 违诺) is a 新增 event for followers, not a 变更
    follow_alert: Callable[[Any], Any] | None = field(default=None, kw_only=True)
    import_check: Callable[[Session], RowCheck] | None = None  # checks against reference data (importers/checks.py)
    profile_counts: Callable[[Session, tuple[Any, ...]], dict[str, int]] | None = None  # counted otherwise than by kind
    export_title: Any = None  # the XLSX sheet's name, when not the kind's label
    # run at the end of an import, in its transaction: rules across records (a newer rating supersedes the older)
    after_import: Callable[[Session, int], object] | None = None  # (session, batch id)

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
