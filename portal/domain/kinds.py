"""Enumerations of the data standard: subject kinds, list categories, permit categories and states."""

from __future__ import annotations

from enum import StrEnum


class SubjectKind(StrEnum):
    LEGAL = "legal"  # 法人及非法人组织
    INDIVIDUAL_BUSINESS = "individual_business"  # 个体工商户
    NATURAL_PERSON = "natural_person"  # 自然人


SUBJECT_KIND_BY_ZH = {
    "法人及非法人组织": SubjectKind.LEGAL,
    "个体工商户": SubjectKind.INDIVIDUAL_BUSINESS,
    "自然人": SubjectKind.NATURAL_PERSON,
}


class ListCategory(StrEnum):
    """CONTRACT.md uses redlist|blacklist; 重点关注名单 gets `watchlist` (DOMAIN.md §17)."""

    REDLIST = "redlist"  # 红名单
    BLACKLIST = "blacklist"  # 严重失信主体名单 (formerly 黑名单)
    WATCHLIST = "watchlist"  # 重点关注名单


LIST_CATEGORY_BY_ZH = {
    "红名单": ListCategory.REDLIST,
    "严重失信主体名单": ListCategory.BLACKLIST,
    "重点关注名单": ListCategory.WATCHLIST,
}
# Old terms that must be rejected with a hint to the current one (data-standard §2, §6).
OLD_LIST_CATEGORIES = {"黑名单": "严重失信主体名单", "失信黑名单": "严重失信主体名单"}


PERMIT_CATEGORIES = ("普通", "特许", "认可", "核准", "登记", "其他")


class PermitState(StrEnum):
    VALID = "1"  # 有效
    INVALID = "2"  # 无效


class RecordKind(StrEnum):
    PENALTY = "penalty"
    PERMIT = "permit"
    LIST_ENTRY = "list"
    COERCION = "coercion"
    HONOUR = "honour"
    COMMITMENT = "commitment"


# 强制类别 (data-standard §12): measures (行政强制法 第9条) and enforcement (第12条), in the standard's order.
COERCION_MEASURES = ("查封场所、设施或者财物", "扣押财物", "冻结存款、汇款", "其他行政强制措施")
COERCION_ENFORCEMENTS = (
    "加处罚款或者滞纳金",
    "划拨存款、汇款",
    "拍卖或者依法处理查封、扣押的场所、设施或者财物",
    "排除妨碍、恢复原状",
    "代履行",
    "其他强制执行方式",
)
COERCION_CATEGORIES = COERCION_MEASURES + COERCION_ENFORCEMENTS
# Restricting personal liberty is a coercive measure too, but this platform does not collect it (data-standard §12).
COERCION_NOT_COLLECTED = "限制公民人身自由"

HONOUR_LEVELS = ("国家级", "省级", "市级", "区县级", "其他")  # 荣誉等级 (data-standard §13)
# 信用承诺 (data-standard §10)
COMMITMENT_TYPES = ("审批替代型", "容缺受理型", "证明事项型", "信用修复型", "行业自律型", "主动型", "其他")
COMMITMENT_STATES = ("履行中", "全部履行", "部分履行", "全部未履行")  # blank = 履行中
BROKEN_COMMITMENT_STATES = ("部分履行", "全部未履行")  # 违诺
OPENNESS = ("社会公开", "政务共享", "不公开")  # 公开类型
