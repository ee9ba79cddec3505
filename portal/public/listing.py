"""Filtered, keyset-paginated listings of public penalties, permits and list entries (and their exports).

Pages seek on (date, id) instead of OFFSET, so page 5,000 costs what page 1 costs; the total of a filter is
counted once per cache lifetime and day, never per request (issue 6). Every query starts from public_on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.models import ListEntry, Penalty, Permit, Subject
from portal.public.cache import TTLCache
from portal.public.forms import Cursor, Filters
from portal.public.presenters import PublicRecord, present_list_entry, present_penalty, present_permit
from portal.visibility import public_on


@dataclass(frozen=True)
class Spec:
    model: Any
    day: Any  # the date column pages are ordered and filtered (year) by
    dept_uscc: Any
    dept_name: Any
    present: Callable[[Any, Subject], PublicRecord]


SPECS = {
    "penalty": Spec(Penalty, Penalty.decided_on, Penalty.authority_uscc, Penalty.authority_name, present_penalty),
    "permit": Spec(Permit, Permit.decided_on, Permit.authority_uscc, Permit.authority_name, present_permit),
    "list": Spec(
        ListEntry, ListEntry.listed_on, ListEntry.recognised_by_uscc, ListEntry.recognised_by, present_list_entry
    ),
}


@dataclass(frozen=True, slots=True)
class Scope:
    """Fixed part of a list page: a category or one list type (hashable, part of the cache key)."""

    category: str | None = None
    list_type_id: int | None = None


@dataclass(frozen=True)
class Page:
    rows: list[PublicRecord]
    total: int
    first: Cursor | None
    last: Cursor | None
    has_prev: bool
    has_next: bool


def _conditions(spec: Spec, f: Filters, today: date, scope: Scope) -> tuple[list[sa.ColumnElement[bool]], bool]:
    """WHERE clauses of a filter, and whether they need the subjects table."""
    m = spec.model
    where: list[sa.ColumnElement[bool]] = [public_on(m, today)]
    if f.dept:
        where.append(spec.dept_uscc == f.dept)
    if f.year:
        where.append(spec.day.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    if f.severity and m is Penalty:
        where.append(Penalty.severity == f.severity)
    if f.ptype and m is Penalty:
        where.append(Penalty.punishment_types.contains(f.ptype, autoescape=True))
    if f.category and m is Permit:
        where.append(Permit.category == f.category)
    if f.state and m is Permit:
        where.append(Permit.state == f.state)
    if scope.category and m is ListEntry:
        where.append(ListEntry.category == scope.category)
    if scope.list_type_id is not None and m is ListEntry:
        where.append(ListEntry.list_type_id == scope.list_type_id)
    if f.kind:
        where.append(Subject.kind == f.kind)
    return where, bool(f.kind)


def _seek(spec: Spec, cursor: Cursor, *, older: bool) -> sa.ColumnElement[bool]:
    """Rows strictly beyond the cursor: older (smaller (date, id)) or newer. Written so an index on date applies."""
    day, ident = spec.day, spec.model.id
    if older:
        return sa.and_(day <= cursor.day, sa.or_(day < cursor.day, ident < cursor.id))
    return sa.and_(day >= cursor.day, sa.or_(day > cursor.day, ident > cursor.id))


def count(session: Session, today: date, kind: str, f: Filters, cache: TTLCache, scope: Scope = Scope()) -> int:
    """Public rows matching the filter, cached per (kind, filter, scope, day)."""
    spec = SPECS[kind]

    def compute() -> int:
        where, needs_subject = _conditions(spec, f, today, scope)
        query = sa.select(sa.func.count()).select_from(spec.model)
        if needs_subject:
            query = query.join(Subject, Subject.id == spec.model.subject_id)
        return int(session.scalar(query.where(*where)) or 0)

    return cache.get_or_compute(("count", kind, f.key(), scope, today), compute)


def page(
    session: Session,
    today: date,
    kind: str,
    f: Filters,
    cache: TTLCache,
    *,
    after: Cursor | None = None,
    before: Cursor | None = None,
    last: bool = False,
    per_page: int = 20,
    scope: Scope = Scope(),
) -> Page:
    """One page in display order (sort desc: newest first). `after`/`before` are the neighbouring rows' cursors."""
    spec = SPECS[kind]
    where, _ = _conditions(spec, f, today, scope)
    newest_first = f.sort != "asc"
    backwards = before is not None or last  # fetch in reverse display order, then flip
    if before is not None:
        where.append(_seek(spec, before, older=not newest_first))
    elif after is not None:
        where.append(_seek(spec, after, older=newest_first))
    descending = newest_first != backwards
    order = (spec.day.desc(), spec.model.id.desc()) if descending else (spec.day.asc(), spec.model.id.asc())
    query = (
        sa.select(spec.model, Subject)
        .join(Subject, Subject.id == spec.model.subject_id)
        .where(*where)
        .order_by(*order)
        .limit(per_page + 1)
    )
    fetched = list(session.execute(query))
    more = len(fetched) > per_page
    fetched = fetched[:per_page]
    if backwards:
        fetched.reverse()
    if before is not None and not more:  # reached the start: show a full first page instead of a short one
        return page(session, today, kind, f, cache, per_page=per_page, scope=scope)
    rows = [spec.present(record, subject) for record, subject in fetched]
    cursors = [Cursor(getattr(record, spec.day.key), record.id) for record, _ in fetched]
    return Page(
        rows=rows,
        total=count(session, today, kind, f, cache, scope),
        first=cursors[0] if cursors else None,
        last=cursors[-1] if cursors else None,
        has_prev=more if backwards else after is not None,
        has_next=(before is not None) if backwards else more,
    )


def department_options(
    session: Session, today: date, kind: str, cache: TTLCache, scope: Scope = Scope()
) -> list[tuple[str, str]]:
    """(USCC, name) of the deciding/recognising departments that have public rows, by name."""
    spec = SPECS[kind]

    def compute() -> list[tuple[str, str]]:
        where, _ = _conditions(spec, Filters(), today, scope)
        name = sa.func.min(spec.dept_name)
        query = sa.select(spec.dept_uscc, name).where(*where).group_by(spec.dept_uscc).order_by(name)
        return [(str(u), str(n)) for u, n in session.execute(query)]

    return cache.get_or_compute(("depts", kind, scope, today), compute)


def year_options(session: Session, today: date, kind: str, cache: TTLCache, scope: Scope = Scope()) -> list[int]:
    """Years that public rows fall in, newest first (MIN/MAX on the indexed date column)."""
    spec = SPECS[kind]

    def compute() -> list[int]:
        where, _ = _conditions(spec, Filters(), today, scope)
        low, high = session.execute(sa.select(sa.func.min(spec.day), sa.func.max(spec.day)).where(*where)).one()
        if low is None or high is None:
            return []
        return list(range(high.year, low.year - 1, -1))

    return cache.get_or_compute(("years", kind, scope, today), compute)


def export_rows(
    session: Session, today: date, kind: str, f: Filters, limit: int, scope: Scope = Scope()
) -> Iterator[tuple[Any, Subject]]:
    """(record, subject) of the filtered listing in display order, at most `limit`, streamed in chunks."""
    spec = SPECS[kind]
    where, _ = _conditions(spec, f, today, scope)
    order = (spec.day.asc(), spec.model.id.asc()) if f.sort == "asc" else (spec.day.desc(), spec.model.id.desc())
    query = (
        sa.select(spec.model, Subject)
        .join(Subject, Subject.id == spec.model.subject_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
        .execution_options(yield_per=1000)
    )
    yield from session.execute(query)
