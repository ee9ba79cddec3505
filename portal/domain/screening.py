"""重点监管对象筛查 (DOMAIN §21): which records a watch-list subject is screened against, new hits, feedback state.

Screening is internal staff work, so it reads records whether they are public or not (§19: 政务共享 records are
visible to staff and department users): a 轻微 penalty held back from the public site, or a coercion on a 个体工商户
operator, still tells a department about a subject it supervises. It never reads withdrawn records (they were wrong)
nor repaired ones (信用修复 ends publicity *and* punishment, §9, §12), and it only reads what is in force on the day:
list entries not yet removed or expired, penalties of the last `penalty_years`, coercions not lifted (or lifted less
than `coercion_grace_days` ago, the §19 window) and never older than `coercion_max_years`. No Flask, no SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from portal.domain import uscc
from portal.domain.errors import DomainError
from portal.domain.text import has_control_chars, normalize_code

MAX_LIST_NAME = 100
MAX_ENTRIES = 5000  # per watch list; the benchmark screens 50 lists of 1,000
MAX_FEEDBACK = 2000
FEEDBACK_WORKDAYS = 10  # "each hit gets a feedback (措施 taken) within 10 working days" (§21)
_SEPARATORS = re.compile(r"[,;，；、\s]+")
_HEADER = re.compile(r"代码|名称|信用|主体|uscc|code|name", re.IGNORECASE)
# Statuses that end a record for screening: withdrawn (it was wrong) and repaired (punishment ended).
ENDED_STATUSES = frozenset({"withdrawn", "repaired"})


class HitSource(StrEnum):
    BLACKLIST = "blacklist"  # 严重失信主体名单
    WATCHLIST = "watchlist"  # 重点关注名单
    PENALTY = "penalty"  # 行政处罚
    COERCION = "coercion"  # 行政强制


class FeedbackState(StrEnum):
    OPEN = "open"  # no feedback yet, still within the deadline
    OVERDUE = "overdue"  # no feedback and the deadline has passed
    DONE = "done"  # fed back in time
    LATE = "late"  # fed back after the deadline


class WatchError(DomainError):
    """A watch-list or feedback input the rules refuse; `reason` names the translated message at the edge."""

    code = "invalid_watch"


@dataclass(frozen=True, slots=True)
class ScreeningRules:
    penalty_years: int = 3  # the longest publicity of a penalty (严重, §5)
    coercion_grace_days: int = 183  # a lifted coercion stays relevant about six months (§19)
    coercion_max_years: int = 3


DEFAULT_RULES = ScreeningRules()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A record of a screened subject, reduced to what the rule needs."""

    source: HitSource
    record_id: int
    subject_id: int
    status: str
    starts_on: date  # listed / decided
    ends_on: date | None = None  # removed / lifted: not counted from this day (list) or after the grace (coercion)
    valid_until: date | None = None  # a list entry's 有效期至 (inclusive)

    @property
    def key(self) -> tuple[str, int]:
        """The record's identity across runs: a list entry that changes category is still the same record."""
        table = "list" if self.source in (HitSource.BLACKLIST, HitSource.WATCHLIST) else self.source.value
        return table, self.record_id


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def in_force(candidate: Candidate, day: date, rules: ScreeningRules = DEFAULT_RULES) -> bool:
    """Whether the record counts for screening on `day` (see the module docstring)."""
    if candidate.status in ENDED_STATUSES or candidate.starts_on > day:
        return False
    if candidate.source in (HitSource.BLACKLIST, HitSource.WATCHLIST):
        if candidate.ends_on is not None and candidate.ends_on <= day:
            return False
        return candidate.valid_until is None or candidate.valid_until >= day
    if candidate.source is HitSource.PENALTY:
        return candidate.starts_on > years_before(day, rules.penalty_years)
    if candidate.starts_on <= years_before(day, rules.coercion_max_years):
        return False
    return candidate.ends_on is None or candidate.ends_on + timedelta(days=rules.coercion_grace_days) > day


def new_hits(
    candidates: Iterable[Candidate], reported: set[tuple[str, int]], day: date, rules: ScreeningRules = DEFAULT_RULES
) -> list[Candidate]:
    """Records in force on `day` that were not reported before (`reported` holds Candidate.key values).

    Each record comes back once even when several candidates name it, so a second run the same day adds nothing.
    """
    seen = set(reported)
    found = []
    for candidate in candidates:
        if candidate.key in seen or not in_force(candidate, day, rules):
            continue
        seen.add(candidate.key)
        found.append(candidate)
    return found


def feedback_state(due_on: date, answered_on: date | None, today: date) -> FeedbackState:
    if answered_on is None:
        return FeedbackState.OVERDUE if today > due_on else FeedbackState.OPEN
    return FeedbackState.LATE if answered_on > due_on else FeedbackState.DONE


def check_feedback(text: str) -> str:
    """The 措施 text, stripped; raises WatchError (reason empty, too_long, control)."""
    text = text.strip()
    if not text:
        raise WatchError("请填写采取的措施", reason="feedback_required")
    if len(text) > MAX_FEEDBACK:
        raise WatchError("措施说明过长", reason="feedback_too_long")
    if has_control_chars(text):
        raise WatchError("措施说明含有控制字符", reason="control")
    return text


def check_list_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise WatchError("请填写名单名称", reason="name_required")
    if len(name) > MAX_LIST_NAME or has_control_chars(name):
        raise WatchError("名单名称过长或含有控制字符", reason="name")
    return name


@dataclass(slots=True)
class ParsedCodes:
    """USCCs read from a paste or a file: accepted codes in order, and what was refused, by line."""

    codes: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)  # malformed: wrong length or characters
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # repeated within the input
    check_warnings: list[tuple[int, str]] = field(default_factory=list)  # accepted, but the check char is wrong


def split_text(text: str) -> list[tuple[int, str]]:
    """(line, token) of pasted text or a CSV/TXT file; a first line like 统一社会信用代码 is a header."""
    found: list[tuple[int, str]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line_no == 1 and not any(ch.isdigit() for ch in line) and _HEADER.search(line):
            continue
        found += [(line_no, token.strip('"')) for token in _SEPARATORS.split(line.strip()) if token.strip('"')]
    return found


def parse_codes(tokens: Iterable[tuple[int, str]]) -> ParsedCodes:
    """GB 32100: malformed codes are refused; a wrong check character is accepted with a warning, since some real
    early codes fail it (DOMAIN §14); duplicates are reported once each and kept once."""
    parsed = ParsedCodes()
    seen: set[str] = set()
    for line_no, token in tokens:
        code = normalize_code(token)[:64]
        if not uscc.is_well_formed(code):
            parsed.invalid.append((line_no, token[:64]))
            continue
        if code in seen:
            parsed.duplicates.append((line_no, code))
            continue
        seen.add(code)
        parsed.codes.append(code)
        if not uscc.has_valid_check(code):
            parsed.check_warnings.append((line_no, code))
    return parsed
