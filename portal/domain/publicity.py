"""Publicity rules: severity, penalty and list-entry publicity windows, public state (DOMAIN §5, §6)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from portal.domain.dates import add_months
from portal.domain.errors import InvalidValue
from portal.domain.text import clean, nfkc


class Severity(StrEnum):
    """失信严重程度 of a penalty (NDRC 令第36号, DOMAIN §5.2)."""

    MINOR = "minor"
    GENERAL = "general"
    SERIOUS = "serious"


SEVERITY_LABELS_ZH = {Severity.MINOR: "轻微", Severity.GENERAL: "一般", Severity.SERIOUS: "严重"}
_SEVERITY_BY_LABEL = {label: severity for severity, label in SEVERITY_LABELS_ZH.items()}
_SEVERITY_SUFFIX = "失信"

# 处罚类别 of the 2021 行政处罚法 Art. 9, in the order of data-standard §4.
PUNISHMENT_TYPES = (
    "警告",
    "通报批评",
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "暂扣许可证件",
    "降低资质等级",
    "吊销许可证件",
    "限制开展生产经营活动",
    "责令停产停业",
    "责令关闭",
    "限制从业",
    "行政拘留",
    "其他",
)
# Only these make a penalty 轻微 when no severity is given (DOMAIN §5.2).
MINOR_TYPES = frozenset({"警告", "通报批评"})
# Terms of the pre-2021 行政处罚法 (Art. 8 of the 1996/2017 text): rejected, but the reason names the
# current term (data-standard §2 "Enumerations are exact"). 责令停产停业 and 行政拘留 are still current.
OLD_PUNISHMENT_TERMS = {
    "暂扣或者吊销许可证": "暂扣许可证件 / 吊销许可证件",
    "暂扣或者吊销执照": "暂扣许可证件 / 吊销许可证件",
    "暂扣或吊销许可证": "暂扣许可证件 / 吊销许可证件",
    "暂扣或吊销执照": "暂扣许可证件 / 吊销许可证件",
    "暂扣许可证": "暂扣许可证件",
    "暂扣执照": "暂扣许可证件",
    "吊销许可证": "吊销许可证件",
    "吊销执照": "吊销许可证件",
    "吊销营业执照": "吊销许可证件",
}
_TYPE_SEPARATORS = re.compile(r"[;；、,，]")

# (min, max) publicity in months from the decision date D (DOMAIN §5.2); 轻微 has no minimum.
PERIOD_MONTHS: dict[Severity, tuple[int | None, int]] = {
    Severity.MINOR: (None, 3),
    Severity.GENERAL: (3, 12),
    Severity.SERIOUS: (12, 36),
}


def parse_severity(value: str) -> Severity | None:
    """轻微/一般/严重 (optionally suffixed 失信) → Severity; blank → None; raises InvalidValue otherwise."""
    text = nfkc(clean(value))
    if not text:
        return None
    label = text.removesuffix(_SEVERITY_SUFFIX)
    if label not in _SEVERITY_BY_LABEL:
        raise InvalidValue("失信严重程度取值无效", value=value, allowed="轻微、一般、严重")
    return _SEVERITY_BY_LABEL[label]


def split_punishment_types(value: str) -> list[str]:
    """处罚类别 cell → its parts, in order, without empty parts and repeats (data-standard §4)."""
    parts: list[str] = []
    for raw in _TYPE_SEPARATORS.split(clean(value)):
        part = clean(raw)
        if part and part not in parts:
            parts.append(part)
    return parts


def unknown_punishment_types(types: Sequence[str]) -> list[str]:
    """The parts that are not current 处罚类别 (incl. old terms; OLD_PUNISHMENT_TERMS gives the new one)."""
    return [t for t in types if t not in PUNISHMENT_TYPES]


@dataclass(frozen=True, slots=True)
class SeverityResult:
    severity: Severity
    warnings: tuple[str, ...]


def derive_severity(types: Sequence[str], given: Severity | None) -> SeverityResult:
    """Severity to store (data-standard §4.1); 严重 is never inferred, only kept when given."""
    only_minor = bool(types) and all(t in MINOR_TYPES for t in types)
    if given is None:
        return SeverityResult(Severity.MINOR if only_minor else Severity.GENERAL, ())
    if given is Severity.MINOR and not only_minor:
        # Several types in one decision: the longest period applies (DOMAIN §5.2).
        return SeverityResult(
            Severity.GENERAL,
            ("失信严重程度为轻微，但处罚类别含警告、通报批评以外的类别，已按一般处理",),
        )
    if given is Severity.SERIOUS and only_minor:
        return SeverityResult(
            Severity.SERIOUS,
            ("失信严重程度为严重，但处罚类别仅有警告、通报批评，已按严重保留",),
        )
    return SeverityResult(given, ())


@dataclass(frozen=True, slots=True)
class PenaltyWindow:
    public_until: date
    warnings: tuple[str, ...]


def max_public_until(decided_on: date, severity: Severity) -> date:
    """D + the maximum period of the severity: the last public day (inclusive, DOMAIN §5.3)."""
    return add_months(decided_on, PERIOD_MONTHS[severity][1])


def penalty_public_until(decided_on: date, severity: Severity, given_end: date | None) -> PenaltyWindow:
    """Last public day = min(公示截止期, D + max) (DOMAIN §5.3), with the importer's warnings.

    Raises InvalidValue when the given end is earlier than D (the importer rejects the row).
    """
    max_end = max_public_until(decided_on, severity)
    if given_end is None:
        return PenaltyWindow(max_end, ())
    if given_end < decided_on:
        raise InvalidValue("公示截止期早于处罚决定日期", value=given_end, decided_on=decided_on)
    if given_end > max_end:
        return PenaltyWindow(max_end, (f"公示截止期晚于最长公示期限，已按{max_end.isoformat()}截止",))
    min_months = PERIOD_MONTHS[severity][0]
    if min_months is not None and given_end < (min_end := add_months(decided_on, min_months)):
        # Kept as given: the source may end publicity early; flagged because it is below the national minimum.
        return PenaltyWindow(
            given_end, (f"公示截止期早于最短公示期限（{min_end.isoformat()}），已按公示截止期截止",)
        )
    return PenaltyWindow(given_end, ())


def repair_possible_from(decided_on: date, severity: Severity) -> date | None:
    """First day a repair may take effect: the day after D + min (DOMAIN §5.3); None for 轻微."""
    min_months = PERIOD_MONTHS[severity][0]
    if min_months is None:
        return None
    return add_months(decided_on, min_months) + timedelta(days=1)


def shift_end(end: date, suspended_days: int) -> date:
    """End after a rejected objection: moved by the suspended calendar days (DOMAIN §7, seed 001 (三)2)."""
    if suspended_days < 0:
        raise InvalidValue("暂停天数不能为负数", value=suspended_days)
    return end + timedelta(days=suspended_days)


class RecordStatus(StrEnum):
    """Stored status of a published record (DOMAIN §5.4); expiry is computed, never stored."""

    PUBLISHED = "published"
    NOT_PUBLIC = "not_public"
    UNDER_OBJECTION = "under_objection"
    WITHDRAWN = "withdrawn"
    REPAIRED = "repaired"


# Under objection the record stays visible with the mark 异议处理中 (DOMAIN §5.4, §7).
VISIBLE_STATUSES = frozenset({RecordStatus.PUBLISHED, RecordStatus.UNDER_OBJECTION})


class PublicState(StrEnum):
    """What the public sees on a given day; HIDDEN = the status itself is not visible."""

    PUBLIC = "public"
    NOT_YET = "not_yet"
    EXPIRED = "expired"
    HIDDEN = "hidden"


def public_state(
    status: RecordStatus, public_from: date, public_until: date | None, today: date
) -> PublicState:
    """State on `today`: both ends inclusive, public_until None = open-ended (DOMAIN §5.3, per request)."""
    if status not in VISIBLE_STATUSES:
        return PublicState.HIDDEN
    if today < public_from:
        return PublicState.NOT_YET
    if public_until is not None and today > public_until:
        return PublicState.EXPIRED
    return PublicState.PUBLIC


def is_public(status: RecordStatus, public_from: date, public_until: date | None, today: date) -> bool:
    """True only if the record may be shown to the public on `today` (DOMAIN §6)."""
    return public_state(status, public_from, public_until, today) is PublicState.PUBLIC


def list_entry_window(
    listed_on: date, valid_until: date | None, removed_on: date | None
) -> tuple[date, date | None]:
    """(public_from, public_until) of a list entry (DOMAIN §5.5).

    Public from 列入日期 through 有效期至 (inclusive) and not from 移出日期 on; None = open-ended.
    Raises InvalidValue when 有效期至 or 移出日期 is earlier than 列入日期 (data-standard §6 rejects).
    """
    if valid_until is not None and valid_until < listed_on:
        raise InvalidValue("有效期至早于列入日期", value=valid_until, listed_on=listed_on)
    if removed_on is not None and removed_on < listed_on:
        raise InvalidValue("移出日期早于列入日期", value=removed_on, listed_on=listed_on)
    ends = [d for d in (valid_until, removed_on - timedelta(days=1) if removed_on else None) if d is not None]
    return listed_on, min(ends) if ends else None


def automatic_hold_reason(
    *, adulthood_unproven: bool, subject_is_minor: bool, severity: Severity | None, publish_minor_penalties: bool
) -> str | None:
    """Why a new record may not be public by rule (DOMAIN §6, §17), or None; the reason is stored with the record.

    A natural person whose ID cannot prove adulthood (a non-resident ID) is held until staff confirm; minors'
    records and, unless the deployment publishes them, 轻微 penalties are never public.
    """
    if adulthood_unproven:
        return "待确认成年"
    if subject_is_minor:
        return "未成年人"
    if severity is Severity.MINOR and not publish_minor_penalties:
        return "轻微"
    return None
