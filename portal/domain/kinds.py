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
    RATING = "rating"
    INSPECTION = "inspection"


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

# 信用评价结果 (data-standard §11): the schemes and their grades, best first.
RATING_GRADES: dict[str, tuple[str, ...]] = {
    "纳税信用": ("A", "B", "M", "C", "D"),
    "海关信用": ("高级认证企业", "常规企业", "失信企业", "严重失信企业"),
    "环保信用": ("绿", "蓝", "黄", "红", "黑"),
    "公共信用综合评价": ("A", "B", "C", "D"),
    "其他行业信用评价": ("A", "B", "C", "D"),
}
RATING_OTHER_SCHEME = "其他行业信用评价"  # needs 评价体系说明: the scheme's own name
RATING_YEAR_REQUIRED = frozenset({"纳税信用"})
# Good grades count as 守信激励 on a subject's page (DOMAIN §19).
GOOD_RATING_GRADES = frozenset({("纳税信用", "A"), ("海关信用", "高级认证企业"), ("环保信用", "绿")})
RATING_OPENNESS = ("社会公开", "政务共享")
RATING_SUBJECT_KINDS = ("法人及非法人组织", "个体工商户")  # ratings of natural persons are not imported

# 检查结果 (data-standard §14)
INSPECTION_TYPES = ("双随机抽查", "重点检查", "专项检查", "日常检查", "其他")
INSPECTION_METHODS = ("实地检查", "书面检查", "网络监测", "检验检测", "委托专业机构", "其他")
INSPECTION_RESULTS = ("未发现问题", "责令改正", "行政指导", "行政处罚", "行政强制", "其他")  # result codes 01–06
