"""JSON shapes of the 联合奖惩 API (described in portal/joint/api_schemas.py; a test keeps the two in step)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from portal.clock import CHINA_TZ
from portal.joint.changes import ChangePage
from portal.joint.results import CheckView, HitView, RowView
from portal.public.presenters import ListEntryDetail


def _iso(value: datetime) -> str:
    return value.astimezone(CHINA_TZ).isoformat(timespec="seconds")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _hit(view: HitView) -> dict[str, Any]:
    hit = view.hit
    answer = view.feedback
    return {
        "hit_id": hit.id,
        "list_entry_id": hit.list_entry_id,
        "category": hit.category,
        "list_name": hit.list_name,
        "listed_on": hit.listed_on.isoformat(),
        "recognised_by": hit.recognised_by,
        "suspended": hit.suspended,
        "measures": [
            {
                "measure_id": m.id,
                "item": m.item,
                "measure": m.measure,
                "stage": m.stage,
                "basis": m.basis,
                "mode": m.mode,
                "version": m.version,
            }
            for m in view.measures
        ],
        "feedback": None
        if answer is None
        else {
            "outcome": answer.outcome,
            "measure_id": answer.measure_id,
            "reason": answer.reason,
            "answered_on": answer.answered_on.isoformat(),
        },
    }


def _row(view: RowView) -> dict[str, Any]:
    row = view.row
    return {
        "line": row.line_no,
        "query": row.query,
        "outcome": row.outcome,
        "message": row.message,
        "subject": None if row.subject_id is None else {"name": row.name or "", "uscc": row.uscc},
        "public_records": {"penalties": row.penalties, "permits": row.permits},
        "hits": [_hit(h) for h in view.hits],
        "other_information": [
            {"kind": n.kind, "role": n.role, "title": n.title, "summary": n.summary, "date": n.day.isoformat(),
             "authority": n.authority}
            for n in view.notes
        ],  # fmt: skip
    }


def check_json(view: CheckView) -> dict[str, Any]:
    check = view.check
    return {
        "check_id": check.id,
        "act": check.act,
        "purpose": check.purpose,
        "batch": check.is_batch,
        "checked_at": _iso(check.checked_at),
        "feedback_due": check.feedback_due_on.isoformat(),
        "overdue": view.overdue,
        "summary": {
            "lines": check.subjects,
            "invalid": check.invalid,
            "found": check.found,
            "hits": check.hits,
            "feedback": check.feedback_done,
        },
        "results": [_row(r) for r in view.rows],
    }


def _entry(entry: ListEntryDetail) -> dict[str, Any]:
    return {
        "id": entry.id,
        "category": entry.category,
        "list_name": entry.list_name,
        "subject": {"name": entry.subject.name, "uscc": entry.subject.uscc, "kind": entry.subject.kind},
        "reason": entry.reason,
        "basis": entry.basis,
        "doc_no": entry.doc_no,
        "recognised_by": entry.recognised_by,
        "listed_on": entry.listed_on.isoformat(),
        "valid_until": _day(entry.valid_until),
        "public_until": _day(entry.public_until),
        "status": entry.status,
    }


def changes_json(since: datetime, page: ChangePage) -> dict[str, Any]:
    return {
        "since": _iso(since),
        "changes": [
            {
                "change": c.change,
                "at": _iso(c.at),
                "entry_id": c.entry_id,
                "entry": _entry(c.entry) if c.entry is not None else None,
            }
            for c in page.changes
        ],
        "expired": page.expired,
        "next_cursor": page.next_cursor,
    }
