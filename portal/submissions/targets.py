"""The public record a submission is about ("penalty:12"), and whether it may be repaired yet (portal.domain.repair).

Only records public today are found (portal.visibility): a private record and a wrong id give the same None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain import repair
from portal.domain.kinds import ListCategory, SubjectKind
from portal.domain.masking import public_subject_name
from portal.domain.publicity import RecordStatus, Severity
from portal.domain.repair import Eligibility
from portal.models import Department, Subject
from portal.visibility import public_on

_REF = re.compile(rf"^({'|'.join(map(re.escape, kinds.values()))}):([1-9]\d{{0,9}})$")
MAX_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class RecordRef:
    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True, slots=True)
class Target:
    """What the forms and the staff need of the record: masked subject name, the department that verifies."""

    ref: RecordRef
    title: str  # 文号 or list name
    subject_name: str  # as shown publicly (masked for persons)
    subject_uscc: str | None
    department_uscc: str
    department_name: str
    decided_on: date
    status: RecordStatus
    severity: Severity | None  # penalties only
    category: ListCategory | None  # list entries only


def parse_ref(value: str | None) -> RecordRef | None:
    match = _REF.match((value or "").strip())
    if match is None or int(match.group(2)) > MAX_ID:
        return None
    return RecordRef(match.group(1), int(match.group(2)))


def find_target(session: Session, ref: RecordRef, today: date) -> Target | None:
    """The record if it is public today, else None."""
    spec = kinds.spec(ref.kind)
    model = spec.model
    row = session.execute(
        sa.select(model, Subject).join(Subject, Subject.id == model.subject_id)
        .where(model.id == ref.id, public_on(model, today))
    ).first()
    if row is None:
        return None
    record, subject = row
    uscc = subject.uscc if subject.kind is not SubjectKind.NATURAL_PERSON else None
    name = public_subject_name(subject.name, subject.kind.value)
    category = record.category if spec.by_list_category else None
    return Target(ref, getattr(record, spec.title_attr), name, uscc, record.authority_uscc, record.authority_name,
                  record.day, record.status, getattr(record, "severity", None), category)  # fmt: skip


def repair_eligibility(target: Target, today: date) -> Eligibility:
    """The rule of portal.domain.repair applied to a public record (the chat applies the same rule)."""
    return repair.eligibility(target.ref.kind, target.status, today, decided_on=target.decided_on,
                              severity=target.severity, category=target.category)  # fmt: skip


def departments(session: Session) -> list[tuple[str, str]]:
    """(USCC, name) of every known department, by name: the choices of a complaint about a department."""
    return [(d.uscc, d.name) for d in session.scalars(sa.select(Department).order_by(Department.name))]


def department_name(session: Session, uscc: str) -> str | None:
    return session.scalar(sa.select(Department.name).where(Department.uscc == uscc))
