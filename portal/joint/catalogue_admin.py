"""Catalogue management by staff (DOMAIN §4, §11): list types and measures editable, measures versioned.

Every change to a measure bumps its version and stores a MeasureRevision with the new values; list-type edits and
measure changes add an AuditEntry. Nothing is deleted: measures and list types are retired.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.errors import DomainError
from portal.domain.kinds import ListCategory
from portal.domain.text import has_control_chars, name_key
from portal.models import AuditEntry, ListType, Measure, MeasureRevision

STAGES = ("事前", "事中", "事后")
REQUIRED = ("list_name", "item", "measure")
MAX_ID = 2**31 - 1  # larger ids cannot exist (and overflow SQLite's integer binding)
MODES = ("强制", "推荐")
LIMITS = {
    "list_name": 256,
    "item": 64,
    "office": 256,
    "basis": 4000,
    "target": 4000,
    "measure": 4000,
    "implementation": 4000,
    "sources": 256,
    "remarks": 4000,
}


class CatalogueError(DomainError):
    code = "invalid_catalogue"


@dataclass(frozen=True, slots=True)
class MeasureData:
    """The 8 安徽 fields plus 名单名称, 来源, 备注 (catalogue/measures.csv)."""

    list_name: str
    item: str
    office: str | None
    basis: str | None
    target: str | None
    measure: str
    stage: str | None
    implementation: str | None
    mode: str | None
    sources: str | None = None
    remarks: str | None = None


def measure_problems(session: Session, data: MeasureData) -> list[str]:
    """Reasons (Chinese, as in import rejects) why the values cannot be stored; empty when they can."""
    problems = []
    for name in REQUIRED:
        if not (getattr(data, name) or "").strip():
            problems.append({"list_name": "名单名称", "item": "事项名称", "measure": "措施"}[name] + "不能为空")
    for name, limit in LIMITS.items():
        value = getattr(data, name) or ""
        if len(value) > limit:
            problems.append(f"{name}超过{limit}字")
        if has_control_chars(value):
            problems.append(f"{name}含有控制字符")
    if data.stage and data.stage not in STAGES:
        problems.append("管理阶段应为事前、事中或事后")
    if data.mode and data.mode not in MODES:
        problems.append("应用手段应为强制或推荐")
    if data.list_name.strip() and _list_type(session, data.list_name) is None:
        problems.append("名单名称不在名单目录中，请先添加名单类型")
    return problems


def _list_type(session: Session, list_name: str) -> ListType | None:
    return session.scalar(sa.select(ListType).where(ListType.name_key == name_key(list_name)))


def snapshot(measure: Measure) -> dict[str, object]:
    data = {name: getattr(measure, name) for name in MeasureData.__dataclass_fields__}
    return {**data, "is_active": measure.is_active}


def _revision(session: Session, measure: Measure, action: str, actor: str, reason: str | None, now: datetime) -> None:
    session.flush()
    session.add(
        MeasureRevision(
            measure_id=measure.id,
            version=measure.version,
            action=action,
            actor=actor[:254],
            data=json.dumps(snapshot(measure), ensure_ascii=False),
            reason=reason,
            changed_at=now,
        )
    )
    session.add(
        AuditEntry(actor=actor[:254], action=f"measure_{action}", target=f"measure:{measure.id}", reason=reason, at=now)
    )


def _apply(measure: Measure, data: MeasureData) -> None:
    for name, value in asdict(data).items():
        text = (value or "").strip()
        setattr(measure, name, text if name in REQUIRED else (text or None))


def save_measure(
    session: Session, measure_id: int | None, data: MeasureData, *, actor: str, reason: str | None, now: datetime
) -> Measure:
    """Create (measure_id None) or edit a measure; raises CatalogueError with `problems`; commits."""
    problems = measure_problems(session, data)
    if problems:
        raise CatalogueError("；".join(problems), problems=problems)
    if measure_id is None:
        measure = Measure(version=1, is_active=True)
        _apply(measure, data)
        session.add(measure)
        _revision(session, measure, "create", actor, reason, now)
    else:
        measure = session.get(Measure, measure_id) if measure_id <= MAX_ID else None
        if measure is None:
            raise CatalogueError("措施不存在", problems=["not_found"])
        before = snapshot(measure)
        _apply(measure, data)
        if snapshot(measure) == before:
            session.rollback()
            return measure
        measure.version += 1
        _revision(session, measure, "edit", actor, reason, now)
    session.commit()
    return measure


def set_measure_active(
    session: Session, measure_id: int, active: bool, *, actor: str, reason: str | None, now: datetime
) -> Measure:
    measure = session.get(Measure, measure_id) if 0 < measure_id <= MAX_ID else None
    if measure is None:
        raise CatalogueError("措施不存在", problems=["not_found"])
    if measure.is_active != active:
        measure.is_active = active
        measure.version += 1
        _revision(session, measure, "restore" if active else "retire", actor, reason, now)
        session.commit()
    return measure


def history(session: Session, measure_id: int) -> list[MeasureRevision]:
    query = sa.select(MeasureRevision).where(MeasureRevision.measure_id == measure_id)
    return list(session.scalars(query.order_by(MeasureRevision.version.desc())))


@dataclass(frozen=True, slots=True)
class ListTypeData:
    category: str
    name: str
    department: str | None
    basis: str | None
    remarks: str | None
    is_active: bool = True


def save_list_type(session: Session, type_id: int | None, data: ListTypeData, *, actor: str, now: datetime) -> ListType:
    """Add, rename, re-categorise or retire a list type (DOMAIN §4); raises CatalogueError; commits."""
    name = data.name.strip()
    problems = []
    if data.category not in {c.value for c in ListCategory}:
        problems.append("名单类别无效")
    if not name or len(name) > 256 or has_control_chars(name):
        problems.append("名单名称不能为空且不超过256字")
    key = name_key(name)
    other = session.scalar(sa.select(ListType.id).where(ListType.name_key == key))
    if other is not None and other != type_id:
        problems.append("名单名称已存在")
    for value in (data.department, data.basis, data.remarks):
        if value and (len(value) > 4000 or has_control_chars(value)):
            problems.append("内容过长或含有控制字符")
            break
    if data.department and len(data.department) > 256:
        problems.append("认定部门超过256字")
    if problems:
        raise CatalogueError("；".join(problems), problems=problems)
    if type_id is None:
        row = ListType(name_key=key)
        session.add(row)
        action = "list_type_create"
    else:
        found = session.get(ListType, type_id) if 0 < type_id <= MAX_ID else None
        if found is None:
            raise CatalogueError("名单类型不存在", problems=["not_found"])
        row, action = found, "list_type_edit"
        if row.name_key != key:  # a rename carries the list's measures along (they reference the name)
            session.execute(sa.update(Measure).where(Measure.list_name == row.name).values(list_name=name))
    row.category, row.name, row.name_key = ListCategory(data.category), name, key
    row.department = (data.department or "").strip() or None
    row.basis, row.remarks = (data.basis or "").strip() or None, (data.remarks or "").strip() or None
    row.is_active = data.is_active
    session.flush()
    session.add(AuditEntry(actor=actor[:254], action=action, target=f"list_type:{row.id}", reason=name, at=now))
    session.commit()
    return row
