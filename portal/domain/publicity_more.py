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
