"""Publicity of the further kinds of credit information (DOMAIN §19): pure rules, settings with §19's defaults.

Windows are (public_from, public_until) with both ends inclusive, like the penalty rules of §5.3; a hold is the reason
a record is never public by rule (stored as the record's hold_reason), or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.domain.dates import add_months
from portal.domain.kinds import SubjectKind

# The hold of records that are shared between departments only (政务共享), never shown to the public (DOMAIN §19).
GOVERNMENT_ONLY = "政务共享"


@dataclass(frozen=True, slots=True)
class MorePublicity:
    """The §19 periods, in months; a deployment may set others (the defaults are the project's decisions)."""

    coercion_after_lifting: int = 6  # 行政强制: public until 解除日期 + 6 months …
    coercion_not_lifted: int = 12  # … or 决定日期 + 1 year while not lifted …
    coercion_cap: int = 36  # … never beyond 决定日期 + 3 years
    honour_default: int = 36  # 荣誉 without 有效期至: public until 授予日期 + 3 years
    commitment_default: int = 36  # 信用承诺 without 承诺有效期至: 承诺作出日期 + 3 years
    broken_commitment: int = 12  # 违诺: 履行状态认定日期 + 1 year


DEFAULTS = MorePublicity()


def coercion_window(decided_on: date, lifted_on: date | None, periods: MorePublicity = DEFAULTS) -> tuple[date, date]:
    """行政强制: from 决定日期 to 解除日期 + 6 months, or 决定日期 + 1 year when not lifted, capped at + 3 years."""
    cap = add_months(decided_on, periods.coercion_cap)
    if lifted_on is None:
        end = add_months(decided_on, periods.coercion_not_lifted)
    else:
        end = add_months(lifted_on, periods.coercion_after_lifting)
    return decided_on, min(end, cap)


def organisations_only_hold(subject_kind: SubjectKind) -> str | None:
    """行政强制 and 检查结果 of natural persons are shared between departments only (DOMAIN §19)."""
    return GOVERNMENT_ONLY if subject_kind is SubjectKind.NATURAL_PERSON else None


def honour_window(
    granted_on: date, valid_until: date | None, revoked_on: date | None, periods: MorePublicity = DEFAULTS
) -> tuple[date, date]:
    """荣誉: from 授予日期 to 有效期至 (授予日期 + 3 years when blank); not public from 撤销日期 on.

    A revocation on the day of the grant gives an end before the start: never public.
    """
    end = valid_until if valid_until is not None else add_months(granted_on, periods.honour_default)
    if revoked_on is not None:
        end = min(end, revoked_on - timedelta(days=1))
    return granted_on, end


def commitment_window(
    made_on: date, valid_until: date | None, broken_on: date | None, periods: MorePublicity = DEFAULTS
) -> tuple[date, date]:
    """信用承诺: until 承诺有效期至 (承诺作出日期 + 3 years when blank); a 违诺 (部分履行 / 全部未履行) until its
    履行状态认定日期 + 1 year instead (DOMAIN §19)."""
    if broken_on is not None:
        return made_on, add_months(broken_on, periods.broken_commitment)
    end = valid_until if valid_until is not None else add_months(made_on, periods.commitment_default)
    return made_on, end


def commitment_hold(openness: str, subject_kind: SubjectKind) -> str | None:
    """Only 社会公开 commitments of organisations and 个体工商户 are public (DOMAIN §19)."""
    if openness != "社会公开":
        return openness  # 政务共享 or 不公开
    return organisations_only_hold(subject_kind)
