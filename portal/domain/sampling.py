"""双随机 draws (DOMAIN §20): treatments per grade, sample sizes, the seeded draw and the population list.

The draw ranks each USCC of a grade by SHA-256(seed | USCC) and takes the lowest ranks: the same seed and
population give the same sample on any machine and Python version, whatever the order of the input, and anyone can
re-check a sample with a SHA-256 tool. The seed is chosen by the server (never by the user) and stored with the draw.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from portal.domain import uscc
from portal.domain.errors import DomainError
from portal.domain.grading import GRADES, Grade
from portal.domain.text import clean, nfkc

FULL = 10_000  # ratios are kept in basis points (1 % = 100): exact integer arithmetic, no float rounding
MAX_MIN_COUNT = 100_000
MAX_POPULATION = 50_000
MAX_TASK_NAME = 200


class Frequency(StrEnum):
    UNDER_ONCE_A_YEAR = "under_once_a_year"  # 原则上每年不超过1次
    ONCE_A_YEAR = "once_a_year"
    UNDER_TWICE_A_YEAR = "under_twice_a_year"
    TWICE_A_YEAR = "twice_a_year"
    QUARTERLY = "quarterly"
    AS_NEEDED = "as_needed"  # 根据需要实时检查


@dataclass(frozen=True, slots=True)
class Treatment:
    grade: Grade
    ratio_bp: int  # the share of the grade's subjects a draw takes, in basis points
    frequency: Frequency
    min_count: int = 0  # at least this many of the grade (all of them when fewer)


# The published county example of DOMAIN §20 (林甸县农业农村局, 2024): the ranges, and as the draw ratio their upper
# bound (A ≤ 5 %, B 5–20 %, C 21–60 %, D 61–100 %), so a default draw never inspects less than the example allows.
PUBLISHED_RANGES_BP: Mapping[Grade, tuple[int, int]] = {
    Grade.A: (0, 500), Grade.B: (500, 2000), Grade.C: (2100, 6000), Grade.D: (6100, 10_000),
}  # fmt: skip
DEFAULT_TREATMENTS: Mapping[Grade, Treatment] = {
    Grade.A: Treatment(Grade.A, 500, Frequency.UNDER_ONCE_A_YEAR),
    Grade.B: Treatment(Grade.B, 2000, Frequency.ONCE_A_YEAR),
    Grade.C: Treatment(Grade.C, 6000, Frequency.UNDER_TWICE_A_YEAR),
    Grade.D: Treatment(Grade.D, 10_000, Frequency.AS_NEEDED),
}


class InvalidTreatment(DomainError):
    code = "invalid_treatment"


def check_treatments(treatments: Mapping[Grade, Treatment]) -> None:
    """Raises InvalidTreatment: every grade once, ratios 0–100 %, and never a lower ratio for a worse grade (§12:
    good credit → lower ratio, dishonest → higher)."""
    if set(treatments) != set(GRADES):
        raise InvalidTreatment("grades", reason="grades")
    for grade in GRADES:
        item = treatments[grade]
        if not 0 <= item.ratio_bp <= FULL:
            raise InvalidTreatment("ratio", reason="ratio", grade=grade.value)
        if not 0 <= item.min_count <= MAX_MIN_COUNT:
            raise InvalidTreatment("min_count", reason="min_count", grade=grade.value)
    ratios = [treatments[grade].ratio_bp for grade in GRADES]
    if any(better > worse for better, worse in zip(ratios, ratios[1:], strict=False)):
        raise InvalidTreatment("order", reason="order")


def sample_size(population: int, ratio_bp: int, min_count: int = 0) -> int:
    """How many of `population` subjects a draw takes: the ratio rounded **up** (a ratio is a share to reach, so
    5 % of 21 is 2), at least `min_count`, never more than the population (then everyone is drawn)."""
    if population <= 0:
        return 0
    by_ratio = -(-population * ratio_bp // FULL)  # ceiling without floats
    return min(population, max(by_ratio, min_count))


def rank_key(seed: str, code: str) -> str:
    return hashlib.sha256(f"{seed}|{code}".encode()).hexdigest()


def draw(population: Mapping[Grade, Sequence[str]], treatments: Mapping[Grade, Treatment], seed: str
         ) -> dict[Grade, list[str]]:  # fmt: skip
    """The sample per grade, in draw order: the lowest SHA-256(seed | USCC) ranks of each grade."""
    sample = {}
    for grade in GRADES:
        codes = population.get(grade, ())
        item = treatments[grade]
        k = sample_size(len(codes), item.ratio_bp, item.min_count)
        sample[grade] = sorted(codes, key=lambda code: rank_key(seed, code))[:k]
    return sample


@dataclass(frozen=True, slots=True)
class LineProblem:
    line_no: int
    value: str  # as given, cut to 40 characters (a USCC is no personal data)
    reason: str  # invalid | duplicate
    first_line: int | None = None  # for a duplicate: the line that is kept


@dataclass(frozen=True, slots=True)
class Population:
    codes: tuple[tuple[int, str], ...]  # (line number, USCC) of the valid, first occurrences, in input order
    problems: tuple[LineProblem, ...]
    too_many: bool = False


HEADER_WORDS = ("统一社会信用代码", "社会信用代码", "信用代码", "USCC")


def _is_header(value: str) -> bool:
    text = value.upper()
    return any(word.upper() in text for word in HEADER_WORDS)


def parse_population(lines: Iterable[tuple[int, str]]) -> Population:
    """USCCs from (line number, cell) pairs: blank lines skipped, a header line allowed first, invalid codes
    reported line by line, repeats dropped with the line that is kept; stops after MAX_POPULATION valid codes."""
    codes: list[tuple[int, str]] = []
    first_seen: dict[str, int] = {}
    problems: list[LineProblem] = []
    first = True
    for line_no, raw in lines:
        value = nfkc(clean(raw)).upper()
        if not value:
            continue
        if first and not uscc.is_well_formed(value) and _is_header(value):
            first = False
            continue
        first = False
        if not uscc.is_valid(value):
            problems.append(LineProblem(line_no, clean(raw)[:40], "invalid"))
            continue
        if value in first_seen:
            problems.append(LineProblem(line_no, value, "duplicate", first_seen[value]))
            continue
        if len(codes) >= MAX_POPULATION:
            return Population(tuple(codes), tuple(problems), too_many=True)
        first_seen[value] = line_no
        codes.append((line_no, value))
    return Population(tuple(codes), tuple(problems))


def check_task_name(value: str) -> str:
    """The task name, cleaned; raises InvalidTreatment-like DomainError codes `task_required` / `task_too_long`."""
    name = nfkc(clean(value))
    if not name:
        raise DomainError("task_required", reason="task_required")
    if len(name) > MAX_TASK_NAME:
        raise DomainError("task_too_long", reason="task_too_long")
    return name
