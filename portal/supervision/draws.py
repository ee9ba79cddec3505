"""双随机 draws (DOMAIN §20) and departments' treatments per grade: use cases with one commit each, audited.

A draw is done once, when its task is created: the population is graded as of the draw day, the server picks the
seed, and population, grades, seed, ratios and sample are stored together. Nothing re-runs it: a different sample
needs a new task (a new name, its own audit entry). `reproduce` recomputes the sample from what was stored, so
anyone checking the draw can see that the seed gives exactly this sample.

Valid USCCs that name no subject on this platform have no records, so the rule set's default applies: they are
graded B ("B otherwise", §20), drawn with B, and marked as not on the platform in the result and the export.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import sampling
from portal.domain.errors import DomainError
from portal.domain.grading import DEFAULT_GRADE, GRADES, Grade
from portal.domain.sampling import DEFAULT_TREATMENTS, Frequency, Population, Treatment
from portal.models import AuditEntry, DrawItem, GradeTreatment, InspectionDraw, Subject
from portal.supervision import grading


class DrawNotFound(Exception):
    """No such draw, or one of another department (the same answer: 404)."""


def treatments_for(session: Session, department: str) -> dict[Grade, Treatment]:
    found = dict(DEFAULT_TREATMENTS)
    for row in session.scalars(sa.select(GradeTreatment).where(GradeTreatment.department_uscc == department)):
        found[row.grade] = Treatment(row.grade, int(row.ratio * 100), Frequency(row.frequency), row.min_count)
    return found


def save_treatments(session: Session, department: str, treatments: dict[Grade, Treatment], *, actor: str,
                    actor_id: int | None, now: datetime) -> None:  # fmt: skip
    """Raises InvalidTreatment; stores all four grades of the department and audits the change."""
    sampling.check_treatments(treatments)
    rows = {r.grade: r for r in session.scalars(sa.select(GradeTreatment).where(
        GradeTreatment.department_uscc == department))}  # fmt: skip
    for grade, item in treatments.items():
        row = rows.get(grade) or GradeTreatment(department_uscc=department, grade=grade)
        row.ratio, row.min_count, row.frequency = Decimal(item.ratio_bp) / 100, item.min_count, item.frequency
        row.updated_by, row.updated_at = actor, now
        session.add(row)
    summary = ", ".join(f"{g.value} {treatments[g].ratio_bp / 100:g}% {treatments[g].frequency.value}" for g in GRADES)
    session.add(AuditEntry(actor=actor, actor_id=actor_id, action="grade_treatments_saved",
                           target=f"department:{department or '-'}", reason=summary, at=now))  # fmt: skip
    session.commit()


def _treatments_json(treatments: dict[Grade, Treatment]) -> str:
    return json.dumps({g.value: {"ratio_bp": t.ratio_bp, "min_count": t.min_count, "frequency": t.frequency.value}
                       for g, t in treatments.items()}, sort_keys=True)  # fmt: skip


def stored_treatments(draw: InspectionDraw) -> dict[Grade, Treatment]:
    data = json.loads(draw.treatments)
    return {Grade(g): Treatment(Grade(g), v["ratio_bp"], Frequency(v["frequency"]), v["min_count"])
            for g, v in data.items()}  # fmt: skip


def create_draw(session: Session, department: str, task_name: str, population: Population, *, actor: str,
                actor_id: int | None, day: date, now: datetime, seed: str | None = None) -> InspectionDraw:  # fmt: skip
    """Grade the population as of `day`, draw per grade with a fresh seed, store everything. Commits.

    Raises DomainError with reason task_required / task_too_long / task_exists / empty / too_many.
    """
    name = sampling.check_task_name(task_name)
    if population.too_many:
        raise DomainError("too_many", reason="too_many")
    if not population.codes:
        raise DomainError("empty", reason="empty")
    taken = sa.select(InspectionDraw.id).where(InspectionDraw.department_uscc == department,
                                               InspectionDraw.task_name == name)  # fmt: skip
    if session.scalar(taken) is not None:
        raise DomainError("task_exists", reason="task_exists")
    ver = grading.current(session)
    known = grading.subjects_by_uscc(session, (code for _line, code in population.codes))
    grades = grading.grade_ids(session, [sid for sid, _kind in known.values()], ver.rule_set, day)
    by_grade: dict[Grade, list[str]] = {grade: [] for grade in GRADES}
    graded: dict[str, tuple[Grade, str, int | None]] = {}
    for _line, code in population.codes:
        if code in known:
            result = grades[known[code][0]]
            graded[code] = (result.grade, grading.reason_codes(result), known[code][0])
        else:
            graded[code] = (DEFAULT_GRADE, "", None)
        by_grade[graded[code][0]].append(code)
    treatments = treatments_for(session, department)
    seed = seed or secrets.token_hex(16)
    sample = sampling.draw(by_grade, treatments, seed)
    ranks = {code: rank for codes in sample.values() for rank, code in enumerate(codes, start=1)}
    draw = InspectionDraw(
        department_uscc=department, task_name=name, day=day, seed=seed, rule_set_version=ver.version,
        treatments=_treatments_json(treatments), population=len(population.codes), sample=len(ranks),
        unknown=sum(1 for _line, code in population.codes if code not in known),
        problems=json.dumps([[p.line_no, p.value, p.reason, p.first_line] for p in population.problems],
                            ensure_ascii=False),
        created_by=actor, created_by_id=actor_id, created_at=now,
    )  # fmt: skip
    session.add(draw)
    session.flush()
    session.execute(sa.insert(DrawItem), [
        {"draw_id": draw.id, "line_no": line, "uscc": code, "subject_id": graded[code][2],
         "grade": graded[code][0], "reasons": graded[code][1][:200], "rank": ranks.get(code)}
        for line, code in population.codes
    ])  # fmt: skip
    session.add(AuditEntry(actor=actor, actor_id=actor_id, action="inspection_draw",
                           target=f"inspection_draw:{draw.id}",
                           reason=f"{name} | seed {seed} | {draw.sample}/{draw.population}", at=now))  # fmt: skip
    session.commit()
    return draw


def get_draw(session: Session, draw_id: int, department: str | None) -> InspectionDraw:
    """`department` None = every department (信用办 staff)."""
    draw = session.get(InspectionDraw, draw_id)
    if draw is None or (department is not None and draw.department_uscc != department):
        raise DrawNotFound(draw_id)
    return draw


def list_draws(session: Session, department: str | None, limit: int = 200) -> list[InspectionDraw]:
    stmt = sa.select(InspectionDraw).order_by(InspectionDraw.created_at.desc(), InspectionDraw.id.desc()).limit(limit)
    if department is not None:
        stmt = stmt.where(InspectionDraw.department_uscc == department)
    return list(session.scalars(stmt))


@dataclass(frozen=True, slots=True)
class Item:
    line_no: int
    uscc: str
    name: str | None  # None: not on this platform
    grade: Grade
    reasons: str
    rank: int | None


def items(session: Session, draw: InspectionDraw, *, drawn_only: bool = False) -> list[Item]:
    stmt = (
        sa.select(DrawItem, Subject.name)
        .outerjoin(Subject, Subject.id == DrawItem.subject_id)
        .where(DrawItem.draw_id == draw.id)
        .order_by(DrawItem.grade.desc(), DrawItem.rank.is_(None), DrawItem.rank, DrawItem.line_no)
    )
    if drawn_only:
        stmt = stmt.where(DrawItem.rank.is_not(None))
    return [Item(i.line_no, i.uscc, name, Grade(i.grade), i.reasons, i.rank) for i, name in session.execute(stmt)]


def counts(all_items: list[Item]) -> dict[Grade, tuple[int, int]]:
    """grade → (population, drawn)."""
    table = {grade: [0, 0] for grade in GRADES}
    for item in all_items:
        table[item.grade][0] += 1
        table[item.grade][1] += item.rank is not None
    return {grade: (n, k) for grade, (n, k) in table.items()}


def reproduce(draw: InspectionDraw, all_items: list[Item]) -> bool:
    """Whether the stored seed, grades and ratios give exactly the stored sample, in the same order."""
    population: dict[Grade, list[str]] = {grade: [] for grade in GRADES}
    for item in all_items:
        population[item.grade].append(item.uscc)
    sample = sampling.draw(population, stored_treatments(draw), draw.seed)
    expected = {code: rank for codes in sample.values() for rank, code in enumerate(codes, start=1)}
    return expected == {item.uscc: item.rank for item in all_items if item.rank is not None}


def problems(draw: InspectionDraw) -> list[tuple[int, str, str, int | None]]:
    return [tuple(p) for p in json.loads(draw.problems)]  # type: ignore[misc]
