"""分级分类监管 grading (DOMAIN §20): the rule-set shape, its validation, the §20 default and the grade of one subject.

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
from typing import Any

from portal.domain.dates import add_months
from portal.domain.errors import DomainError


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
MAX_RULES = 50
MAX_MONTHS = 120
MAX_LABEL = 200
MAX_MIN_COUNT = 99


class InvalidRuleSet(DomainError):
    """The rule set cannot be saved; `params["reason"]` is a stable code, `params["rule"]` the rule's position."""

    code = "invalid_rule_set"


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


def _rule(raw: Any, position: int) -> Rule:
    def fail(reason: str, **params: Any) -> InvalidRuleSet:
        return InvalidRuleSet(reason, reason=reason, rule=position, **params)

    if not isinstance(raw, Mapping):
        raise fail("rule_not_object")
    unknown = set(raw) - {"code", "grade", "kind", "window", "label", "months", "match", "min_count"}
    if unknown:
        raise fail("unknown_field", field=sorted(unknown)[0][:40])
    code = raw.get("code")
    if not isinstance(code, str) or not code.strip() or len(code.strip()) > 16:
        raise fail("code")
    try:
        grade = Grade(raw.get("grade"))
        window = Window(raw.get("window"))
    except ValueError:
        raise fail("grade_or_window") from None
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in KIND_ATTRIBUTES:
        raise fail("kind", value=str(kind)[:40])
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip() or len(label.strip()) > MAX_LABEL:
        raise fail("label")
    months = raw.get("months")
    if window is Window.RECENT:
        if type(months) is not int or not 1 <= months <= MAX_MONTHS:
            raise fail("months")
    elif months is not None:
        raise fail("months_not_allowed")
    min_count = raw.get("min_count", 1)
    if type(min_count) is not int or not 1 <= min_count <= MAX_MIN_COUNT:
        raise fail("min_count")
    return Rule(code.strip(), grade, kind, window, label.strip(), months, _match(raw.get("match"), kind, fail),
                min_count)  # fmt: skip


def _match(raw: Any, kind: str, fail: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise fail("match_not_object")
    allowed = KIND_ATTRIBUTES[kind]
    tests = []
    for name, values in raw.items():
        if name not in allowed:
            raise fail("attribute", value=str(name)[:40])
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list) or not values or any(v not in allowed[name] for v in values):
            raise fail("attribute_value", value=str(name)[:40])
        tests.append((name, tuple(dict.fromkeys(values))))
    return tuple(tests)


def parse_rule_set(data: Any) -> RuleSet:
    """A rule set from its JSON form; raises InvalidRuleSet naming the first problem (and the rule's position)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise InvalidRuleSet("shape", reason="shape", rule=0)
    extra = sorted(str(name) for name in set(data) - {"rules", "count_under_objection"})
    if extra:
        raise InvalidRuleSet("unknown_field", reason="unknown_field", rule=0, field=extra[0][:40])
    raw_rules = data["rules"]
    if not raw_rules:
        raise InvalidRuleSet("empty", reason="empty", rule=0)
    if len(raw_rules) > MAX_RULES:
        raise InvalidRuleSet("too_many", reason="too_many", rule=0, max=MAX_RULES)
    rules = tuple(_rule(raw, position) for position, raw in enumerate(raw_rules, start=1))
    seen: set[str] = set()
    for position, rule in enumerate(rules, start=1):
        if rule.code in seen:
            raise InvalidRuleSet("duplicate_code", reason="duplicate_code", rule=position)
        seen.add(rule.code)
    objection = data.get("count_under_objection", True)
    if not isinstance(objection, bool):
        raise InvalidRuleSet("shape", reason="shape", rule=0)
    return RuleSet(rules, objection)


def rule_set_to_data(rule_set: RuleSet) -> dict[str, Any]:
    """The JSON form of a rule set (parse_rule_set's inverse)."""
    rules = []
    for rule in rule_set.rules:
        item: dict[str, Any] = {"code": rule.code, "grade": rule.grade.value, "kind": rule.kind,
                                "window": rule.window.value}  # fmt: skip
        if rule.months is not None:
            item["months"] = rule.months
        if rule.match:
            item["match"] = {name: list(values) for name, values in rule.match}
        if rule.min_count != 1:
            item["min_count"] = rule.min_count
        item["label"] = rule.label
        rules.append(item)
    return {"rules": rules, "count_under_objection": rule_set.count_under_objection}


# The default of DOMAIN §20, a starting point the 信用办 changes.
DEFAULT_RULE_SET = parse_rule_set(
    {
        "rules": [
            {"code": "D1", "grade": "D", "kind": "list", "window": "in_force", "match": {"category": "blacklist"},
             "label": "列入严重失信主体名单"},
            {"code": "D2", "grade": "D", "kind": "penalty", "window": "recent", "months": 36,
             "match": {"severity": "serious"}, "label": "近3年内受到严重失信行政处罚"},
            {"code": "D3", "grade": "D", "kind": "rating", "window": "in_force", "match": {"position": "worst"},
             "label": "信用评价为所在评价体系的最低等级"},
            {"code": "C1", "grade": "C", "kind": "penalty", "window": "recent", "months": 12,
             "match": {"severity": "general"}, "label": "近1年内受到一般失信行政处罚"},
            {"code": "C2", "grade": "C", "kind": "commitment", "window": "recent", "months": 12,
             "match": {"broken": "yes"}, "label": "近1年内存在违背信用承诺（违诺）"},
            {"code": "C3", "grade": "C", "kind": "list", "window": "in_force", "match": {"category": "watchlist"},
             "label": "列入重点关注名单"},
            {"code": "C4", "grade": "C", "kind": "coercion", "window": "in_force", "label": "存在未解除的行政强制"},
            {"code": "A1", "grade": "A", "kind": "list", "window": "in_force", "match": {"category": "redlist"},
             "label": "列入红名单"},
            {"code": "A2", "grade": "A", "kind": "rating", "window": "in_force", "match": {"position": "best"},
             "label": "信用评价为所在评价体系的最高等级"},
            {"code": "A3", "grade": "A", "kind": "honour", "window": "in_force",
             "label": "获得有效期内的荣誉或行政奖励"},
        ]
    }
)  # fmt: skip


def in_window(rule: Rule, fact: Fact, day: date) -> bool:
    """Whether a fact counts for a rule on `day`; both ends inclusive (DOMAIN §5.3)."""
    if rule.window is Window.IN_FORCE:
        return fact.in_force_from <= day and (fact.in_force_until is None or day <= fact.in_force_until)
    # "In the last n months": from D through D + n months (month-end rule of add_months), as publicity periods run;
    # parse_rule_set guarantees months for a RECENT rule.
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


# 有效期至 left blank (data-standard §11): 评价日期 + 1 year − 1 day, except schemes valid until changed.
OPEN_ENDED_SCHEMES = frozenset({"海关信用"})


def rating_default_until(scheme: str, rated_on: date) -> date | None:
    """The default end of a rating whose 有效期至 is blank; None = until a newer rating supersedes it."""
    if scheme in OPEN_ENDED_SCHEMES:
        return None
    return add_months(rated_on, 12) - timedelta(days=1)


def rating_position(scheme: str, grade: str) -> str | None:
    """best / middle / worst of a grade in its scheme (data-standard §11); None for an unknown scheme or grade."""
    scale = RATING_SCALES.get(scheme)
    if not scale or grade not in scale:
        return None
    if grade == scale[0]:
        return "best"
    return "worst" if grade == scale[-1] else "middle"
