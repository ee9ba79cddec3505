"""Schema creation/upgrade and loading the reference catalogue shipped in portal/data/."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.orm import Session

from portal.cms.seed import seed_pages
from portal.domain import text
from portal.domain.kinds import LIST_CATEGORY_BY_ZH
from portal.models import ListType, Measure

DATA_DIR = Path(__file__).resolve().parent / "data"


def init_db(session: Session, migrations_dir: str) -> dict[str, int]:
    """Upgrade to the newest migration, then load the catalogue if it is empty (staff edits are kept)."""
    upgrade(directory=migrations_dir)
    counts = {"list_types": load_list_types(session), "measures": load_measures(session)}
    counts["pages"] = seed_pages(session)  # 办事指南 and 政策法规 of a new site (issue 6); kept once edited
    session.commit()
    return counts


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def load_list_types(session: Session) -> int:
    if session.scalar(sa.select(sa.func.count()).select_from(ListType)):
        return int(session.scalar(sa.select(sa.func.count()).select_from(ListType)) or 0)
    seen: set[str] = set()
    for row in _rows("list-types.csv"):
        key = text.name_key(row["名单名称"])
        if key in seen:
            continue
        seen.add(key)
        session.add(
            ListType(
                category=LIST_CATEGORY_BY_ZH[row["类别"]],
                name=row["名单名称"],
                name_key=key,
                department=row["认定部门"] or None,
                basis=row["依据"] or None,
                sources=row["来源"] or None,
                remarks=row["备注"] or None,
            )
        )
    session.flush()
    return len(seen)


def load_measures(session: Session) -> int:
    existing = int(session.scalar(sa.select(sa.func.count()).select_from(Measure)) or 0)
    if existing:
        return existing
    rows = _rows("measures.csv")
    for row in rows:
        session.add(
            Measure(
                list_name=row["名单名称"],
                item=row["事项名称"],
                office=row["责任处室"] or None,
                basis=row["奖惩依据"] or None,
                target=row["奖惩对象"] or None,
                measure=row["措施"],
                stage=row["管理阶段"] or None,
                implementation=row["组织实施"] or None,
                mode=row["应用手段"] or None,
                sources=row["来源"] or None,
                remarks=row["备注"] or None,
            )
        )
    session.flush()
    return len(rows)
