"""联合奖惩 rules (DOMAIN §11): which measures apply to an act, 强制/推荐 marks, suspension, feedback and its deadline.

Pure: plain values in, plain values out; the working-day calendar is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from portal.domain.errors import DomainError
from portal.domain.text import name_key

GENERIC_SUFFIX = "（通用）"  # the catalogue's generic rows carry measures for a whole category (DOMAIN §4)
MAX_BATCH = 1000  # subjects per batch check (issue 10)
MAX_PURPOSE = 500
MAX_REASON = 1000
DEFAULT_FEEDBACK_WORKDAYS = 10  # feedback due within 10 WD of the check (project default, configurable)


class Act(StrEnum):
    """The administrative act a department checks before (应查必查, DOMAIN §11 step 3)."""

    APPROVAL = "approval"  # 行政审批
    TENDER = "tender"  # 招标投标、政府采购
    FUNDING = "funding"  # 资金扶持
    HONOURS = "honours"  # 评优评先
    MARKET_ENTRY = "market_entry"  # 市场准入、任职资格
    FINANCING = "financing"  # 金融融资
    SUPERVISION = "supervision"  # 日常监管
    LAND = "land"  # 土地、不动产
    PUBLIC_SERVICE = "public_service"  # 公共服务
    OTHER = "other"  # any other act: every measure is listed


# 事项名称 vocabulary of catalogue/measures.csv (DOMAIN §11) grouped by the act it restricts or rewards.
ACT_ITEMS: Mapping[Act, frozenset[str]] = {
    Act.APPROVAL: frozenset({"行政许可审批", "资质认定", "项目审批核准"}),
    Act.TENDER: frozenset({"招标投标", "政府采购", "公共资源交易"}),
    Act.FUNDING: frozenset({"财政资金支持", "优惠政策"}),
    Act.HONOURS: frozenset({"评先评优", "荣誉称号"}),
    Act.MARKET_ENTRY: frozenset({"市场准入", "任职资格", "行业自律"}),
    Act.FINANCING: frozenset({"金融融资"}),
    Act.SUPERVISION: frozenset({"日常监管", "信息公示", "通报约谈", "税收管理"}),
    Act.LAND: frozenset({"土地矿权", "不动产"}),
    Act.PUBLIC_SERVICE: frozenset({"公共服务", "出行消费", "出境", "个人信用记录"}),
}
GENERAL_ITEMS = frozenset({"无"})  # a measure not tied to one act applies to every act


class Mode(StrEnum):
    MANDATORY = "mandatory"  # 强制: must be applied by law
    RECOMMENDED = "recommended"  # 推荐: may be applied


class Category(StrEnum):
    REDLIST = "redlist"
    BLACKLIST = "blacklist"
    WATCHLIST = "watchlist"


class FeedbackOutcome(StrEnum):
    APPLIED = "applied"  # the measure was applied
    NOT_APPLICABLE = "not_applicable"  # the measure does not fit this act or subject
    NOT_APPLIED = "not_applied"  # applicable but not applied (a reason is required)


class FeedbackError(DomainError):
    code = "invalid_feedback"


class MeasureLike(Protocol):
    @property
    def list_name(self) -> str: ...
    @property
    def item(self) -> str: ...
    @property
    def mode(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class AppliedMeasure:
    measure_id: int
    mode: Mode
    generic: bool  # from the category's （通用） row rather than the list's own


def is_generic(list_name: str) -> bool:
    return list_name.endswith(GENERIC_SUFFIX)


def applies_to_act(item: str, act: Act) -> bool:
    """A measure applies to an act when its 事项名称 belongs to the act, is general (无), or the act is OTHER."""
    item = item.strip()
    return act is Act.OTHER or item in GENERAL_ITEMS or item in ACT_ITEMS.get(act, frozenset())


def mode_of(mode_text: str | None, category: str) -> Mode:
    """强制/推荐 as written; blank → 安徽 principle: incentives 推荐, punishments 强制 (seed 002 篇十五)."""
    text = (mode_text or "").strip()
    if text == "强制":
        return Mode.MANDATORY
    if text == "推荐":
        return Mode.RECOMMENDED
    return Mode.RECOMMENDED if category == Category.REDLIST else Mode.MANDATORY


def is_suspended(category: str, status: str) -> bool:
    """Joint punishment is not executed while an objection is verified (DOMAIN §7); incentives are not suspended."""
    return status == "under_objection" and category != Category.REDLIST


@dataclass(frozen=True, slots=True)
class CatalogueIndex:
    """Active measures by list-name key, and the generic list names of each category."""

    by_list: Mapping[str, tuple[tuple[int, str, str | None], ...]]  # key -> (id, item, mode)
    generic_by_category: Mapping[str, tuple[str, ...]]  # category -> keys of its （通用） list names


def build_index(
    measures: Iterable[tuple[int, str, str, str | None]], generic_names: Iterable[tuple[str, str]]
) -> CatalogueIndex:
    """`measures`: (id, list_name, item, mode) of active measures; `generic_names`: (category, list_name)."""
    by_list: dict[str, list[tuple[int, str, str | None]]] = {}
    for measure_id, list_name, item, mode in measures:
        by_list.setdefault(name_key(list_name), []).append((measure_id, item, mode))
    generic: dict[str, list[str]] = {}
    for category, list_name in generic_names:
        if is_generic(list_name):
            generic.setdefault(category, []).append(name_key(list_name))
    return CatalogueIndex({k: tuple(v) for k, v in by_list.items()}, {k: tuple(v) for k, v in generic.items()})


def measures_for_entry(index: CatalogueIndex, list_name: str, category: str, act: Act) -> list[AppliedMeasure]:
    """The list's own measures that apply to the act, then its category's generic ones (no duplicates)."""
    found: list[AppliedMeasure] = []
    seen: set[int] = set()
    own_key = name_key(list_name)
    sources: list[tuple[str, bool]] = [(own_key, False)]
    sources += [(key, True) for key in index.generic_by_category.get(category, ()) if key != own_key]
    for key, generic in sources:
        for measure_id, item, mode in index.by_list.get(key, ()):
            if measure_id in seen or not applies_to_act(item, act):
                continue
            seen.add(measure_id)
            found.append(AppliedMeasure(measure_id, mode_of(mode, category), generic))
    return found


def check_feedback(outcome: str, reason: str, measure_id: int | None, allowed_measures: Sequence[int]) -> None:
    """Raises FeedbackError: unknown outcome, missing reason (unless applied), or a measure not offered for the hit."""
    if outcome not in {o.value for o in FeedbackOutcome}:
        raise FeedbackError("执行反馈结果无效", reason="outcome")
    if outcome != FeedbackOutcome.APPLIED and not reason.strip():
        raise FeedbackError("未执行或不适用时须说明理由", reason="reason_required")
    if len(reason) > MAX_REASON:
        raise FeedbackError("理由过长", reason="reason_too_long")
    if outcome == FeedbackOutcome.APPLIED and measure_id is None and allowed_measures:
        raise FeedbackError("请指明已执行的措施", reason="measure_required")
    if measure_id is not None and measure_id not in allowed_measures:
        raise FeedbackError("该措施不适用于此命中记录", reason="measure")


class WorkdayCalendar(Protocol):
    def add_workdays(self, start: date, n: int) -> date: ...


def feedback_due(checked_on: date, calendar: WorkdayCalendar, workdays: int = DEFAULT_FEEDBACK_WORKDAYS) -> date:
    """Feedback is due on the Nth working day after the check (the check day not counted, DOMAIN §15)."""
    return calendar.add_workdays(checked_on, workdays)


def is_overdue(due_on: date, today: date, answered_on: date | None) -> bool:
    """Overdue: not answered and past due, or answered after the due day."""
    if answered_on is None:
        return today > due_on
    return answered_on > due_on
