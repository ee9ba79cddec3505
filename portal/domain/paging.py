"""Numbered pages (1 … 4 5 [6] 7 8 … 20) and the subject badges: pure rules for the search page and profiles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


def last_page(total: int, per_page: int) -> int:
    """Number of pages for `total` items, at least 1 (an empty result is one empty page)."""
    return max(1, -(-max(0, total) // max(1, per_page)))


def page_numbers(current: int, last: int, *, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last, `around` pages either side of the current one; None
    marks a gap (an ellipsis). The first and last pages are always there, so every page is two clicks away."""
    current = min(max(1, current), max(1, last))
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) == 2:
            out.append(number - 1)  # a gap of one page: show the page, not an ellipsis
        elif out and number - (out[-1] or 0) > 2:
            out.append(None)
        out.append(number)
    return out


@dataclass(frozen=True, slots=True)
class Pager:
    """What the numbered pager macro draws."""

    page: int
    last: int
    numbers: list[int | None]

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.last


def pager(page: int, total: int, per_page: int, *, around: int = 2) -> Pager:
    last = last_page(total, per_page)
    return Pager(min(max(1, page), last), last, page_numbers(page, last, around=around))


class Badge(StrEnum):
    """What a subject card and profile announce at the top (labels: portal.i18n.BADGE_LABELS)."""

    INCENTIVE = "incentive"  # 守信激励: on a red list, holding an honour or a good rating
    PUNISHMENT = "punishment"  # 失信惩戒: on the 严重失信主体名单
    WATCH = "watch"  # 重点关注: on the 重点关注名单


# Which public record counts earn each badge (keys as in the profile counts: kinds and list categories).
BADGE_SOURCES: dict[Badge, tuple[str, ...]] = {
    Badge.INCENTIVE: ("redlist", "honour", "good_rating"),  # good ratings: 纳税 A, 海关 高级认证企业, 环保 绿 (§19)
    Badge.PUNISHMENT: ("blacklist",),
    Badge.WATCH: ("watchlist",),
}


def badges(counts: Mapping[str, int]) -> list[Badge]:
    """The badges earned by a subject's counts of *public* records, in a fixed order."""
    return [badge for badge, keys in BADGE_SOURCES.items() if any(counts.get(k, 0) > 0 for k in keys)]
