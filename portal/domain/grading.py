"""分级分类监管 grading (DOMAIN §20): rules, facts and the grade of one subject (the rule set's JSON form, validation
and §20 default are in portal/domain/grading_rules.py).

A rule set is plain data (stored as JSON, versioned by the 信用办). Each rule names a record kind by its value, an
optional test of the record's attributes, a time window and the grade it produces. Records reach this module as
`Fact`s — the few values a rule can test — built from the database by portal/supervision/facts.py, so a kind that
does not exist yet (rating, inspection) simply yields no facts and its rules find nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from portal.domain.dates import add_months


class Grade(StrEnum):
    A = "A"  # 信用良好
    B = "B"  # 信用较好
    C = "C"  # 信用一般
    D = "D"  # 信用较差


GRADES = (Grade.A, Grade.B, Grade.C, Grade.D)
# A matched rule of an earlier grade wins: D over C over B over A; with no match the subject is B (§20 "B otherwise").
# A-rules therefore grade A only when "nothing makes C or D" (and no B-rule, which the 信用办 may add to block A).
PRECEDENCE = (Grade.D, Grade.C, Grade.B, Grade.A)
DEFAULT_GRADE = Grade.B


class Window(StrEnum):
    IN_FORCE = "in_force"  # the record is in force on the day (listed and not removed, not lifted, not expired…)
    RECENT = "recent"  # the record's date lies within `months` before the day (date conventions of DOMAIN §5.3)


# 评价体系 → grades best first (data-standard §11); "bottom of its scheme" is the last one, "best" the first.
RATING_SCALES: Mapping[str, tuple[str, ...]] = {
    "纳税信用": ("A", "B", "M", "C", "D"),
    "海关信用": ("高级认证企业", "常规企业", "失信企业", "严重失信企业"),
    "环保信用": ("绿", "蓝", "黄", "红", "黑"),
    "公共信用综合评价": ("A", "B", "C", "D"),
    "其他行业信用评价": ("A", "B", "C", "D"),
}
# What a rule may test per kind: attribute → allowed values. Kinds are named by value (portal/domain/kinds.py), and
# include the rating and inspection kinds of data-standard §11 and §14 before they are registered.
KIND_ATTRIBUTES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "penalty": {"severity": ("minor", "general", "serious")},
    "list": {"category": ("redlist", "blacklist", "watchlist")},
    "commitment": {"broken": ("yes", "no")},
    "coercion": {},
    "honour": {"level": ("国家级", "省级", "市级", "区县级", "其他")},
    "rating": {"scheme": tuple(RATING_SCALES), "position": ("best", "middle", "worst")},
    "inspection": {
        "result": ("未发现问题", "责令改正", "行政指导", "行政处罚", "行政强制", "其他"),
        "category": ("双随机抽查", "重点检查", "专项检查", "日常检查", "其他"),
    },
}


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # short, unique within the set ("D1"): how reasons name the rule
    grade: Grade
    kind: str
    window: Window
    label: str  # the 信用办's own wording of the rule, shown as the reason
    months: int | None = None  # RECENT only
    match: tuple[tuple[str, tuple[str, ...]], ...] = ()  # every attribute must take one of its values
    min_count: int = 1  # at least this many matching records


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    count_under_objection: bool = True  # a record under objection still stands until decided (DOMAIN §7)


@dataclass(frozen=True, slots=True)
class Fact:
    """One record as rules see it. Withdrawn and repaired records are never facts (they no longer count)."""

    subject_id: int
    kind: str
    record_id: int
    title: str  # 文号, list name, scheme and grade: what a reason names
    day: date  # the date RECENT windows run from (决定日期; for a 违诺 its 认定日期)
    in_force_from: date
    in_force_until: date | None  # inclusive; None = open-ended
    attrs: tuple[tuple[str, str], ...] = ()
    under_objection: bool = False

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Reason:
    rule_code: str
    label: str
    grade: Grade
    records: tuple[tuple[str, int, str, date], ...]  # (kind, record id, title, day) of the matching records


@dataclass(frozen=True, slots=True)
class GradeResult:
    grade: Grade
    reasons: tuple[Reason, ...] = field(default=())  # empty: graded B because no rule matched


def in_window(rule: Rule, fact: Fact, day: date) -> bool:
    """Whether a fact counts for a rule on `day`; both ends inclusive (DOMAIN §5.3)."""
    if rule.window is Window.IN_FORCE:
        return fact.in_force_from <= day and (fact.in_force_until is None or day <= fact.in_force_until)
    # "In the last n months": from D through D + n months (month-end rule of add_months), as publicity periods run;
    # grading_rules.parse_rule_set guarantees months for a RECENT rule.
    return recent_since(day, rule.months or 0) <= fact.day <= day


@lru_cache(maxsize=256)
def recent_since(day: date, months: int) -> date:
    """The earliest record date D with D + `months` ≥ `day` (add_months is monotonic in D, so one date per rule and
    day replaces an add_months per record: grading everyone compares dates only)."""
    since = add_months(day, -months)
    while add_months(since - timedelta(days=1), months) >= day:
        since -= timedelta(days=1)
    while add_months(since, months) < day:
        since += timedelta(days=1)
    return since


def matching_facts(rule: Rule, facts: Sequence[Fact], day: date, *, count_under_objection: bool = True) -> list[Fact]:
    """The facts of the rule's kind that pass its attribute tests and window on `day`."""
    found = []
    for fact in facts:  # the hot loop of grading everyone: plain loops, no generator per fact
        if fact.kind != rule.kind or (fact.under_objection and not count_under_objection):
            continue
        for name, values in rule.match:
            if fact.attr(name) not in values:
                break
        else:
            if in_window(rule, fact, day):
                found.append(fact)
    return found


def grade_subject(facts_by_kind: Mapping[str, Sequence[Fact]], rule_set: RuleSet, day: date) -> GradeResult:
    """The grade of one subject on `day` with the reasons of the winning grade (empty reasons: B by default)."""
    for grade in PRECEDENCE:
        reasons = []
        for rule in rule_set.rules:
            if rule.grade is not grade:
                continue
            found = matching_facts(rule, facts_by_kind.get(rule.kind, ()), day,
                                   count_under_objection=rule_set.count_under_objection)  # fmt: skip
            if len(found) >= rule.min_count:
                records = tuple((f.kind, f.record_id, f.title, f.day) for f in found)
                reasons.append(Reason(rule.code, rule.label, grade, records))
        if reasons:
            return GradeResult(grade, tuple(reasons))
    return GradeResult(DEFAULT_GRADE)


def rating_position(scheme: str, grade: str) -> str | None:
    """best / middle / worst of a grade in its scheme (data-standard §11); None for an unknown scheme or grade."""
    scale = RATING_SCALES.get(scheme)
    if not scale or grade not in scale:
        return None
    if grade == scale[0]:
        return "best"
    return "worst" if grade == scale[-1] else "middle"
