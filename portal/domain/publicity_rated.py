"""Publicity of 信用评价结果 and 检查结果 (DOMAIN §19, data-standard §11 and §14): pure rules, settings with defaults.

Windows are (public_from, public_until), both ends inclusive, None = open-ended, like portal/domain/publicity_more.py.

A rating is public from its 评价日期 until its 有效期至 (the scheme's default validity when blank), and a newer rating
of the same scheme for the same subject supersedes it: the older one ends the day before the newer 评价日期
(data-standard §11). Which ratings supersede which is a pure function of their dates (`superseded_on`); the
importer applies it to every rating of the subjects and schemes a batch touched (portal/importers/supersede.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from portal.domain.dates import add_months

SOCIALLY_PUBLIC = "社会公开"


@dataclass(frozen=True, slots=True)
class RatedPublicity:
    """The §19 periods, in months; a deployment may set others (the defaults are the project's decisions)."""

    rating_default: int = 12  # 有效期至 blank: 评价日期 + 1 year − 1 day (纳税, 环保, 公共信用, 其他)
    inspection: int = 12  # 检查结果: public until 检查日期 + 1 year
    open_ended_schemes: frozenset[str] = frozenset({"海关信用"})  # valid until changed (superseded)


DEFAULTS = RatedPublicity()


def rating_default_until(scheme: str, rated_on: date, periods: RatedPublicity = DEFAULTS) -> date | None:
    """The default 有效期至 of a scheme (data-standard §11): None = until a newer rating supersedes it."""
    if scheme in periods.open_ended_schemes:
        return None
    return add_months(rated_on, periods.rating_default) - timedelta(days=1)


def rating_window(
    scheme: str,
    rated_on: date,
    valid_until: date | None,
    superseded_on: date | None = None,
    periods: RatedPublicity = DEFAULTS,
) -> tuple[date, date | None]:
    """From 评价日期 to 有效期至 (or the scheme's default), ended the day before a newer rating's 评价日期."""
    end = valid_until if valid_until is not None else rating_default_until(scheme, rated_on, periods)
    if superseded_on is not None:
        cut = superseded_on - timedelta(days=1)
        end = cut if end is None else min(end, cut)
    return rated_on, end


def superseded_on(rated_on: date, group: Sequence[date]) -> date | None:
    """The 评价日期 of the rating that supersedes one rated on `rated_on`, given the dates of every rating of the
    same scheme and subject: the earliest strictly later date, or None while it is the newest."""
    later = [d for d in group if d > rated_on]
    return min(later) if later else None


def rating_hold(openness: str) -> str | None:
    """Only 社会公开 ratings are public (DOMAIN §19); 政务共享 ones are shared between departments only."""
    return None if openness == SOCIALLY_PUBLIC else openness


def inspection_window(inspected_on: date, periods: RatedPublicity = DEFAULTS) -> tuple[date, date]:
    """检查结果: from 检查日期 to 检查日期 + 1 year (DOMAIN §19)."""
    return inspected_on, add_months(inspected_on, periods.inspection)
