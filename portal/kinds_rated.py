"""信用评价结果 (rating) and 检查结果 (inspection), the last kinds of issue 16, registered by portal/kinds.py."""

from __future__ import annotations

from portal import kind_outputs_rated as rated
from portal.domain.kinds import RecordKind
from portal.importers.formats_rated import INSPECTION_FORMAT, RATING_FORMAT
from portal.importers.records_rated import parse_inspection, parse_rating
from portal.importers.supersede import supersede_ratings
from portal.indexing.fields import decision_fields, rating_fields
from portal.kind_spec import KindSpec
from portal.models import Inspection, Rating
from portal.public.export_rated import inspection_headers, inspection_row, rating_headers, rating_row
from portal.public.kind_queries import good_rating, inspection_filters, rating_counts, rating_filters
from portal.public.presenters_rated import (
    inspection_text,
    present_inspection,
    present_inspection_detail,
    present_rating,
    present_rating_detail,
    rating_text,
)

RATED_KINDS: dict[RecordKind, KindSpec] = {
    RecordKind.RATING: KindSpec(
        kind=RecordKind.RATING,
        model=Rating,
        key_columns=("doc_key",),  # 评价体系|评价体系说明|评价年度 or 评价日期 (data-standard §11)
        import_format=RATING_FORMAT,
        parse_row=parse_rating,
        after_import=supersede_ratings,  # a newer rating of the same scheme ends the older one (§11)
        present=present_rating,
        present_detail=present_rating_detail,
        searchable_text=rating_text,
        index_fields=rating_fields,  # typed "rating", faceted by 评价体系; a rating has no number of its own
        detail_endpoint="public.rating",
        index_endpoint="public.ratings",
        export_endpoint="public.ratings_export",
        export_name="ratings",
        api_name="ratings",
        text_column="scheme_key",
        summary_attr="grade",
        repairable=False,  # corrected by the 评价单位: objection only (DOMAIN §19)
        report_rank=7,  # 信用评价信息
        report_group="rating",
        joint_role="incentive",  # good grades (纳税 A, 海关 高级认证企业, 环保 绿) are 守信激励 (DOMAIN §19)
        joint_where=good_rating,
        stopped_text=rated.ratings_stopped,
        upstream_row=rated.rating_upstream_row,
        report_entry=rated.rating_report_entry,
        report_cells=rated.rating_report_cells,
        api_fields=(
            ("title", "title"),  # 纳税信用 2025年度: the scheme (its own name for 其他行业信用评价) and year or date
            ("scheme", "category"),
            ("grade", "state"),
            ("year", "year"),
            ("valid_until", "valid_until"),
        ),  # fmt: skip
        export_headers=rating_headers,
        export_row=rating_row,
        listing_filters=rating_filters,
        profile_counts=rating_counts,  # and how many of them are good grades (守信激励)
    ),
    RecordKind.INSPECTION: KindSpec(
        kind=RecordKind.INSPECTION,
        model=Inspection,
        key_columns=("doc_key", "authority_uscc"),  # 检查机关 + 检查编号 (data-standard §14)
        import_format=INSPECTION_FORMAT,
        parse_row=parse_inspection,
        present=present_inspection,
        present_detail=present_inspection_detail,
        searchable_text=inspection_text,
        index_fields=decision_fields,  # typed "inspection", found by its 检查编号, faceted by 检查类别
        detail_endpoint="public.inspection",
        index_endpoint="public.inspections",
        export_endpoint="public.inspections_export",
        export_name="inspections",
        api_name="inspections",
        text_column="matters",
        summary_attr="matters",
        repairable=False,  # a result, not 失信信息: objection only
        report_rank=8,  # 检查结果 (双随机、一公开)
        report_group="administrative",  # 行政管理信息, with 行政强制
        stopped_text=rated.inspections_stopped,
        upstream_row=rated.inspection_upstream_row,
        report_entry=rated.inspection_report_entry,
        report_cells=rated.inspection_report_cells,
        api_fields=(
            ("inspection_no", "title"),
            ("matters", "summary"),
            ("inspection_type", "category"),
            ("result", "state"),
        ),  # fmt: skip
        export_headers=inspection_headers,
        export_row=inspection_row,
        listing_filters=inspection_filters,
    ),
}
