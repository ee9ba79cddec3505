"""The grading rule set as data (DOMAIN §20): its JSON form, validation with stable error codes, the §20 default."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.domain.errors import DomainError
from portal.domain.grading import KIND_ATTRIBUTES, Grade, Rule, RuleSet, Window

MAX_RULES = 50
MAX_MONTHS = 120
MAX_LABEL = 200
MAX_MIN_COUNT = 99


class InvalidRuleSet(DomainError):
    """The rule set cannot be saved; `params["reason"]` is a stable code, `params["rule"]` the rule's position."""

    code = "invalid_rule_set"


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
