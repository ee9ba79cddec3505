"""双随机 sampling (DOMAIN §20): sample sizes (rounding, empty grades, small populations), the seeded draw,
treatment checks and the population list."""

from __future__ import annotations

import hashlib

import pytest

from portal.domain import uscc
from portal.domain.errors import DomainError
from portal.domain.grading import Grade
from portal.domain.sampling import (
    DEFAULT_TREATMENTS,
    MAX_POPULATION,
    Frequency,
    InvalidTreatment,
    Treatment,
    check_task_name,
    check_treatments,
    draw,
    parse_population,
    sample_size,
)


def code(n: int) -> str:
    return uscc.make_uscc("91430200" + uscc.make_org_code(f"{n:08d}"))


@pytest.mark.parametrize(
    ("population", "ratio_bp", "minimum", "expected"),
    [
        (0, 500, 0, 0),  # an empty grade draws nobody
        (0, 10_000, 5, 0),  # … even with a minimum
        (1, 500, 0, 1),  # 5 % of 1 rounds up to 1
        (20, 500, 0, 1),  # exactly 1
        (21, 500, 0, 2),  # 1.05 → 2
        (100, 2000, 0, 20),
        (101, 2000, 0, 21),  # 20.2 → 21
        (3, 0, 0, 0),  # a ratio of 0 draws nobody
        (3, 10_000, 0, 3),  # 100 %: everyone
        (10, 1, 0, 1),  # 0.01 % of 10 is still one subject
        (10, 500, 4, 4),  # the minimum wins over the ratio
        (3, 500, 5, 3),  # population smaller than the minimum: everyone, never more
        (7, 9999, 0, 7),  # 99.99 % of 7 rounds up to all 7
    ],
)
def test_sample_size(population: int, ratio_bp: int, minimum: int, expected: int) -> None:
    assert sample_size(population, ratio_bp, minimum) == expected


def test_the_same_seed_gives_the_same_sample_whatever_the_input_order() -> None:
    codes = [code(n) for n in range(200)]
    first = draw({Grade.B: codes}, DEFAULT_TREATMENTS, "seed-1")
    again = draw({Grade.B: list(reversed(codes))}, DEFAULT_TREATMENTS, "seed-1")
    assert first == again
    assert len(first[Grade.B]) == 40  # 20 % of 200
    assert first[Grade.A] == first[Grade.C] == first[Grade.D] == []


def test_another_seed_gives_another_sample() -> None:
    codes = [code(n) for n in range(200)]
    assert draw({Grade.B: codes}, DEFAULT_TREATMENTS, "a") != draw({Grade.B: codes}, DEFAULT_TREATMENTS, "b")


def test_the_draw_takes_the_lowest_sha256_ranks_so_anyone_can_check_it() -> None:
    codes = [code(n) for n in range(30)]
    sample = draw({Grade.A: codes}, DEFAULT_TREATMENTS, "公开种子")[Grade.A]
    expected = sorted(codes, key=lambda c: hashlib.sha256(f"公开种子|{c}".encode()).hexdigest())[:2]  # 5 % of 30 → 2
    assert sample == expected


def test_each_grade_is_drawn_at_its_own_ratio() -> None:
    population = {grade: [code(i * 10 + n) for n in range(10)] for i, grade in enumerate(Grade)}
    sample = draw(population, DEFAULT_TREATMENTS, "s")
    assert {g: len(s) for g, s in sample.items()} == {Grade.A: 1, Grade.B: 2, Grade.C: 6, Grade.D: 10}
    assert all(set(sample[g]) <= set(population[g]) for g in Grade)


def _treatments(**ratios: int) -> dict[Grade, Treatment]:
    return {g: Treatment(g, ratios.get(g.value, DEFAULT_TREATMENTS[g].ratio_bp), Frequency.ONCE_A_YEAR) for g in Grade}


def test_the_default_treatments_pass_the_checks() -> None:
    check_treatments(DEFAULT_TREATMENTS)
    check_treatments(_treatments(A=0, B=0, C=0, D=0))  # equal ratios are allowed


@pytest.mark.parametrize(
    ("treatments", "reason"),
    [
        (_treatments(A=3000), "order"),  # A above B
        (_treatments(D=5000), "order"),  # D below C
        (_treatments(D=10_001), "ratio"),
        (_treatments(A=-1), "ratio"),
        ({Grade.A: DEFAULT_TREATMENTS[Grade.A]}, "grades"),
    ],
)
def test_bad_treatments_are_refused(treatments: dict[Grade, Treatment], reason: str) -> None:
    with pytest.raises(InvalidTreatment) as caught:
        check_treatments(treatments)
    assert caught.value.params["reason"] == reason


def test_a_negative_minimum_is_refused() -> None:
    bad = dict(DEFAULT_TREATMENTS) | {Grade.B: Treatment(Grade.B, 2000, Frequency.ONCE_A_YEAR, -1)}
    with pytest.raises(InvalidTreatment):
        check_treatments(bad)


def test_population_lines_report_invalid_codes_and_drop_duplicates_keeping_the_first() -> None:
    good, other = code(1), code(2)
    broken = good[:-1] + ("0" if good[-1] != "0" else "1")
    lines = [(1, "统一社会信用代码"), (2, good), (3, ""), (4, broken), (5, f" {good.lower()} "), (6, "＜script＞"),
             (7, other), (8, "x" * 500)]  # fmt: skip
    result = parse_population(lines)
    assert result.codes == ((2, good), (7, other))
    assert [(p.line_no, p.reason, p.first_line) for p in result.problems] == [
        (4, "invalid", None), (5, "duplicate", 2), (6, "invalid", None), (8, "invalid", None)]  # fmt: skip
    assert len(result.problems[-1].value) == 40  # hostile long input is cut in the report


def test_a_header_is_only_skipped_on_the_first_line() -> None:
    result = parse_population([(1, code(1)), (2, "统一社会信用代码")])
    assert [p.line_no for p in result.problems] == [2]


def test_full_width_codes_are_normalised() -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code(3))
    assert parse_population([(1, wide)]).codes == ((1, code(3)),)


def test_a_population_over_the_limit_is_flagged() -> None:
    result = parse_population((n, code(n)) for n in range(1, MAX_POPULATION + 2))
    assert result.too_many
    assert len(result.codes) == MAX_POPULATION


@pytest.mark.parametrize(("value", "reason"), [("", "task_required"), ("  \t", "task_required"),
                                               ("任" * 201, "task_too_long")])  # fmt: skip
def test_task_names(value: str, reason: str) -> None:
    with pytest.raises(DomainError) as caught:
        check_task_name(value)
    assert caught.value.params["reason"] == reason


def test_a_task_name_is_cleaned() -> None:
    assert check_task_name("  2026年第四季度抽查 ") == "2026年第四季度抽查"
