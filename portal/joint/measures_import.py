"""Import of a measures file in the format of catalogue/measures.csv (名单名称 + the 8 安徽 fields + 来源, 备注).

Same care as the 双公示 import: CSV (UTF-8, BOM, GB18030) or XLSX, each rejected row with its line and reasons,
idempotent on the natural key (名单名称, 事项名称, 措施): an unchanged row is skipped, a changed one is a new version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.text import clean, name_key
from portal.importers.readers import UnreadableFile, open_table
from portal.joint.catalogue_admin import MeasureData, measure_problems, snapshot
from portal.models import AuditEntry, Measure, MeasureRevision

COLUMNS = {
    "名单名称": "list_name",
    "事项名称": "item",
    "责任处室": "office",
    "奖惩依据": "basis",
    "奖惩对象": "target",
    "措施": "measure",
    "管理阶段": "stage",
    "组织实施": "implementation",
    "应用手段": "mode",
    "来源": "sources",
    "备注": "remarks",
}
REQUIRED_COLUMNS = ("名单名称", "事项名称", "措施")
MAX_ROWS = 10_000


class BadMeasuresFile(Exception):
    """The file cannot be read or its header is not the measures format (nothing imported)."""


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejects: list[tuple[int, str]] = field(default_factory=list)  # (line, reasons)

    @property
    def summary(self) -> str:
        return f"imported={self.imported} updated={self.updated} rejected={len(self.rejects)}"


def _natural_key(list_name: str, item: str, measure: str) -> tuple[str, str, str]:
    return name_key(list_name), name_key(item), name_key(measure)


def import_measures(session: Session, path: Path, *, actor: str, now: datetime) -> ImportResult:
    """Import every valid row, report the others; commits once. Raises BadMeasuresFile for an unusable file."""
    try:
        table = open_table(path)
    except UnreadableFile as exc:
        raise BadMeasuresFile(str(exc)) from None
    try:
        header = [clean(h) for h in table.header]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise BadMeasuresFile("表头不是措施清单格式，缺少：" + "、".join(missing))
        positions = {COLUMNS[h]: i for i, h in enumerate(header) if h in COLUMNS}
        existing = {_natural_key(m.list_name, m.item, m.measure): m for m in session.scalars(sa.select(Measure))}
        result, seen = ImportResult(), {}
        for count, (line_no, cells) in enumerate(table.rows, start=1):
            if count > MAX_ROWS:
                result.rejects.append((line_no, f"超过{MAX_ROWS}行，其余行未导入"))
                break
            if not any(clean(c) for c in cells):
                continue
            values = {name: clean(cells[i]) if i < len(cells) else "" for name, i in positions.items()}
            data = MeasureData(**{name: values.get(name, "") for name in COLUMNS.values()})
            problems = measure_problems(session, data)
            key = _natural_key(data.list_name, data.item, data.measure)
            if key in seen:
                problems.append(f"与第{seen[key]}行重复")
            if problems:
                result.rejects.append((line_no, "；".join(problems)))
                continue
            seen[key] = line_no
            _upsert(session, existing, key, data, actor, now, result)
    except UnreadableFile as exc:
        session.rollback()
        raise BadMeasuresFile(str(exc)) from None
    finally:
        table.close()
    session.add(
        AuditEntry(
            actor=actor[:254], action="measures_import", target=f"file:{path.name}"[:128], reason=result.summary, at=now
        )
    )
    session.commit()
    return result


def _upsert(
    session: Session,
    existing: dict[tuple[str, str, str], Measure],
    key: tuple[str, str, str],
    data: MeasureData,
    actor: str,
    now: datetime,
    result: ImportResult,
) -> None:
    measure = existing.get(key)
    values = {name: (getattr(data, name).strip() or None) for name in COLUMNS.values()}
    values.update(list_name=data.list_name.strip(), item=data.item.strip(), measure=data.measure.strip())
    if measure is None:
        measure = Measure(version=1, is_active=True, **values)
        session.add(measure)
        existing[key] = measure
        result.imported += 1
    else:
        before = snapshot(measure)
        for name, value in values.items():
            setattr(measure, name, value)
        measure.is_active = True
        if snapshot(measure) == before:
            result.unchanged += 1
            return
        measure.version += 1
        result.updated += 1
    session.flush()
    session.add(
        MeasureRevision(
            measure_id=measure.id,
            version=measure.version,
            action="import",
            actor=actor[:254],
            data=json.dumps(snapshot(measure), ensure_ascii=False),
            changed_at=now,
        )
    )


def rejects_csv(result: ImportResult) -> str:
    lines = ["行号,原因"] + [f'{line},"{reason.replace(chr(34), chr(39))}"' for line, reason in result.rejects]
    return "\ufeff" + "\n".join(lines) + "\n"
