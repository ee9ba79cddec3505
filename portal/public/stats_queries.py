"""Aggregates of the statistics page: GROUP BY in SQL over public records only (portal.visibility.public_on).

One grouped query per record kind gives months, departments and timeliness together, so a statistics build reads
each table about once; the caller caches the result (portal/public/views_stats.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.workdays import WorkCalendar
from portal.models import ListEntry, Penalty, Permit
from portal.visibility import public_on

DEADLINE_WORKDAYS = 7  # 双公示 within 7 working days of the decision (DOMAIN §5.1)
KINDS = ("penalties", "permits", "lists")


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date  # inclusive

    def months(self) -> list[str]:
        out, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


@dataclass(slots=True)
class KindCounts:
    penalties: int = 0
    permits: int = 0
    lists: int = 0

    @property
    def total(self) -> int:
        return self.penalties + self.permits + self.lists

    def add(self, kind: str, n: int) -> None:
        setattr(self, kind, getattr(self, kind) + n)


@dataclass(slots=True)
class Timeliness:
    name: str
    uscc: str
    records: int = 0
    on_time: int = 0

    @property
    def share(self) -> float:
        """Per cent of 双公示 records uploaded within the deadline (0 when there are none)."""
        return 100.0 * self.on_time / self.records if self.records else 0.0


@dataclass(slots=True)
class Statistics:
    window: Window
    months: dict[str, KindCounts]
    departments: dict[str, tuple[str, KindCounts]] = field(default_factory=dict)  # uscc -> (name, counts)
    categories: dict[str, int] = field(default_factory=dict)  # 处罚类别 as stored -> penalties
    lists: list[tuple[str, str, int]] = field(default_factory=list)  # (category, 名单名称, entries)
    timeliness: dict[str, Timeliness] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)  # kind value -> public records, every kind of the registry

    @property
    def total(self) -> int:
        """Every kind's public records in the window (the month table counts 双公示 and lists only)."""
        return sum(self.by_kind.values()) if self.by_kind else sum(c.total for c in self.months.values())


def upload_deadlines(calendar: WorkCalendar, window: Window) -> dict[date, date]:
    """Decision day → the last day (in China) on which an upload is on time: the 7th working day after it."""
    out, day = {}, window.start
    while day <= window.end:
        out[day] = calendar.add_workdays(day, DEADLINE_WORKDAYS)
        day += timedelta(days=1)
    return out


def upload_day(model, dialect: str) -> sa.ColumnElement[date]:  # type: ignore[no-untyped-def]
    """The calendar day in China on which the record reached the platform (created_at is stored in UTC)."""
    if dialect == "postgresql":
        return sa.cast(sa.func.timezone("Asia/Shanghai", model.created_at), sa.Date)
    return sa.type_coerce(sa.func.date(model.created_at, "+8 hours"), sa.Date)  # SQLite: UTC text; China has no DST


def _filters(model, window: Window, today: date, date_col, source: str | None) -> list:  # type: ignore[no-untyped-def]
    where = [public_on(model, today), date_col >= window.start, date_col <= window.end]
    if source:
        where.append(model.source_uscc == source)
    return where


def _record_groups(session: Session, model, today: date, window: Window, source: str | None  # type: ignore[no-untyped-def]
                   ) -> Iterable[sa.Row]:  # fmt: skip
    """(source_uscc, name, decided_on, upload day, records) for one 双公示 kind.

    Grouping by the upload day (not joining a deadline table) keeps it one scan on SQLite and PostgreSQL alike;
    uploads arrive in batches, so there are few upload days per decision day.
    """
    uploaded = upload_day(model, session.get_bind().dialect.name)
    query = (
        sa.select(model.source_uscc, sa.func.max(model.source_name), model.decided_on, uploaded, sa.func.count())
        .where(*_filters(model, window, today, model.decided_on, source))
        .group_by(model.source_uscc, model.decided_on, uploaded)
    )
    return session.execute(query)


def compute(session: Session, *, today: date, window: Window, calendar: WorkCalendar,
            source: str | None = None) -> Statistics:  # fmt: skip
    """Every table of the statistics page for records decided (or listed) inside `window` and public today."""
    stats = Statistics(window, {m: KindCounts() for m in window.months()})
    deadlines = upload_deadlines(calendar, window)

    def count_in(kind: str, uscc: str, name: str, day: date, n: int) -> None:
        stats.months[f"{day.year:04d}-{day.month:02d}"].add(kind, n)
        stats.departments.setdefault(uscc, (name, KindCounts()))[1].add(kind, n)

    for kind, model in (("penalties", Penalty), ("permits", Permit)):
        for uscc, name, day, uploaded, n in _record_groups(session, model, today, window, source):
            count_in(kind, uscc, name, day, int(n))
            row = stats.timeliness.setdefault(uscc, Timeliness(name, uscc))
            row.records += int(n)
            row.on_time += int(n) if uploaded <= deadlines[day] else 0

    listed = (
        sa.select(ListEntry.source_uscc, sa.func.max(ListEntry.source_name), ListEntry.listed_on, sa.func.count())
        .where(*_filters(ListEntry, window, today, ListEntry.listed_on, source))
        .group_by(ListEntry.source_uscc, ListEntry.listed_on)
    )
    for uscc, name, day, n in session.execute(listed):
        count_in("lists", uscc, name, day, int(n))

    by_types = (
        sa.select(Penalty.punishment_types, sa.func.count())
        .where(*_filters(Penalty, window, today, Penalty.decided_on, source))
        .group_by(Penalty.punishment_types)
    )
    categories: dict[str, int] = defaultdict(int)
    for joined, n in session.execute(by_types):  # "罚款；警告": a decision counts once under each of its types
        for code in {t.strip() for t in joined.split("；") if t.strip()}:
            categories[code] += int(n)
    stats.categories = dict(sorted(categories.items(), key=lambda item: (-item[1], item[0])))

    by_list = (
        sa.select(ListEntry.category, sa.func.max(ListEntry.list_name), sa.func.count())
        .where(*_filters(ListEntry, window, today, ListEntry.listed_on, source))
        .group_by(ListEntry.category, ListEntry.list_key)
    )
    stats.lists = sorted(((str(c), name, int(n)) for c, name, n in session.execute(by_list)),
                         key=lambda row: (-row[2], row[0], row[1]))  # fmt: skip
    stats.by_kind = kind_counts(session, today, window, source)
    stats.departments = dict(sorted(stats.departments.items(), key=lambda item: (-item[1][1].total, item[0])))
    stats.timeliness = dict(sorted(stats.timeliness.items(), key=lambda item: (-item[1].share, item[1].name)))
    return stats


def kind_counts(session: Session, today: date, window: Window, source: str | None) -> dict[str, int]:
    """Public records per kind of information dated inside the window (one count per kind, registry order)."""
    counts: dict[str, int] = {}
    for spec in kinds.specs():
        model = spec.model
        query = sa.select(sa.func.count()).select_from(model).where(*_filters(model, window, today, model.day, source))
        counts[spec.kind.value] = int(session.scalar(query) or 0)
    return counts
