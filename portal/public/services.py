"""Read-side queries of the public pages; every query goes through portal.visibility.public_on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.kinds import ListCategory
from portal.models import ListEntry, Penalty, Permit, Subject
from portal.public.cache import TTLCache
from portal.public.presenters import PublicRecord, present_list_entry, present_penalty, present_permit
from portal.visibility import public_on


@dataclass(frozen=True)
class HomeCounts:
    penalties: int
    permits: int
    lists: dict[str, int]


def home_counts(session: Session, today: date, cache: TTLCache | None = None) -> HomeCounts:
    """Public records by kind; with a cache, counted once per cache lifetime and day (a scan at 1M rows)."""

    def compute() -> HomeCounts:
        def count(model, *extra) -> int:  # type: ignore[no-untyped-def]
            query = sa.select(sa.func.count()).select_from(model).where(public_on(model, today), *extra)
            return int(session.scalar(query) or 0)

        lists = {c.value: count(ListEntry, ListEntry.category == c) for c in ListCategory}
        return HomeCounts(count(Penalty), count(Permit), lists)

    return cache.get_or_compute(("home-counts", today), compute) if cache is not None else compute()


def latest(session: Session, today: date, limit: int = 8) -> dict[str, list[PublicRecord]]:
    out: dict[str, list[PublicRecord]] = {}
    for key, model, order, present in (
        ("penalties", Penalty, Penalty.decided_on, present_penalty),
        ("permits", Permit, Permit.decided_on, present_permit),
        ("lists", ListEntry, ListEntry.listed_on, present_list_entry),
    ):
        query = (
            sa.select(model, Subject)
            .join(Subject, Subject.id == model.subject_id)
            .where(public_on(model, today))
            .order_by(order.desc(), model.id.desc())
            .limit(limit)
        )
        out[key] = [present(record, subject) for record, subject in session.execute(query)]
    return out


def latest_listed(session: Session, today: date, category: ListCategory, limit: int = 5) -> list[PublicRecord]:
    """The newest public entries of one list category (the home page's 红榜 and 黑榜 show them apart)."""
    query = (
        sa.select(ListEntry, Subject)
        .join(Subject, Subject.id == ListEntry.subject_id)
        .where(public_on(ListEntry, today), ListEntry.category == category)
        .order_by(ListEntry.listed_on.desc(), ListEntry.id.desc())
        .limit(limit)
    )
    return [present_list_entry(entry, subject) for entry, subject in session.execute(query)]
