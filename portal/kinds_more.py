"""The kinds added in wave 2 (issue 16): 行政强制, 荣誉/行政奖励, 信用承诺, registered by portal/kinds.py."""

from __future__ import annotations

from typing import Any

from portal import kind_outputs_more as more
from portal.domain.kinds import BROKEN_COMMITMENT_STATES, RecordKind
from portal.importers.formats_more import COERCION_FORMAT, COMMITMENT_FORMAT, HONOUR_FORMAT
from portal.importers.records_more import parse_coercion, parse_commitment, parse_honour
from portal.indexing.fields import decision_fields
from portal.kind_spec import KindSpec
from portal.models import Coercion, Commitment, Honour
from portal.public.export_more import (
    coercion_headers,
    coercion_row,
    commitment_headers,
    commitment_row,
    honour_headers,
    honour_row,
)
from portal.public.kind_queries import (
    coercion_filters,
    commitment_filters,
    honour_filters,
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


def broken_commitment(model: Any) -> Any:
    """违诺 (部分履行 / 全部未履行): what 失信惩戒 reviews and followers are told about as news."""
    return model.state.in_(BROKEN_COMMITMENT_STATES)


MORE_KINDS: dict[RecordKind, KindSpec] = {
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
        joint_role="discipline",  # information for 失信惩戒 review, no list entry itself
        report_rank=4,  # 行政管理信息, after 许可 and 处罚
        report_group="administrative",
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
        incentive=True,
        joint_role="incentive",
        report_rank=5,  # 诚实守信相关荣誉信息
        report_group="honour",
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
        home_latest=True,
        joint_role="discipline",
        joint_where=broken_commitment,
        follow_alert=broken_commitment,
        report_rank=6,  # 信用承诺信息; a 违诺 is repairable like an 一般 penalty (DOMAIN §19)
        report_group="commitment",
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
