"""Grade snapshots: the distribution of grades on a day per department and area (`flask grade --day`).

Grading everyone takes seconds to minutes, too long for a page, so the distribution is computed by the CLI (nightly
or on demand) and stored as counts only: (department, area, grade) → subjects. A subject counts for a department
when that department decided or recognised one of its records (any kind: 处罚/许可/认定/实施/授予机关), and for
the area of its USCC (characters 3–8, the 登记管理机关行政区划码). Single grades with their reasons are always
computed live (draws, the enterprise account), so they never go stale.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.grading import GRADES, Grade
from portal.models import AuditEntry, GradeCount, GradeSnapshot
from portal.supervision import grading


def area_of(code: str | None) -> str:
    """The 6-digit division code of a USCC, or "" when the subject has none."""
    return code[2:8] if code and len(code) == 18 else ""


def _departments(session: Session, low: int, high: int) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for spec in kinds.specs():
        model = spec.model
        stmt = sa.select(model.subject_id, model.authority_uscc).where(model.subject_id.between(low, high))
        for subject_id, department in session.connection().execute(stmt):  # Core rows: no ORM loading
            if department:
                found[subject_id].add(department)
    return found


def take_snapshot(session: Session, day: date, *, now: datetime, actor: str = "system") -> GradeSnapshot:
    """Grade every organisation and 个体工商户 on `day` under the rule set in force; replaces that day's snapshot.
    Commits once at the end (an interrupted run leaves the previous snapshot as it was)."""
    ver = grading.current(session)
    counts: Counter[tuple[str, str, Grade]] = Counter()
    total = 0
    for subjects, grades in grading.grade_everyone(session, ver.rule_set, day):
        departments = _departments(session, subjects[0][0], subjects[-1][0])
        for subject_id, code in subjects:
            grade = grades[subject_id].grade
            area = area_of(code)
            total += 1
            counts["", "", grade] += 1
            if area:
                counts["", area, grade] += 1
            for department in departments.get(subject_id, ()):
                counts[department, "", grade] += 1
                if area:
                    counts[department, area, grade] += 1
    old = session.scalar(sa.select(GradeSnapshot).where(GradeSnapshot.day == day))
    if old is not None:
        session.execute(sa.delete(GradeCount).where(GradeCount.snapshot_id == old.id))
        session.delete(old)
        session.flush()
    snapshot = GradeSnapshot(day=day, rule_set_version=ver.version, subjects=total, created_at=now)
    session.add(snapshot)
    session.flush()
    values = [{"snapshot_id": snapshot.id, "department_uscc": d, "area_code": a, "grade": g, "count": n}
              for (d, a, g), n in counts.items()]  # fmt: skip
    if values:
        session.execute(sa.insert(GradeCount), values)
    session.add(AuditEntry(actor=actor, action="grade_snapshot", target=f"grade_snapshot:{day.isoformat()}",
                           reason=f"rule set v{ver.version}, {total} subjects", at=now))  # fmt: skip
    session.commit()
    return snapshot


@dataclass(frozen=True)
class Row:
    key: str  # department USCC or area code
    name: str
    counts: dict[Grade, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, grade: Grade) -> float:
        return self.counts[grade] / self.total if self.total else 0.0


@dataclass(frozen=True)
class Distribution:
    snapshot: GradeSnapshot | None
    overall: Row | None
    departments: list[Row]
    areas: list[Row]


def snapshots(session: Session, limit: int = 30) -> list[GradeSnapshot]:
    return list(session.scalars(sa.select(GradeSnapshot).order_by(GradeSnapshot.day.desc()).limit(limit)))


def distribution(session: Session, day: date | None, department: str | None, names: dict[str, str]) -> Distribution:
    """The snapshot of `day` (or the latest); `department` set = that department's subjects only."""
    stmt = sa.select(GradeSnapshot).order_by(GradeSnapshot.day.desc()).limit(1)
    if day is not None:
        stmt = sa.select(GradeSnapshot).where(GradeSnapshot.day == day)
    snapshot = session.scalar(stmt)
    if snapshot is None:
        return Distribution(None, None, [], [])
    rows = session.execute(
        sa.select(GradeCount.department_uscc, GradeCount.area_code, GradeCount.grade, GradeCount.count).where(
            GradeCount.snapshot_id == snapshot.id,
            *([GradeCount.department_uscc == department] if department is not None else []),
        )
    )
    table: dict[tuple[str, str], dict[Grade, int]] = defaultdict(lambda: dict.fromkeys(GRADES, 0))
    for dept, area, grade, n in rows:
        table[dept, area][Grade(grade)] += n
    top = department if department is not None else ""
    overall = Row(top, names.get(top, ""), table[top, ""]) if (top, "") in table else None
    departments = (
        []
        if department is not None
        else sorted((Row(d, names.get(d, d), c) for (d, a), c in table.items() if d and not a), key=lambda r: -r.total)
    )
    areas = sorted((Row(a, a, c) for (d, a), c in table.items() if d == top and a), key=lambda r: r.key)
    return Distribution(snapshot, overall, departments, areas)  # fmt: skip
