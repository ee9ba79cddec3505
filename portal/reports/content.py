"""The content of a credit report as plain JSON-able data: sections by category, each record with status and marks.

The public version reads only records public today (portal.visibility) through the public presenter, so it holds
exactly what the subject page shows. The full version (the subject's own, DOMAIN §6) reads every record, with its
computed status. Neither ever holds an ID number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.kinds import ListCategory
from portal.domain.publicity import PublicState, RecordStatus, public_state
from portal.domain.states import OPEN_STATUSES, SubmissionKind
from portal.models import ListEntry, Penalty, Permit, Subject, Submission
from portal.public import presenters
from portal.visibility import public_on

SECTION_KEYS = ("permit", "penalty", "redlist", "blacklist", "watchlist")
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_LONG_TERM = presenters.LONG_TERM


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _no_ids(text: str | None) -> str:
    """The full version is the subject's own data, but ID numbers still never leave the server (DOMAIN §6)."""
    return _ID_IN_TEXT.sub(lambda m: "*" * len(m.group(0)), text or "")


def display_status(status: RecordStatus, public_from: date, public_until: date | None, today: date) -> str:
    """The stored status plus the publicity window → what the subject sees (published, expired, repaired…)."""
    state = public_state(status, public_from, public_until, today)
    if state is PublicState.EXPIRED:
        return "expired"
    if state is PublicState.NOT_YET:
        return "not_yet_public"
    return status.value


def open_marks(session: Session, kind: str, ids: Iterable[int]) -> dict[int, set[str]]:
    """Records with an open objection or repair application: {record id: {"under_objection", "under_repair"}}."""
    wanted = list(ids)
    marks: dict[int, set[str]] = {}
    if not wanted:
        return marks
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start : chunk_start + 500]
        query = sa.select(Submission.record_id, Submission.kind).where(
            Submission.record_kind == kind, Submission.record_id.in_(chunk), Submission.status.in_(OPEN_STATUSES),
            Submission.kind.in_((SubmissionKind.OBJECTION, SubmissionKind.REPAIR)),
        )  # fmt: skip
        for record_id, sub_kind in session.execute(query):
            label = "under_objection" if sub_kind == SubmissionKind.OBJECTION else "under_repair"
            marks.setdefault(int(record_id), set()).add(label)
    return marks


def _marks(status: str, extra: set[str]) -> list[str]:
    found = set(extra)
    if status == RecordStatus.UNDER_OBJECTION.value:
        found.add("under_objection")
    return sorted(found)


def _penalty(p: Penalty, status: str, marks: set[str], content: str) -> dict[str, Any]:
    return {
        "kind": "penalty", "id": p.id, "title": p.decision_no, "date": _iso(p.decided_on),
        "authority": p.authority_name, "summary": p.violation_type, "content": content,
        "types": list(presenters.split_types(p.punishment_types)), "severity": p.severity.value,
        "fine": presenters._amount(p.fine_amount), "public_until": _iso(p.public_until),
        "status": status, "marks": _marks(status, marks),
    }  # fmt: skip


def _permit(p: Permit, status: str, marks: set[str], content: str) -> dict[str, Any]:
    valid_until = None if p.valid_until >= _LONG_TERM else p.valid_until
    return {
        "kind": "permit", "id": p.id, "title": p.doc_no, "date": _iso(p.decided_on), "authority": p.authority_name,
        "summary": p.doc_title, "content": content, "category": p.category, "state": p.state.value,
        "valid_from": _iso(p.valid_from), "valid_until": _iso(valid_until), "public_until": _iso(p.public_until),
        "status": status, "marks": _marks(status, marks),
    }  # fmt: skip


def _entry(e: ListEntry, status: str, marks: set[str], reason: str) -> dict[str, Any]:
    valid_until = None if e.valid_until is None or e.valid_until >= _LONG_TERM else e.valid_until
    return {
        "kind": "list", "id": e.id, "title": e.list_name, "date": _iso(e.listed_on), "authority": e.recognised_by,
        "summary": reason, "doc_no": e.doc_no, "category": e.category.value, "valid_until": _iso(valid_until),
        "removed_on": _iso(e.removed_on), "public_until": _iso(e.public_until),
        "status": status, "marks": _marks(status, marks),
    }  # fmt: skip


def _records(session: Session, model: Any, subject_id: int, day: Any, today: date, public: bool) -> list[Any]:
    query = sa.select(model).where(model.subject_id == subject_id)
    if public:
        query = query.where(public_on(model, today))
    return list(session.scalars(query.order_by(day.desc(), model.id.desc())))


def build_sections(session: Session, subject: Subject | None, *, today: date, public: bool) -> list[dict[str, Any]]:
    """Every section of SECTION_KEYS in order (empty ones too, so the report says "none")."""
    by_key: dict[str, list[dict[str, Any]]] = {key: [] for key in SECTION_KEYS}
    if subject is None:
        return [{"key": key, "records": []} for key in SECTION_KEYS]
    permits = _records(session, Permit, subject.id, Permit.decided_on, today, public)
    penalties = _records(session, Penalty, subject.id, Penalty.decided_on, today, public)
    entries = _records(session, ListEntry, subject.id, ListEntry.listed_on, today, public)
    marks = {kind: open_marks(session, kind, (r.id for r in rows))
             for kind, rows in (("permit", permits), ("penalty", penalties), ("list", entries))}  # fmt: skip
    for p in permits:
        status = display_status(p.status, p.public_from, p.public_until, today)
        text = presenters.scrub(p.content, subject) if public else _no_ids(p.content)
        by_key["permit"].append(_permit(p, status, marks["permit"].get(p.id, set()), text or ""))
    for p in penalties:
        status = display_status(p.status, p.public_from, p.public_until, today)
        text = presenters.scrub(p.content, subject) if public else _no_ids(p.content)
        by_key["penalty"].append(_penalty(p, status, marks["penalty"].get(p.id, set()), text or ""))
    for e in entries:
        status = display_status(e.status, e.public_from, e.public_until, today)
        reason = presenters.scrub(e.reason, subject) if public else _no_ids(e.reason)
        category = e.category.value if isinstance(e.category, ListCategory) else str(e.category)
        by_key[category].append(_entry(e, status, marks["list"].get(e.id, set()), reason or ""))
    return [{"key": key, "records": by_key[key]} for key in SECTION_KEYS]


def subject_block(subject: Subject | None, *, public: bool, uscc: str | None, name: str) -> dict[str, Any]:
    """Identity of the subject: masked through the presenter in the public version, as registered in the full one."""
    if subject is None:
        return {"name": name, "uscc": uscc, "kind": "legal", "legal_rep": None, "codes": []}
    if public:
        shown = presenters.present_subject(subject)
        return {"name": shown.name, "uscc": shown.uscc, "kind": shown.kind, "legal_rep": shown.legal_rep,
                "codes": [list(pair) for pair in shown.codes]}  # fmt: skip
    pairs = (("reg_no", subject.reg_no), ("org_code", subject.org_code), ("tax_no", subject.tax_no),
             ("institution_no", subject.institution_no), ("social_org_no", subject.social_org_no))  # fmt: skip
    return {"name": subject.name, "uscc": subject.uscc, "kind": subject.kind.value, "legal_rep": subject.legal_rep,
            "codes": [[key, value] for key, value in pairs if value]}  # fmt: skip
