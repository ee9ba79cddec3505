"""Severity, publicity windows and public state of penalties and list entries (DOMAIN §5, §4.1)."""

from datetime import date, timedelta

import pytest

from portal.domain import publicity as p
from portal.domain.errors import InvalidValue
from portal.domain.publicity import PublicState, RecordStatus, Severity

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("轻微", Severity.MINOR),
        ("一般", Severity.GENERAL),
        ("严重", Severity.SERIOUS),
        ("轻微失信", Severity.MINOR),
        ("一般失信", Severity.GENERAL),
        ("严重失信", Severity.SERIOUS),
        (" 严重 ", Severity.SERIOUS),
        ("", None),
        ("  ", None),
    ],
)
def test_severity_labels_are_parsed(raw, expected):
    assert p.parse_severity(raw) is expected


@pytest.mark.parametrize("raw", ["较重", "严重失信主体", "serious", "无", "失信", "特别严重"])
def test_unknown_severity_is_rejected(raw):
    with pytest.raises(InvalidValue):
        p.parse_severity(raw)


def test_severity_labels_are_chinese():
    assert [p.SEVERITY_LABELS_ZH[s] for s in Severity] == ["轻微", "一般", "严重"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("没收违法所得；罚款；吊销许可证件", ["没收违法所得", "罚款", "吊销许可证件"]),
        ("警告;罚款", ["警告", "罚款"]),
        ("警告、通报批评", ["警告", "通报批评"]),
        ("罚款,警告，罚款", ["罚款", "警告"]),
        (" 罚款 ；；警告； ", ["罚款", "警告"]),
        ("", []),
    ],
)
def test_punishment_types_are_split_without_empties_or_repeats(raw, expected):
    assert p.split_punishment_types(raw) == expected


def test_punishment_types_are_the_fourteen_of_the_standard():
    assert len(p.PUNISHMENT_TYPES) == 14
    assert p.PUNISHMENT_TYPES[0] == "警告"
    assert p.PUNISHMENT_TYPES[-1] == "其他"
    assert sorted(p.MINOR_TYPES) == ["警告", "通报批评"]


def test_old_punishment_terms_are_unknown_but_have_a_replacement():
    types = p.split_punishment_types("罚款；暂扣或者吊销许可证；吊销营业执照")
    assert p.unknown_punishment_types(types) == ["暂扣或者吊销许可证", "吊销营业执照"]
    assert p.OLD_PUNISHMENT_TERMS["暂扣或者吊销许可证"] == "暂扣许可证件 / 吊销许可证件"
    assert p.OLD_PUNISHMENT_TERMS["吊销营业执照"] == "吊销许可证件"
    assert not set(p.OLD_PUNISHMENT_TERMS) & set(p.PUNISHMENT_TYPES)


@pytest.mark.parametrize(
    ("types", "given", "expected", "warned"),
    [
        (["警告"], None, Severity.MINOR, False),
        (["警告", "通报批评"], None, Severity.MINOR, False),
        (["警告", "罚款"], None, Severity.GENERAL, False),
        (["罚款"], None, Severity.GENERAL, False),
        ([], None, Severity.GENERAL, False),
        (["警告"], Severity.MINOR, Severity.MINOR, False),
        (["警告", "罚款"], Severity.MINOR, Severity.GENERAL, True),
        (["警告"], Severity.GENERAL, Severity.GENERAL, False),
        (["罚款"], Severity.GENERAL, Severity.GENERAL, False),
        (["没收违法所得", "罚款", "吊销许可证件"], Severity.SERIOUS, Severity.SERIOUS, False),
        (["警告"], Severity.SERIOUS, Severity.SERIOUS, True),
        (["通报批评", "警告"], Severity.SERIOUS, Severity.SERIOUS, True),
    ],
)
def test_severity_is_derived_as_in_section_4_1(types, given, expected, warned):
    result = p.derive_severity(types, given)
    assert result.severity is expected
    assert bool(result.warnings) is warned


def test_severity_warnings_are_chinese_sentences():
    assert "已按一般处理" in p.derive_severity(["罚款"], Severity.MINOR).warnings[0]
    assert "已按严重保留" in p.derive_severity(["警告"], Severity.SERIOUS).warnings[0]


@pytest.mark.parametrize(
    ("decided_on", "severity", "expected"),
    [
        (date(2026, 3, 10), Severity.SERIOUS, date(2029, 3, 10)),  # data-standard §9 penalty row 1
        (date(2026, 5, 5), Severity.GENERAL, date(2027, 5, 5)),  # data-standard §9 penalty row 3
        (date(2026, 4, 2), Severity.MINOR, date(2026, 7, 2)),  # row 2, if 轻微 were published
        (date(2026, 1, 31), Severity.MINOR, date(2026, 4, 30)),
        (date(2024, 2, 29), Severity.GENERAL, date(2025, 2, 28)),
        (date(2024, 2, 29), Severity.SERIOUS, date(2027, 2, 28)),
    ],
)
def test_publicity_ends_at_the_maximum_without_a_given_end(decided_on, severity, expected):
    assert p.penalty_public_until(decided_on, severity, None) == p.PenaltyWindow(expected, ())


def test_a_given_end_within_the_period_is_kept():
    window = p.penalty_public_until(date(2026, 5, 5), Severity.GENERAL, date(2026, 12, 31))
    assert window == p.PenaltyWindow(date(2026, 12, 31), ())


@pytest.mark.parametrize(
    ("severity", "given", "expected"),
    [
        (Severity.GENERAL, date(2027, 5, 5), date(2027, 5, 5)),
        (Severity.GENERAL, date(2027, 5, 6), date(2027, 5, 5)),
        (Severity.GENERAL, date(2099, 12, 31), date(2027, 5, 5)),
        (Severity.SERIOUS, date(2029, 5, 5), date(2029, 5, 5)),
        (Severity.SERIOUS, date(2029, 5, 6), date(2029, 5, 5)),
        (Severity.MINOR, date(2026, 8, 6), date(2026, 8, 5)),
    ],
)
def test_a_given_end_later_than_the_maximum_is_clamped(severity, given, expected):
    window = p.penalty_public_until(date(2026, 5, 5), severity, given)
    assert window.public_until == expected
    if given > expected:
        assert window.warnings == (f"公示截止期晚于最长公示期限，已按{expected.isoformat()}截止",)
    else:
        assert window.warnings == ()


@pytest.mark.parametrize(
    ("severity", "given", "warned"),
    [
        (Severity.GENERAL, date(2026, 5, 5), True),  # the decision day itself is allowed
        (Severity.GENERAL, date(2026, 8, 4), True),
        (Severity.GENERAL, date(2026, 8, 5), False),  # exactly D + 3 months
        (Severity.SERIOUS, date(2027, 5, 4), True),
        (Severity.SERIOUS, date(2027, 5, 5), False),  # exactly D + 1 year
        (Severity.MINOR, date(2026, 5, 5), False),  # 轻微 has no minimum
    ],
)
def test_a_given_end_earlier_than_the_minimum_is_kept_with_a_warning(severity, given, warned):
    window = p.penalty_public_until(date(2026, 5, 5), severity, given)
    assert window.public_until == given
    assert bool(window.warnings) is warned


def test_a_given_end_before_the_decision_is_rejected():
    with pytest.raises(InvalidValue):
        p.penalty_public_until(date(2026, 5, 5), Severity.GENERAL, date(2026, 5, 4))


@pytest.mark.parametrize(
    ("decided_on", "severity", "expected"),
    [
        (date(2026, 5, 5), Severity.GENERAL, date(2026, 8, 6)),
        (date(2026, 3, 10), Severity.SERIOUS, date(2027, 3, 11)),
        (date(2025, 11, 30), Severity.GENERAL, date(2026, 3, 1)),  # D + 3 m = 2026-02-28
        (date(2026, 5, 5), Severity.MINOR, None),
    ],
)
def test_repair_is_possible_from_the_day_after_the_minimum(decided_on, severity, expected):
    assert p.repair_possible_from(decided_on, severity) == expected


def test_a_rejected_objection_moves_the_end_by_the_suspended_days():
    assert p.shift_end(date(2027, 5, 5), 0) == date(2027, 5, 5)
    assert p.shift_end(date(2027, 5, 5), 30) == date(2027, 6, 4)
    with pytest.raises(InvalidValue):
        p.shift_end(date(2027, 5, 5), -1)


# (D = public_from, public_until) of data-standard §9 and DOMAIN §5.3 cases, checked around both ends.
PENALTY_WINDOWS = [
    pytest.param(date(2026, 5, 5), date(2027, 5, 5), id="一般 D+1y"),
    pytest.param(date(2026, 3, 10), date(2029, 3, 10), id="严重 D+3y"),
    pytest.param(date(2026, 5, 5), date(2026, 12, 31), id="given earlier end"),
    pytest.param(date(2026, 5, 5), p.penalty_public_until(date(2026, 5, 5), Severity.GENERAL,
                                                          date(2028, 1, 1)).public_until, id="clamped"),
]  # fmt: skip


@pytest.mark.parametrize(("public_from", "public_until"), PENALTY_WINDOWS)
@pytest.mark.parametrize(
    ("offset_from_end", "expected"),
    [(-1, PublicState.PUBLIC), (0, PublicState.PUBLIC), (1, PublicState.EXPIRED)],
)
def test_a_penalty_is_public_through_its_last_day_and_expired_the_day_after(
    public_from, public_until, offset_from_end, expected
):
    today = public_until + offset_from_end * DAY
    assert p.public_state(RecordStatus.PUBLISHED, public_from, public_until, today) is expected
    assert p.is_public(RecordStatus.PUBLISHED, public_from, public_until, today) is (
        expected is PublicState.PUBLIC
    )


@pytest.mark.parametrize(("public_from", "public_until"), PENALTY_WINDOWS)
@pytest.mark.parametrize(
    ("offset_from_start", "expected"),
    [(-1, PublicState.NOT_YET), (0, PublicState.PUBLIC), (1, PublicState.PUBLIC)],
)
def test_a_record_is_not_yet_public_before_its_first_day(
    public_from, public_until, offset_from_start, expected
):
    today = public_from + offset_from_start * DAY
    assert p.public_state(RecordStatus.PUBLISHED, public_from, public_until, today) is expected


def test_the_clamped_window_ends_at_the_maximum():
    assert PENALTY_WINDOWS[3].values[1] == date(2027, 5, 5)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (RecordStatus.PUBLISHED, PublicState.PUBLIC),
        (RecordStatus.UNDER_OBJECTION, PublicState.PUBLIC),
        (RecordStatus.NOT_PUBLIC, PublicState.HIDDEN),
        (RecordStatus.WITHDRAWN, PublicState.HIDDEN),
        (RecordStatus.REPAIRED, PublicState.HIDDEN),
    ],
)
def test_only_published_and_objected_records_are_visible(status, expected):
    assert p.public_state(status, date(2026, 1, 1), date(2027, 1, 1), date(2026, 6, 1)) is expected


def test_hidden_wins_over_dates():
    assert (
        p.public_state(RecordStatus.REPAIRED, date(2026, 1, 1), None, date(2025, 1, 1)) is PublicState.HIDDEN
    )


def test_an_open_ended_record_never_expires():
    assert p.is_public(RecordStatus.PUBLISHED, date(2026, 1, 1), None, date(2099, 12, 31))



@pytest.mark.parametrize(
    ("unproven", "minor", "severity", "setting", "expected"),
    [
        (False, False, Severity.SERIOUS, False, None),
        (False, False, Severity.GENERAL, False, None),
        (False, False, Severity.MINOR, False, "轻微"),  # §9 penalty row 2
        (False, False, Severity.MINOR, True, None),
        (False, True, Severity.GENERAL, False, "未成年人"),
        (False, True, Severity.MINOR, True, "未成年人"),
        (False, False, None, False, None),  # list entries and permits have no severity
        (False, True, None, False, "未成年人"),
        (True, False, Severity.GENERAL, False, "待确认成年"),  # a non-resident ID cannot prove adulthood (§17)
    ],
)
def test_automatic_holds_cover_minors_unproven_adults_and_minor_penalties(unproven, minor, severity, setting, expected):
    reason = p.automatic_hold_reason(adulthood_unproven=unproven, subject_is_minor=minor, severity=severity,
                                     publish_minor_penalties=setting)
    assert reason == expected
