"""The content of a special credit report (DOMAIN §22) as plain JSON-able data, one section per chosen area.

Each area lists the subject's 行政处罚 (轻微 ones too: the report is the subject's own), 行政强制 and
严重失信主体名单 entries of the period, with the status of portal.domain.special. The area of a record is the area
of its deciding department (admin table, else guessed from the name). ID numbers never enter the content.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.clock import CHINA_TZ
from portal.domain.kinds import ListCategory, RecordKind
from portal.domain.masking import mask_id_numbers
from portal.domain.publicity import RecordStatus
from portal.domain.special import Area, SpecialStatus, StatusInput, area_of, special_status
from portal.models import Coercion, DepartmentArea, ListEntry, Penalty, RecordHistory, Subject

GROUPS = ("penalties", "coercions", "blacklist")  # the order of each area's lists
# What the report does not cover (printed as a statement; codes so the text follows the reader's language).
NOT_COVERED = ("criminal", "other_sites", "before_period")
_CHUNK = 500


def configured_areas(session: Session) -> dict[str, Area]:
    return {row.department_uscc: row.area for row in session.scalars(sa.select(DepartmentArea))}


def _repaired_on(session: Session, kind: RecordKind, ids: Iterable[int]) -> dict[int, date]:
    """The China date of the latest change to `repaired` of each record (准予修复), from the record history."""
    wanted = list(ids)
    found: dict[int, date] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = sa.select(RecordHistory.record_id, sa.func.max(RecordHistory.changed_at)).where(
            RecordHistory.record_kind == kind.value, RecordHistory.record_id.in_(wanted[start : start + _CHUNK]),
            RecordHistory.to_status == RecordStatus.REPAIRED.value,
        ).group_by(RecordHistory.record_id)  # fmt: skip
        for record_id, at in session.execute(query):
            if at is not None:
                found[int(record_id)] = _china_date(at)
    return found


def _china_date(value: datetime) -> date:
    """max() keeps the column's UTCDateTime type, so the value is aware; a naive one would be UTC."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(CHINA_TZ).date()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _entry(kind: str, record: Any, status: SpecialStatus, status_on: date | None, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "id": record.id, "date": _iso(record.day), "authority": record.authority_name,
            "status": status.value, "status_on": _iso(status_on) if status is SpecialStatus.REPAIRED else None,
            "public_until": _iso(record.public_until), **fields}  # fmt: skip


def _clean(text: str | None) -> str:
    return mask_id_numbers(text or "", hide_all=True)


def build(session: Session, subject: Subject | None, *, start: date, end: date, areas: list[Area],
          today: date) -> list[dict[str, Any]]:  # fmt: skip
    """One section per area of `areas` (in Area order), each with its three lists (empty ones too)."""
    chosen = [area for area in Area if area in set(areas)]
    sections: dict[Area, dict[str, list[dict[str, Any]]]] = {a: {g: [] for g in GROUPS} for a in chosen}
    if subject is not None:
        configured = configured_areas(session)
        _fill(session, subject.id, start, end, today, configured, sections)
    return [{"area": area.value, **lists} for area, lists in sections.items()]


def _fill(session: Session, subject_id: int, start: date, end: date, today: date, configured: dict[str, Area],
          sections: dict[Area, dict[str, list[dict[str, Any]]]]) -> None:  # fmt: skip
    def place(group: str, record: Any, entry: dict[str, Any]) -> None:
        area = area_of(record.authority_uscc, record.authority_name, configured)
        if area in sections:
            sections[area][group].append(entry)

    penalties = list(session.scalars(sa.select(Penalty).where(
        Penalty.subject_id == subject_id, Penalty.decided_on.between(start, end),
        Penalty.status != RecordStatus.WITHDRAWN,
    ).order_by(Penalty.decided_on.desc(), Penalty.id.desc())))  # fmt: skip
    repaired = _repaired_on(session, RecordKind.PENALTY, (p.id for p in penalties))
    for p in penalties:
        status = special_status(StatusInput(p.status.value, p.public_until, repaired.get(p.id)), today)
        if status is not None:
            place("penalties", p, _entry("penalty", p, status, repaired.get(p.id), title=p.decision_no,
                  summary=p.violation_type, detail=p.punishment_types, content=_clean(p.content),
                  severity=p.severity.value))  # fmt: skip

    coercions = list(session.scalars(sa.select(Coercion).where(
        Coercion.subject_id == subject_id, Coercion.decided_on.between(start, end),
        Coercion.status != RecordStatus.WITHDRAWN,
    ).order_by(Coercion.decided_on.desc(), Coercion.id.desc())))  # fmt: skip
    repaired = _repaired_on(session, RecordKind.COERCION, (c.id for c in coercions))
    for c in coercions:
        status = special_status(StatusInput(c.status.value, c.public_until, repaired.get(c.id)), today)
        if status is not None:
            place("coercions", c, _entry("coercion", c, status, repaired.get(c.id), title=c.doc_no,
                  summary=_clean(c.reason), detail=c.categories, content=_clean(c.content),
                  lifted_on=_iso(c.lifted_on)))  # fmt: skip

    # A list entry counts when it was in force at some time of the period, not only when it began in it.
    entries = list(session.scalars(sa.select(ListEntry).where(
        ListEntry.subject_id == subject_id, ListEntry.category == ListCategory.BLACKLIST,
        ListEntry.listed_on <= end, ListEntry.status != RecordStatus.WITHDRAWN,
        sa.or_(ListEntry.removed_on.is_(None), ListEntry.removed_on > start),
        sa.or_(ListEntry.valid_until.is_(None), ListEntry.valid_until >= start),
    ).order_by(ListEntry.listed_on.desc(), ListEntry.id.desc())))  # fmt: skip
    repaired = _repaired_on(session, RecordKind.LIST_ENTRY, (e.id for e in entries))
    for e in entries:
        # 移出名单 is the repair of a list entry (NDRC 令第36号): its date is the 移出日期.
        removed = e.removed_on if e.removed_on is not None and e.removed_on <= today else None
        on = repaired.get(e.id) or removed
        status = special_status(StatusInput(e.status.value, e.public_until, on), today)
        if status is not None:
            place("blacklist", e, _entry("list", e, status, on, title=e.list_name, summary=_clean(e.reason),
                  detail=e.doc_no, content=_clean(e.basis), removed_on=_iso(e.removed_on)))  # fmt: skip
