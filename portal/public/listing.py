"""Filtered, keyset-paginated listings of public penalties, permits and list entries (and their exports).

Pages seek on (date, id) instead of OFFSET, so page 5,000 costs what page 1 costs; the total of a filter is
counted once per cache lifetime and day, never per request (issue 6). Every query starts from public_on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.models import Subject
from portal.public.cache import TTLCache
from portal.public.forms import Cursor, Filters
from portal.public.kind_queries import NO_SCOPE, Scope
from portal.public.presenters import PublicRecord
from portal.visibility import public_on

if TYPE_CHECKING:
    from portal.kind_spec import KindSpec


@dataclass(frozen=True)
class Page:
    rows: list[PublicRecord]
    total: int
    first: Cursor | None
    last: Cursor | None
    has_prev: bool
    has_next: bool


def _conditions(spec: KindSpec, f: Filters, today: date, scope: Scope) -> tuple[list[sa.ColumnElement[bool]], bool]:
    """WHERE clauses of a filter, and whether they need the subjects table."""
    m = spec.model
    where: list[sa.ColumnElement[bool]] = [public_on(m, today)]
    if f.dept:
        where.append(m.authority_uscc == f.dept)
    if f.year:
        where.append(m.day.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    where += spec.listing_filters(f, scope)
    if f.kind:
        where.append(Subject.kind == f.kind)
    return where, bool(f.kind)


def _seek(spec: KindSpec, cursor: Cursor, *, older: bool) -> sa.ColumnElement[bool]:
    """Rows strictly beyond the cursor: older (smaller (date, id)) or newer. Written so an index on date applies."""
    day, ident = spec.model.day, spec.model.id
    if older:
        return sa.and_(day <= cursor.day, sa.or_(day < cursor.day, ident < cursor.id))
    return sa.and_(day >= cursor.day, sa.or_(day > cursor.day, ident > cursor.id))


def count(session: Session, today: date, kind: str, f: Filters, cache: TTLCache, scope: Scope = NO_SCOPE) -> int:
    """Public rows matching the filter, cached per (kind, filter, scope, day)."""
    spec = kinds.spec(kind)

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
    scope: Scope = NO_SCOPE,
) -> Page:
    """One page in display order (sort desc: newest first). `after`/`before` are the neighbouring rows' cursors."""
    spec = kinds.spec(kind)
    where, _ = _conditions(spec, f, today, scope)
    newest_first = f.sort != "asc"
    backwards = before is not None or last  # fetch in reverse display order, then flip
    if before is not None:
        where.append(_seek(spec, before, older=not newest_first))
    elif after is not None:
        where.append(_seek(spec, after, older=newest_first))
    descending = newest_first != backwards
    order = (spec.model.day.desc(), spec.model.id.desc()) if descending else (spec.model.day.asc(), spec.model.id.asc())
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
    cursors = [Cursor(record.day, record.id) for record, _ in fetched]
    return Page(
        rows=rows,
        total=count(session, today, kind, f, cache, scope),
        first=cursors[0] if cursors else None,
        last=cursors[-1] if cursors else None,
        has_prev=more if backwards else after is not None,
        has_next=(before is not None) if backwards else more,
    )


def department_options(
    session: Session, today: date, kind: str, cache: TTLCache, scope: Scope = NO_SCOPE
) -> list[tuple[str, str]]:
    """(USCC, name) of the deciding/recognising departments that have public rows, by name."""
    spec = kinds.spec(kind)

    def compute() -> list[tuple[str, str]]:
        where, _ = _conditions(spec, Filters(), today, scope)
        uscc, name = spec.model.authority_uscc, sa.func.min(spec.model.authority_name)
        query = sa.select(uscc, name).where(*where).group_by(uscc).order_by(name)
        return [(str(u), str(n)) for u, n in session.execute(query)]

    return cache.get_or_compute(("depts", kind, scope, today), compute)


def year_options(session: Session, today: date, kind: str, cache: TTLCache, scope: Scope = NO_SCOPE) -> list[int]:
    """Years that public rows fall in, newest first (MIN/MAX on the indexed date column)."""
    spec = kinds.spec(kind)

    def compute() -> list[int]:
        where, _ = _conditions(spec, Filters(), today, scope)
        day = spec.model.day
        low, high = session.execute(sa.select(sa.func.min(day), sa.func.max(day)).where(*where)).one()
        if low is None or high is None:
            return []
        return list(range(high.year, low.year - 1, -1))

    return cache.get_or_compute(("years", kind, scope, today), compute)


def export_rows(
    session: Session, today: date, kind: str, f: Filters, limit: int, scope: Scope = NO_SCOPE
) -> Iterator[tuple[Any, Subject]]:
    """(record, subject) of the filtered listing in display order, at most `limit`, streamed in chunks."""
    spec = kinds.spec(kind)
    where, _ = _conditions(spec, f, today, scope)
    day, ident = spec.model.day, spec.model.id
    order = (day.asc(), ident.asc()) if f.sort == "asc" else (day.desc(), ident.desc())
    query = (
        sa.select(spec.model, Subject)
        .join(Subject, Subject.id == spec.model.subject_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
        .execution_options(yield_per=1000)
    )
    yield from session.execute(query)
