"""The list catalogue on the public site: list types by category with counts of public entries, and the joint
reward/punishment measures that apply to a list (DOMAIN §4, §11). Catalogue rows are reference data, not
personal data, so they are shown as stored; entries are counted through public_on only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.kinds import ListCategory
from portal.models import ListEntry, ListType, Measure
from portal.public.cache import TTLCache
from portal.visibility import public_on

GENERIC_SUFFIX = "（通用）"  # the catalogue's generic rows carry measures for a whole category


@dataclass(frozen=True, slots=True)
class TypeCount:
    id: int
    name: str
    department: str | None
    count: int
    is_generic: bool


@dataclass(frozen=True)
class CategoryBlock:
    category: str
    total: int
    types: list[TypeCount]
    uncatalogued: int  # public entries whose 名单名称 is not (yet) in the catalogue


@dataclass(frozen=True, slots=True)
class ListTypeInfo:
    id: int
    category: str
    name: str
    department: str | None
    basis: str | None
    remarks: str | None
    is_active: bool
    is_generic: bool


@dataclass(frozen=True, slots=True)
class MeasureRow:
    list_name: str
    item: str  # 事项名称
    office: str | None  # 责任处室
    basis: str | None  # 奖惩依据
    target: str | None  # 奖惩对象
    measure: str  # 措施
    stage: str | None  # 事前/事中/事后
    implementation: str | None  # 组织实施
    mandatory: bool | None  # 强制 True, 推荐 False, unknown None


def _generic(name: str) -> bool:
    return name.endswith(GENERIC_SUFFIX)


def _counts(session: Session, today: date, cache: TTLCache) -> dict[tuple[str, int | None], int]:
    def compute() -> dict[tuple[str, int | None], int]:
        query = (
            sa.select(ListEntry.category, ListEntry.list_type_id, sa.func.count())
            .where(public_on(ListEntry, today))
            .group_by(ListEntry.category, ListEntry.list_type_id)
        )
        return {(str(getattr(c, "value", c)), t): int(n) for c, t, n in session.execute(query)}

    return cache.get_or_compute(("list-counts", today), compute)


def overview(session: Session, today: date, cache: TTLCache) -> list[CategoryBlock]:
    """Each category with its active list types (catalogue order) and their public entry counts."""
    counts = _counts(session, today, cache)
    types = session.scalars(sa.select(ListType).where(ListType.is_active.is_(True)).order_by(ListType.id)).all()
    blocks = []
    for category in ListCategory:
        rows = [
            TypeCount(t.id, t.name, t.department, counts.get((category.value, t.id), 0), _generic(t.name))
            for t in types
            if t.category == category
        ]
        total = sum(n for (c, _), n in counts.items() if c == category.value)
        blocks.append(CategoryBlock(category.value, total, rows, counts.get((category.value, None), 0)))
    return blocks


def category_block(session: Session, today: date, cache: TTLCache, category: str) -> CategoryBlock:
    return next(b for b in overview(session, today, cache) if b.category == category)


def list_type(session: Session, type_id: int) -> ListTypeInfo | None:
    t = session.get(ListType, type_id)
    if t is None:
        return None
    return ListTypeInfo(
        t.id, t.category.value, t.name, t.department, t.basis, t.remarks, t.is_active, t.name.endswith(GENERIC_SUFFIX)
    )


def _measure(m: Measure) -> MeasureRow:
    mode = (m.mode or "").strip()
    mandatory = True if mode == "强制" else False if mode == "推荐" else None
    return MeasureRow(m.list_name, m.item, m.office, m.basis, m.target, m.measure, m.stage, m.implementation, mandatory)


def measures_for(session: Session, info: ListTypeInfo) -> tuple[list[MeasureRow], list[MeasureRow]]:
    """(measures of this list, generic measures of its category); the generic part is empty for a generic list."""
    own = session.scalars(sa.select(Measure).where(Measure.list_name == info.name).order_by(Measure.id)).all()
    generic: list[Measure] = []
    if not info.is_generic:
        names = session.scalars(
            sa.select(ListType.name).where(
                ListType.category == info.category, ListType.name.endswith(GENERIC_SUFFIX, autoescape=True)
            )
        ).all()
        if names:
            query = sa.select(Measure).where(Measure.list_name.in_(names)).order_by(Measure.id)
            generic = list(session.scalars(query))
    return [_measure(m) for m in own], [_measure(m) for m in generic]
