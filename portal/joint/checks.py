"""信用核查: one subject or a batch of up to 1,000 USCCs, checked set-based against public list entries and records.

Only public data is used (portal/visibility.py) and names go through the public presenter, so a check shows what the
public site shows, plus the measures of the catalogue that apply to the act with their 强制/推荐 marks (DOMAIN §11).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import joint, uscc
from portal.domain.errors import DomainError
from portal.domain.kinds import SubjectKind
from portal.domain.text import clean, has_control_chars, nfkc, normalize_code
from portal.domain.workdays import WorkCalendar
from portal.joint.notes import public_notes
from portal.models import (
    AuditEntry,
    CheckedSubject,
    CheckHit,
    CheckNote,
    CreditCheck,
    Department,
    ListEntry,
    ListType,
    Measure,
    Penalty,
    Permit,
    Subject,
)
from portal.public.presenters import present_subject
from portal.visibility import public_on

CHUNK = 500  # IN-list size: well under SQLite's and PostgreSQL's parameter limits
MAX_QUERY = 256
_SEPARATORS = re.compile(r"[,;，；、\s]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HEADER = re.compile(r"代码|名称|信用|主体|uscc|code|name", re.IGNORECASE)


class CheckError(DomainError):
    code = "invalid_check"


@dataclass(frozen=True, slots=True)
class Requester:
    """Who checks: a department user (web) or a department's API key (api)."""

    department_uscc: str
    actor: str
    channel: str  # web | api
    user_id: int | None = None
    api_key_id: int | None = None


@dataclass(frozen=True, slots=True)
class CheckRequest:
    act: str
    purpose: str
    lines: Sequence[tuple[int, str]]  # (line number, text as entered)
    batch: bool


def parse_batch(text: str) -> list[tuple[int, str]]:
    """(line, code) for every code in pasted text or a CSV/TXT file; a first line like 统一社会信用代码 is a header."""
    found: list[tuple[int, str]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line_no == 1 and not any(ch.isdigit() for ch in line) and _HEADER.search(line):
            continue
        found += [(line_no, token) for token in _SEPARATORS.split(line.strip().strip('"')) if token.strip('"')]
    return [(n, t.strip('"')) for n, t in found]


def validate(request: CheckRequest) -> None:
    """Raises CheckError: unknown act, purpose missing or too long, no subject, or more than MAX_BATCH."""
    if request.act not in {a.value for a in joint.Act}:
        raise CheckError("核查事项无效", reason="act")
    purpose = request.purpose.strip()
    if not purpose:
        raise CheckError("请填写核查用途", reason="purpose_required")
    if len(purpose) > joint.MAX_PURPOSE or has_control_chars(purpose):
        raise CheckError("核查用途过长或含有控制字符", reason="purpose")
    if not request.lines:
        raise CheckError("请至少填写一个核查对象", reason="empty")
    if len(request.lines) > joint.MAX_BATCH:
        raise CheckError("批量核查最多1000个对象", reason="too_many", count=len(request.lines))


def _chunks(values: Sequence[int] | Sequence[str]) -> Iterable[list]:  # type: ignore[type-arg]
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def _subjects_by_uscc(session: Session, codes: Sequence[str]) -> dict[str, Subject]:
    found: dict[str, Subject] = {}
    for part in _chunks(sorted(set(codes))):
        query = sa.select(Subject).where(Subject.uscc.in_(part), Subject.kind != SubjectKind.NATURAL_PERSON)
        found.update({s.uscc: s for s in session.scalars(query) if s.uscc})
    return found


def _subjects_by_name(session: Session, name: str) -> list[Subject]:
    """Organisations and businesses with exactly this name (natural persons are never looked up by name)."""
    query = (
        sa.select(Subject).where(Subject.name_norm == nfkc(name), Subject.kind != SubjectKind.NATURAL_PERSON).limit(5)
    )
    return list(session.scalars(query))


def _owned_by(model: type[Penalty] | type[Permit] | type[ListEntry], ids: list[int]) -> sa.ColumnElement[bool]:
    """Rows of these subjects, phrased so that the planner starts from the subject_id index.

    A plain `subject_id IN (…500 ids…) AND <public_on>` lets SQLite pick the status index of public_on and scan
    every published row (7 s at 1M records); the id sub-select keeps the lookup on subject_id.
    """
    return model.id.in_(sa.select(model.id).where(model.subject_id.in_(ids)).scalar_subquery())


def _public_counts(
    session: Session, model: type[Penalty] | type[Permit], ids: Sequence[int], today: date
) -> dict[int, int]:
    counts: dict[int, int] = {}
    for part in _chunks(ids):
        query = (
            sa.select(model.subject_id, sa.func.count())
            .where(_owned_by(model, part), public_on(model, today))
            .group_by(model.subject_id)
        )
        counts.update({int(s): int(n) for s, n in session.execute(query)})
    return counts


def _public_entries(session: Session, ids: Sequence[int], today: date) -> dict[int, list[ListEntry]]:
    entries: dict[int, list[ListEntry]] = {}
    for part in _chunks(ids):
        query = (
            sa.select(ListEntry)
            .where(_owned_by(ListEntry, part), public_on(ListEntry, today))
            .order_by(ListEntry.listed_on.desc(), ListEntry.id)
        )
        for entry in session.scalars(query):
            entries.setdefault(entry.subject_id, []).append(entry)
    return entries


def catalogue_index(session: Session) -> joint.CatalogueIndex:
    measures = session.execute(
        sa.select(Measure.id, Measure.list_name, Measure.item, Measure.mode).where(Measure.is_active.is_(True))
    )
    generic = session.execute(sa.select(ListType.category, ListType.name).where(ListType.is_active.is_(True)))
    return joint.build_index(
        ((int(i), n, item, mode) for i, n, item, mode in measures),
        ((str(getattr(c, "value", c)), n) for c, n in generic),
    )


def department_name(session: Session, department_uscc: str) -> str:
    name = session.scalar(sa.select(Department.name).where(Department.uscc == department_uscc))
    return name or department_uscc or "信用办"  # "": a check made by the credit office itself (an admin)


def _resolve(session: Session, request: CheckRequest) -> list[tuple[int, str, str, str | None, Subject | None]]:
    """(line, query, outcome, message, subject) per line; batch lines must be USCCs, a single line may be a name."""
    codes = [normalize_code(text) for _line, text in request.lines]
    well_formed = [c for c in codes if uscc.is_well_formed(c)]
    by_code = _subjects_by_uscc(session, well_formed)
    resolved: list[tuple[int, str, str, str | None, Subject | None]] = []
    seen: dict[str, int] = {}
    for (line, raw), code in zip(request.lines, codes, strict=True):
        query = _CONTROL.sub("", clean(raw))[:MAX_QUERY]  # as entered, minus control chars (PostgreSQL refuses NUL)
        if uscc.is_well_formed(code):
            if code in seen:
                resolved.append((line, query, "duplicate", f"与第{seen[code]}行重复", None))
                continue
            seen[code] = line
            warning = None if uscc.has_valid_check(code) else "校验位不符，已按原码查询"
            subject = by_code.get(code)
            resolved.append((line, code, "found" if subject else "not_found", warning, subject))
        elif request.batch or not query or has_control_chars(raw):
            resolved.append((line, query, "invalid", "不是有效的统一社会信用代码", None))
        else:
            matches = _subjects_by_name(session, query)
            if len(matches) == 1:
                resolved.append((line, query, "found", None, matches[0]))
            elif matches:
                resolved.append((line, query, "ambiguous", "名称对应多个主体，请改用统一社会信用代码", None))
            else:
                resolved.append((line, query, "not_found", None, None))
    return resolved


def run_check(
    session: Session,
    requester: Requester,
    request: CheckRequest,
    *,
    today: date,
    now: datetime,
    calendar: WorkCalendar,
    feedback_workdays: int = joint.DEFAULT_FEEDBACK_WORKDAYS,
) -> CreditCheck:
    """Check every line, store the check (purpose, who, when) with its subjects and hits, audit it, commit once."""
    validate(request)
    act = joint.Act(request.act)
    resolved = _resolve(session, request)
    ids = sorted({s.id for *_rest, s in resolved if s is not None})
    entries = _public_entries(session, ids, today)
    penalties = _public_counts(session, Penalty, ids, today)
    permits = _public_counts(session, Permit, ids, today)
    notes = public_notes(session, ids, today)  # 行政强制, 违诺, honours: information beside the hits
    index = catalogue_index(session)
    check = CreditCheck(
        department_uscc=requester.department_uscc,
        department_name=department_name(session, requester.department_uscc),
        user_id=requester.user_id,
        api_key_id=requester.api_key_id,
        actor=requester.actor,
        channel=requester.channel,
        is_batch=request.batch,
        act=act.value,
        purpose=request.purpose.strip(),
        checked_at=now,
        checked_on=today,
        feedback_due_on=joint.feedback_due(today, calendar, feedback_workdays),
        subjects=len(resolved),
    )
    session.add(check)
    session.flush()
    # Core bulk inserts (one multi-row INSERT … RETURNING): ORM unit-of-work flushes cost ~1.5 s per 1,000 rows on PG.
    rows: list[dict[str, object]] = []
    found_by_line: list[list[ListEntry]] = []
    notes_by_line: list[list[dict[str, object]]] = []
    for line, query, outcome, message, subject in resolved:
        row: dict[str, object] = {"check_id": check.id, "line_no": line, "query": query, "outcome": outcome,
                                  "message": message, "subject_id": None, "uscc": None, "name": None,
                                  "penalties": 0, "permits": 0, "hits": 0}  # fmt: skip
        found = entries.get(subject.id, []) if subject is not None else []
        if subject is not None:
            public = present_subject(subject)
            row.update(subject_id=subject.id, uscc=public.uscc, name=public.name, hits=len(found),
                       penalties=penalties.get(subject.id, 0), permits=permits.get(subject.id, 0))  # fmt: skip
        rows.append(row)
        found_by_line.append(found)
        notes_by_line.append(notes.get(subject.id, []) if subject is not None else [])
    table = CheckedSubject.__table__
    insert = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    row_ids = list(session.connection().scalars(insert, rows))
    hits: list[dict[str, object]] = []
    for row_id, found in zip(row_ids, found_by_line, strict=True):
        for entry in found:
            category = entry.category.value
            applied = joint.measures_for_entry(index, entry.list_name, category, act)
            hits.append({
                "check_id": check.id, "checked_subject_id": row_id, "list_entry_id": entry.id, "category": category,
                "list_name": entry.list_name, "listed_on": entry.listed_on, "recognised_by": entry.recognised_by,
                "suspended": joint.is_suspended(category, entry.status.value),
                "measure_ids": ",".join(f"{m.measure_id}:{m.mode.value}" for m in applied),
                "mandatory": sum(m.mode is joint.Mode.MANDATORY for m in applied),
                "recommended": sum(m.mode is joint.Mode.RECOMMENDED for m in applied),
            })  # fmt: skip
    if hits:
        session.connection().execute(CheckHit.__table__.insert(), hits)
    noted = [{**note, "check_id": check.id, "checked_subject_id": row_id}
             for row_id, found_notes in zip(row_ids, notes_by_line, strict=True) for note in found_notes]  # fmt: skip
    if noted:
        session.connection().execute(CheckNote.__table__.insert(), noted)
    check.invalid = sum(r["outcome"] == "invalid" for r in rows)
    check.found = sum(r["outcome"] == "found" for r in rows)
    check.hits = len(hits)
    session.add(
        AuditEntry(
            actor=requester.actor[:254],
            actor_id=requester.user_id,
            action="credit_check",
            target=f"credit_check:{check.id}",
            reason=f"{act.value}; {len(resolved)}; {check.purpose}",
            at=now,
        )
    )
    session.commit()
    return check
