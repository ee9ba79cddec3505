"""The chapters of a credit report, as 信用中国's public credit report groups its information.

Each kind names its chapter (KindSpec.report_group); a chapter lists its kinds' sections in report_rank order. The
chapters of the standard structure always appear, so a report says "查询期内无相关信息" for a chapter with no
information (even one whose kind this platform does not hold yet); "other" appears only when a kind is filed there.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal import kinds
from portal.domain.kinds import ListCategory

GROUP_TITLES = {
    "administrative": _l("Administrative management information"),  # 行政管理信息: 许可, 处罚, 强制
    "lists": _l("Credit list information"),  # 红名单, 严重失信主体名单, 重点关注名单
    "commitment": _l("Credit commitment information"),  # 信用承诺信息
    "rating": _l("Credit rating information"),  # 信用评价信息
    "honour": _l("Honours for honesty and trustworthiness"),  # 诚实守信相关荣誉信息
    "other": _l("Other credit information"),
}
ALWAYS_SHOWN = ("administrative", "lists", "commitment", "rating", "honour")


def group_of(section_key: str) -> str:
    """The chapter of a section key (a kind value, or a list category for kinds filed by category)."""
    spec = kinds.find(section_key)
    if spec is None and section_key in {c.value for c in ListCategory}:
        spec = next((s for s in kinds.specs() if s.by_list_category), None)
    group = spec.report_group if spec is not None else "other"
    return group if group in GROUP_TITLES else "other"


def chapters(section_keys: list[str]) -> list[tuple[str, list[str]]]:
    """(chapter, its section keys in the given order) for every chapter to print, in the standard's order."""
    by_group: dict[str, list[str]] = {key: [] for key in GROUP_TITLES}
    for key in section_keys:
        by_group[group_of(key)].append(key)
    return [(group, keys) for group, keys in by_group.items() if keys or group in ALWAYS_SHOWN]
