"""分级分类 rules (DOMAIN §20): the default rule set, window boundaries, precedence, reasons, rule-set validation."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from portal.domain.grading import Fact, Grade, grade_subject, rating_position
from portal.domain.grading_rules import DEFAULT_RULE_SET, InvalidRuleSet, parse_rule_set, rule_set_to_data

DAY = date(2026, 11, 23)


def fact(kind: str, day: date, until: date | None = None, *, start: date | None = None, under_objection: bool = False,
         **attrs: str) -> Fact:  # fmt: skip
    return Fact(1, kind, 7, f"{kind} record", day, start or day, until, tuple(attrs.items()), under_objection)


def grade(*facts: Fact, on: date = DAY) -> tuple[Grade, list[str]]:
    by_kind: dict[str, list[Fact]] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    result = grade_subject(by_kind, DEFAULT_RULE_SET, on)
    return result.grade, [r.rule_code for r in result.reasons]


def test_a_subject_without_records_is_b_with_no_reasons() -> None:
    assert grade() == (Grade.B, [])


def test_a_blacklist_entry_in_force_is_d() -> None:
    assert grade(fact("list", date(2026, 1, 1), None, category="blacklist")) == (Grade.D, ["D1"])


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (date(2023, 11, 23), Grade.D),  # D + 36 months is the day itself: still counts (inclusive end)
        (date(2023, 11, 22), Grade.B),  # a day older: three years have passed
        (DAY, Grade.D),  # decided today
        (date(2026, 11, 24), Grade.B),  # decided tomorrow (a future record does not count yet)
    ],
)
def test_a_serious_penalty_counts_for_three_years_inclusive(decided: date, expected: Grade) -> None:
    assert grade(fact("penalty", decided, severity="serious"))[0] is expected


@pytest.mark.parametrize(
    ("decided", "on", "expected"),
    [
        (date(2025, 11, 23), DAY, Grade.C),  # exactly one year: still within
        (date(2025, 11, 22), DAY, Grade.B),
        (date(2025, 2, 28), date(2026, 2, 28), Grade.C),
        (date(2024, 2, 29), date(2025, 2, 28), Grade.C),  # 29 Feb + 12 months = 28 Feb (DOMAIN §5.3)
        (date(2024, 2, 29), date(2025, 3, 1), Grade.B),
    ],
)
def test_a_general_penalty_counts_for_one_year_by_the_month_end_rule(decided: date, on: date, expected: Grade) -> None:
    assert grade(fact("penalty", decided, severity="general"), on=on)[0] is expected


def test_a_minor_penalty_does_not_lower_the_grade() -> None:
    assert grade(fact("penalty", DAY, severity="minor")) == (Grade.B, [])


def test_d_wins_over_c_and_a_and_only_the_winning_reasons_are_given() -> None:
    result = grade(
        fact("list", date(2026, 1, 1), category="redlist"),
        fact("penalty", date(2026, 6, 1), severity="general"),
        fact("penalty", date(2025, 6, 1), severity="serious"),
    )
    assert result == (Grade.D, ["D2"])


def test_a_red_list_entry_makes_a_only_when_nothing_makes_c_or_d() -> None:
    red = fact("list", date(2026, 1, 1), category="redlist")
    assert grade(red) == (Grade.A, ["A1"])
    assert grade(red, fact("coercion", date(2026, 10, 1), None)) == (Grade.C, ["C4"])


@pytest.mark.parametrize(
    ("until", "expected"),
    [(DAY, Grade.A), (date(2026, 11, 22), Grade.B), (None, Grade.A)],
)
def test_in_force_ends_are_inclusive(until: date | None, expected: Grade) -> None:
    assert grade(fact("honour", date(2025, 1, 1), until))[0] is expected


def test_an_entry_that_starts_after_the_day_is_not_in_force() -> None:
    assert grade(fact("list", date(2026, 12, 1), category="blacklist")) == (Grade.B, [])


def test_a_broken_commitment_within_a_year_is_c_a_kept_one_is_not() -> None:
    assert grade(fact("commitment", date(2026, 3, 1), broken="yes")) == (Grade.C, ["C2"])
    assert grade(fact("commitment", date(2026, 3, 1), broken="no")) == (Grade.B, [])


def test_ratings_at_the_bottom_and_top_of_their_scheme() -> None:
    assert grade(fact("rating", date(2026, 4, 1), None, scheme="纳税信用", position="worst")) == (Grade.D, ["D3"])
    assert grade(fact("rating", date(2026, 4, 1), None, scheme="海关信用", position="best")) == (Grade.A, ["A2"])
    assert grade(fact("rating", date(2026, 4, 1), None, scheme="纳税信用", position="middle")) == (Grade.B, [])


@pytest.mark.parametrize(
    ("scheme", "value", "expected"),
    [("纳税信用", "A", "best"), ("纳税信用", "D", "worst"), ("纳税信用", "M", "middle"),
     ("海关信用", "严重失信企业", "worst"), ("环保信用", "绿", "best"), ("纳税信用", "Z", None),
     ("无此体系", "A", None)],
)  # fmt: skip
def test_rating_position_in_its_scheme(scheme: str, value: str, expected: str | None) -> None:
    assert rating_position(scheme, value) == expected


def test_records_under_objection_count_unless_the_rule_set_says_otherwise() -> None:
    entry = fact("list", date(2026, 1, 1), category="blacklist", under_objection=True)
    assert grade(entry)[0] is Grade.D
    data = rule_set_to_data(DEFAULT_RULE_SET) | {"count_under_objection": False}
    assert grade_subject({"list": [entry]}, parse_rule_set(data), DAY).grade is Grade.B


def test_min_count_needs_that_many_matching_records() -> None:
    rule = {"code": "C9", "grade": "C", "kind": "penalty", "window": "recent", "months": 12,
            "match": {"severity": ["minor", "general"]}, "min_count": 2, "label": "一年内两次以上处罚"}  # fmt: skip
    data = {"rules": [rule]}
    rules = parse_rule_set(data)
    one = fact("penalty", date(2026, 5, 1), severity="minor")
    assert grade_subject({"penalty": [one]}, rules, DAY).grade is Grade.B
    result = grade_subject({"penalty": [one, one]}, rules, DAY)
    assert result.grade is Grade.C
    assert result.reasons[0].label == "一年内两次以上处罚"
    assert len(result.reasons[0].records) == 2


def test_a_b_rule_blocks_a_without_lowering_further() -> None:
    data = rule_set_to_data(DEFAULT_RULE_SET)
    data["rules"].append({"code": "B1", "grade": "B", "kind": "penalty", "window": "recent", "months": 24,
                          "label": "两年内有处罚"})  # fmt: skip
    rules = parse_rule_set(data)
    red = fact("list", date(2026, 1, 1), category="redlist")
    old = fact("penalty", date(2025, 5, 1), severity="general")
    assert grade_subject({"list": [red], "penalty": [old]}, rules, DAY).grade is Grade.B


def test_the_default_rule_set_round_trips_through_its_json_form() -> None:
    assert parse_rule_set(rule_set_to_data(DEFAULT_RULE_SET)) == DEFAULT_RULE_SET


def _with(change: dict, index: int = 0) -> dict:
    data = copy.deepcopy(rule_set_to_data(DEFAULT_RULE_SET))
    data["rules"][index].update(change)
    return data


@pytest.mark.parametrize(
    ("data", "reason", "rule"),
    [
        ([], "shape", 0),
        ({"rules": "x"}, "shape", 0),
        ({"rules": []}, "empty", 0),
        ({"rules": [{}] * 51}, "too_many", 0),
        ({"rules": [1]}, "rule_not_object", 1),
        ({"rules": [], "extra": 1}, "unknown_field", 0),
        (_with({"grade": "E"}), "grade_or_window", 1),
        (_with({"window": "forever"}), "grade_or_window", 1),
        (_with({"kind": "permit"}), "kind", 1),
        (_with({"kind": "<script>"}), "kind", 1),
        (_with({"code": ""}), "code", 1),
        (_with({"code": "X" * 17}), "code", 1),
        (_with({"label": " "}), "label", 1),
        (_with({"label": "长" * 201}), "label", 1),
        (_with({"months": 0}, 1), "months", 2),
        (_with({"months": 121}, 1), "months", 2),
        (_with({"months": "12"}, 1), "months", 2),
        (_with({"months": True}, 1), "months", 2),
        (_with({"months": 12}), "months_not_allowed", 1),
        (_with({"min_count": 0}), "min_count", 1),
        (_with({"min_count": 100}), "min_count", 1),
        (_with({"match": ["category"]}), "match_not_object", 1),
        (_with({"match": {"severity": "serious"}}), "attribute", 1),
        (_with({"match": {"category": "greylist"}}), "attribute_value", 1),
        (_with({"match": {"category": []}}), "attribute_value", 1),
        (_with({"code": "D2"}), "duplicate_code", 2),
        (_with({"colour": "red"}), "unknown_field", 1),
        ({"rules": [{"code": "X"}], "count_under_objection": "yes"}, "grade_or_window", 1),
    ],
)
def test_bad_rule_sets_are_refused_with_a_stable_reason_and_the_rule_position(data: object, reason: str,
                                                                               rule: int) -> None:  # fmt: skip
    with pytest.raises(InvalidRuleSet) as caught:
        parse_rule_set(data)
    assert caught.value.params["reason"] == reason
    assert caught.value.params["rule"] == rule


def test_a_rule_about_a_kind_that_has_no_records_yet_finds_nothing() -> None:
    data = {"rules": [{"code": "C1", "grade": "C", "kind": "inspection", "window": "recent", "months": 12,
                       "match": {"result": "行政处罚"}, "label": "一年内检查发现违法"}]}  # fmt: skip
    assert grade_subject({}, parse_rule_set(data), DAY).grade is Grade.B


@pytest.mark.parametrize("months", [1, 3, 12, 36])
def test_recent_since_is_the_first_day_whose_window_reaches_the_day(months: int) -> None:
    from datetime import timedelta

    from portal.domain.dates import add_months
    from portal.domain.grading import recent_since

    for day in (date(2025, 2, 28), date(2024, 2, 29), date(2026, 3, 31), date(2026, 12, 31), date(2026, 1, 1)):
        since = recent_since(day, months)
        assert add_months(since, months) >= day
        assert add_months(since - timedelta(days=1), months) < day
