"""Read-side queries of the public pages; every query goes through portal.visibility.public_on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
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
    others: dict[str, int] = field(default_factory=dict)  # kind value -> public records, of the other listed kinds


def other_listed_kinds() -> list[Any]:
    """The kinds with a listing of their own besides 双公示 (行政强制, 荣誉, 信用承诺 …), in registry order."""
    return [spec for spec in kinds.specs() if spec.index_endpoint and not spec.double_publicity]


def home_counts(session: Session, today: date, cache: TTLCache | None = None) -> HomeCounts:
    """Public records by kind; with a cache, counted once per cache lifetime and day (a scan at 1M rows)."""

    def compute() -> HomeCounts:
        def count(model, *extra) -> int:  # type: ignore[no-untyped-def]
            query = sa.select(sa.func.count()).select_from(model).where(public_on(model, today), *extra)
            return int(session.scalar(query) or 0)

        lists = {c.value: count(ListEntry, ListEntry.category == c) for c in ListCategory}
        others = {spec.kind.value: count(spec.model) for spec in other_listed_kinds()}
        return HomeCounts(count(Penalty), count(Permit), lists, others)

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


def latest_of(
    session: Session, today: date, specs: Iterable[Any], limit: int = 5, *, per_summary: int | None = None
) -> list[PublicRecord]:
    """The newest public records of the given kinds together, newest first (one small query per kind).

    `per_summary`: at most this many records with the same summary (one honour document names dozens of subjects),
    from a few times `limit` rows read, so that the section shows several schemes.
    """
    fetch = limit * 8 if per_summary else limit
    found: list[PublicRecord] = []
    for spec in specs:
        model = spec.model
        query = (
            sa.select(model, Subject)
            .join(Subject, Subject.id == model.subject_id)
            .where(public_on(model, today))
            .order_by(model.day.desc(), model.id.desc())
            .limit(fetch)
        )
        found += [spec.present(record, subject) for record, subject in session.execute(query)]
    newest = sorted(found, key=lambda r: (r.decided_on, r.id), reverse=True)
    if per_summary:
        seen: dict[tuple[str, str], int] = {}
        kept = []
        for record in newest:
            key = (record.kind.value, record.summary)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] <= per_summary:
                kept.append(record)
        newest = kept
    return newest[:limit]
