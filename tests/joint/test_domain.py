"""Pure 联合奖惩 rules: measures per act, 强制/推荐, suspension, feedback validation and its deadline."""

from __future__ import annotations

from datetime import date

import pytest

from portal.domain import joint
from portal.domain.workdays import WorkCalendar

INDEX = joint.build_index(
    [
        (1, "政府采购领域严重违法失信主体", "政府采购", "强制"),
        (2, "严重失信主体名单（通用）", "招标投标", ""),
        (3, "严重失信主体名单（通用）", "评先评优", "强制"),
        (4, "诚信典型红名单（通用）", "行政许可审批", ""),
        (5, "严重失信主体名单（通用）", "无", "推荐"),
    ],
    [("blacklist", "严重失信主体名单（通用）"), ("redlist", "诚信典型红名单（通用）"), ("blacklist", "某名单")],
)


def test_a_blacklist_entry_gets_its_own_and_its_categorys_generic_measures_for_the_act() -> None:
    found = joint.measures_for_entry(INDEX, "政府采购领域严重违法失信主体", "blacklist", joint.Act.TENDER)
    assert [(m.measure_id, m.mode, m.generic) for m in found] == [
        (1, joint.Mode.MANDATORY, False),
        (2, joint.Mode.MANDATORY, True),  # blank 应用手段 on a punishment → 强制
        (5, joint.Mode.RECOMMENDED, True),  # 事项名称 无 applies to every act
    ]


def test_measures_of_another_act_do_not_apply() -> None:
    found = joint.measures_for_entry(INDEX, "政府采购领域严重违法失信主体", "blacklist", joint.Act.HONOURS)
    assert [m.measure_id for m in found] == [3, 5]


def test_the_other_act_lists_every_measure_and_full_width_names_match() -> None:
    found = joint.measures_for_entry(INDEX, "政府采购领域严重违法失信主体 ", "blacklist", joint.Act.OTHER)
    assert [m.measure_id for m in found] == [1, 2, 3, 5]


def test_incentives_without_a_mode_are_recommended() -> None:
    found = joint.measures_for_entry(INDEX, "纳税信用A级纳税人", "redlist", joint.Act.APPROVAL)
    assert [(m.measure_id, m.mode) for m in found] == [(4, joint.Mode.RECOMMENDED)]


@pytest.mark.parametrize(
    ("category", "status", "suspended"),
    [
        ("blacklist", "under_objection", True),
        ("watchlist", "under_objection", True),
        ("redlist", "under_objection", False),
        ("blacklist", "published", False),
    ],
)
def test_joint_punishment_is_suspended_while_an_objection_is_verified(
    category: str, status: str, suspended: bool
) -> None:
    assert joint.is_suspended(category, status) is suspended


@pytest.mark.parametrize(
    ("outcome", "reason", "measure", "code"),
    [
        ("done", "", 1, "outcome"),
        ("not_applied", " ", None, "reason_required"),
        ("not_applicable", "", None, "reason_required"),
        ("applied", "", None, "measure_required"),
        ("applied", "", 99, "measure"),
        ("not_applied", "x" * 1001, None, "reason_too_long"),
    ],
)
def test_bad_feedback_is_refused_with_a_stable_reason(
    outcome: str, reason: str, measure: int | None, code: str
) -> None:
    with pytest.raises(joint.FeedbackError) as caught:
        joint.check_feedback(outcome, reason, measure, [1, 2])
    assert caught.value.params["reason"] == code


def test_good_feedback_passes() -> None:
    joint.check_feedback("applied", "", 1, [1, 2])
    joint.check_feedback("not_applicable", "本次采购不涉及该措施", None, [1, 2])
    joint.check_feedback("applied", "", None, [])  # a hit without measures: nothing to name


def test_feedback_is_due_ten_working_days_after_the_check_across_national_day() -> None:
    # 2025: 10-01…10-08 off, Sun 9-28 and Sat 10-11 are 调休 working days (DOMAIN §15).
    due = joint.feedback_due(date(2025, 9, 26), WorkCalendar())
    assert due == date(2025, 10, 16)  # 9-28, 9-29, 9-30, 10-09, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16


@pytest.mark.parametrize(
    ("today", "answered", "overdue"),
    [
        (date(2026, 12, 7), None, False),
        (date(2026, 12, 8), None, True),
        (date(2026, 12, 20), date(2026, 12, 7), False),
        (date(2026, 12, 20), date(2026, 12, 8), True),
    ],
)
def test_feedback_is_overdue_the_day_after_the_due_day(today: date, answered: date | None, overdue: bool) -> None:
    assert joint.is_overdue(date(2026, 12, 7), today, answered) is overdue
