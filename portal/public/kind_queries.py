"""The per-kind parts of public queries, named by each kind's spec in portal/kinds.py: listing filters and the
subject profile's counts. A leaf module (no registry import), so portal/kinds.py can name these functions without
an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.kinds import GOOD_RATING_GRADES, ListCategory
from portal.models import Coercion, Commitment, Honour, Inspection, ListEntry, Penalty, Permit, Rating
from portal.public.forms import Filters

Conditions = list[sa.ColumnElement[bool]]


@dataclass(frozen=True, slots=True)
class Scope:
    """Fixed part of a list page: a category or one list type (hashable, part of the cache key)."""

    category: str | None = None
    list_type_id: int | None = None


NO_SCOPE = Scope()  # every row of the kind


def penalty_filters(f: Filters, scope: Scope) -> Conditions:
    """严重程度 and 处罚类别 of the penalty listing."""
    where: Conditions = []
    if f.severity:
        where.append(Penalty.severity == f.severity)
    if f.ptype:
        where.append(Penalty.punishment_types.contains(f.ptype, autoescape=True))
    return where


def permit_filters(f: Filters, scope: Scope) -> Conditions:
    """许可类别 and 当前状态 of the permit listing."""
    where: Conditions = []
    if f.category:
        where.append(Permit.category == f.category)
    if f.state:
        where.append(Permit.state == f.state)
    return where


def coercion_filters(f: Filters, scope: Scope) -> Conditions:
    """强制类别 (one of the record's categories) and whether the coercion has been lifted."""
    where: Conditions = []
    if f.category:
        where.append(Coercion.categories.contains(f.category, autoescape=True))
    if f.state == "lifted":
        where.append(Coercion.lifted_on.is_not(None))
    elif f.state == "in_force":
        where.append(Coercion.lifted_on.is_(None))
    return where


def commitment_filters(f: Filters, scope: Scope) -> Conditions:
    """承诺类型 and 承诺履行状态 of the commitment listing."""
    where: Conditions = []
    if f.category:
        where.append(Commitment.commit_type == f.category)
    if f.state:
        where.append(Commitment.state == f.state)
    return where


def honour_filters(f: Filters, scope: Scope) -> Conditions:
    """荣誉等级 of the honour listing."""
    return [Honour.level == f.category] if f.category else []


def rating_filters(f: Filters, scope: Scope) -> Conditions:
    """评价体系 and 评价等级 of the rating listing."""
    where: Conditions = []
    if f.category:
        where.append(Rating.scheme == f.category)
    if f.state:
        where.append(Rating.grade == f.state)
    return where


def good_rating(model: Any) -> sa.ColumnElement[bool]:
    """The good grades that count as 守信激励 (DOMAIN §19): 纳税 A, 海关 高级认证企业, 环保 绿."""
    return sa.or_(*(sa.and_(model.scheme == s, model.grade == g) for s, g in sorted(GOOD_RATING_GRADES)))


def rating_counts(session: Session, where: tuple[Any, ...]) -> dict[str, int]:
    """A profile counts ratings, and among them the good grades that count as 守信激励 (DOMAIN §19)."""
    good = sa.case((good_rating(Rating), 1))
    query = sa.select(sa.func.count(), sa.func.count(good)).select_from(Rating).where(*where)
    total, good_count = session.execute(query).one()
    return {"rating": int(total or 0), "good_rating": int(good_count or 0)}


def inspection_filters(f: Filters, scope: Scope) -> Conditions:
    """检查类别 and 检查结果类型 of the inspection listing."""
    where: Conditions = []
    if f.category:
        where.append(Inspection.check_type == f.category)
    if f.state:
        where.append(Inspection.result == f.state)
    return where


def list_entry_filters(f: Filters, scope: Scope) -> Conditions:
    """List pages are scoped to one category or one list type."""
    where: Conditions = []
    if scope.category:
        where.append(ListEntry.category == scope.category)
    if scope.list_type_id is not None:
        where.append(ListEntry.list_type_id == scope.list_type_id)
    return where


def list_entry_counts(session: Session, where: tuple[Any, ...]) -> dict[str, int]:
    """A profile counts list entries per category (every category, zero included), not as one kind."""
    grouped = sa.select(ListEntry.category, sa.func.count()).where(*where).group_by(ListEntry.category)
    per_category = {str(getattr(c, "value", c)): int(n) for c, n in session.execute(grouped)}
    return {c.value: per_category.get(c.value, 0) for c in ListCategory}
