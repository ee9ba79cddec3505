"""The public blueprint: its URL table (one place, as indico's blueprint.py) and the app-wide template helpers.

Views live in views_site.py (home, language, 适老化, static pages), views_records.py (双公示 listings,
exports, record pages, subject profiles), views_lists.py (信用名单) and views_stats.py (statistics).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request, url_for

from portal import kinds, urls
from portal.i18n import (
    CATEGORY_LABELS,
    CODE_LABELS,
    COERCION_CATEGORY_LABELS,
    COERCION_STATE_LABELS,
    COMMITMENT_STATE_LABELS,
    COMMITMENT_TYPE_LABELS,
    HONOUR_LEVEL_LABELS,
    INSPECTION_RESULT_LABELS,
    INSPECTION_TYPE_LABELS,
    PERMIT_CATEGORY_LABELS,
    PERMIT_STATE_LABELS,
    PUNISHMENT_TYPE_LABELS,
    RATING_SCHEME_LABELS,
    RECORD_KIND_LABELS,
    RECORD_KIND_SINGULAR_LABELS,
    RECORD_STATUS_LABELS,
    SEVERITY_LABELS,
    SUBJECT_KIND_LABELS,
)
from portal.public import sources, views_kinds, views_lists, views_records, views_site, views_stats
from portal.site_identity import site_identity

bp = Blueprint("public", __name__)

CARE_COOKIE = views_site.CARE_COOKIE

# The patterns are in portal/urls.py (one table, also used to format links outside a request).
urls.register(bp, {
    "home": views_site.home,
    "set_language": views_site.set_language,
    "care_mode": views_site.care_mode,
    "about": views_site.about,
    "privacy": views_site.privacy,
    "accessibility": views_site.accessibility,
    "guides": views_site.guides,
    "guide": views_site.guide,
    "sitemap": views_site.sitemap,
    "statistics": views_stats.statistics,
    "penalties": views_records.penalties,
    "penalty": views_records.penalty,
    "penalties_export": views_records.penalties_export,
    "permits": views_records.permits,
    "permit": views_records.permit,
    "permits_export": views_records.permits_export,
    **views_kinds.FURTHER_KINDS,  # 行政强制, 荣誉, 信用承诺, 信用评价, 检查结果
    "subject": views_records.subject,
    "subject_by_id": views_records.subject_by_id,
    "lists": views_lists.index,
    "list_category": views_lists.category,
    "list_category_export": views_lists.category_export,
    "list_type": views_lists.list_type,
    "list_type_export": views_lists.list_type_export,
    "list_entry": views_lists.entry,
})
_STATISTICS_CSV = f"/statistics/<any({', '.join(views_stats.TABLES)}):table>.csv"  # the table names are the view's
bp.add_url_rule(_STATISTICS_CSV, "statistics_csv", views_stats.statistics_csv)
bp.add_url_rule("/statistics/sources", "sources", sources.sources)  # 数据来源及更新情况

SECTIONS = (("/penalties", "publicity"), ("/permits", "publicity"), ("/subjects", "publicity"),
            ("/coercions", "publicity"), ("/honours", "publicity"), ("/commitments", "publicity"),
            ("/ratings", "publicity"), ("/inspections", "publicity"),
            ("/lists", "lists"), ("/guides", "guides"), ("/about", "about"),
            ("/policies", "policies"), ("/news", "news"), ("/statistics", "statistics"),
            ("/submissions", "submissions"), ("/objections", "submissions"), ("/complaints", "submissions"),
            ("/repairs", "submissions"), ("/track", "submissions"), ("/chat", "chat"))


@bp.app_template_filter("punishment_label")
def punishment_label(code: str) -> Any:
    """处罚类别 as stored → its label in the interface language."""
    return PUNISHMENT_TYPE_LABELS.get(code, code)


def subject_url(subject: Any) -> str:
    """Organisations and businesses by USCC; natural persons and subjects without USCC by the opaque id only."""
    if subject.uscc and subject.kind != "natural_person":
        return url_for("public.subject", uscc=subject.uscc)
    return url_for("public.subject_by_id", public_id=subject.public_id)


def record_url(kind: str, record_id: int) -> str:
    return url_for(kinds.spec(kind).detail_endpoint, record_id=record_id)


def objection_url(kind: str, record_id: int) -> str:
    return url_for("submissions.objection", record=f"{kinds.spec(kind).kind}:{int(record_id)}")


def repair_url(kind: str, record_id: int) -> str:
    return url_for("submissions.repair", record=f"{kinds.spec(kind).kind}:{int(record_id)}")


def page_url(**changes: Any) -> str:
    """The current page's URL with the paging parameters replaced (filters kept, so links stay shareable)."""
    args = {k: v for k, v in request.args.items() if k not in ("after", "before", "last")}
    args.update({k: v for k, v in changes.items() if v is not None})
    return url_for(request.endpoint or "public.home", **(request.view_args or {}), **args)


def export_url(endpoint: str, fmt: str) -> str:
    args = {k: v for k, v in request.args.items() if k not in ("after", "before", "last", "per_page")}
    return url_for(endpoint, fmt=fmt, **(request.view_args or {}), **args)


def here() -> str:
    """Path and query of this request, for the language and 适老化 switches to come back to."""
    return request.full_path.rstrip("?") if request.query_string else request.path


@bp.app_context_processor
def inject_helpers() -> dict[str, Any]:
    path = request.path
    section = "home" if path == "/" else next((s for prefix, s in SECTIONS if path.startswith(prefix)), "")
    return {
        "care_mode": request.cookies.get(CARE_COOKIE) == "1",
        "nav_section": section,
        "here": here,
        "site": site_identity(),
        "subject_url": subject_url,
        "record_url": record_url,
        "objection_url": objection_url,
        "repair_url": repair_url,
        "page_url": page_url,
        "export_url": export_url,
        "labels": {
            "category": CATEGORY_LABELS,
            "code": CODE_LABELS,
            "coercion_category": COERCION_CATEGORY_LABELS,
            "coercion_state": COERCION_STATE_LABELS,
            "honour_level": HONOUR_LEVEL_LABELS,
            "commitment_type": COMMITMENT_TYPE_LABELS,
            "commitment_state": COMMITMENT_STATE_LABELS,
            "rating_scheme": RATING_SCHEME_LABELS,
            "inspection_type": INSPECTION_TYPE_LABELS,
            "inspection_result": INSPECTION_RESULT_LABELS,
            "permit_category": PERMIT_CATEGORY_LABELS,
            "permit_state": PERMIT_STATE_LABELS,
            "punishment": PUNISHMENT_TYPE_LABELS,
            "severity": SEVERITY_LABELS,
            "record_status": RECORD_STATUS_LABELS,
            "record_kind": RECORD_KIND_SINGULAR_LABELS,
            "record_kinds": RECORD_KIND_LABELS,
            "subject_kind": SUBJECT_KIND_LABELS,
        },
    }
