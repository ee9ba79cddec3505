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

from portal import kinds
from portal.domain.kinds import ListCategory
from portal.domain.publicity import PublicState, RecordStatus, public_state
from portal.domain.states import OPEN_STATUSES, SubmissionKind
from portal.models import Subject, Submission
from portal.public import presenters
from portal.reports.groups import group_of
from portal.visibility import public_on

# Kinds in the order of the report; a kind filed by list category gets one section per category.
_SPECS = sorted(kinds.specs(), key=lambda spec: spec.report_rank)
SECTION_KEYS = tuple(
    key
    for spec in _SPECS
    for key in ([category.value for category in ListCategory] if spec.by_list_category else [spec.kind.value])
)
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")


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


def _records(session: Session, model: Any, subject_id: int, day: Any, today: date, public: bool) -> list[Any]:
    query = sa.select(model).where(model.subject_id == subject_id)
    if public:
        query = query.where(public_on(model, today))
    return list(session.scalars(query.order_by(day.desc(), model.id.desc())))


def build_sections(session: Session, subject: Subject | None, *, today: date, public: bool) -> list[dict[str, Any]]:
    """Every section of SECTION_KEYS in order (empty ones too, so the report says "none"), each with its chapter."""
    by_key: dict[str, list[dict[str, Any]]] = {key: [] for key in SECTION_KEYS}
    if subject is None:
        return [{"key": key, "group": group_of(key), "records": []} for key in SECTION_KEYS]

    def clean(text: str | None) -> str:
        return (presenters.scrub(text, subject) if public else _no_ids(text)) or ""

    for spec in _SPECS:
        rows = _records(session, spec.model, subject.id, spec.model.day, today, public)
        marks = open_marks(session, spec.kind.value, (r.id for r in rows))
        for r in rows:
            status = display_status(r.status, r.public_from, r.public_until, today)
            key = ListCategory(r.category).value if spec.by_list_category else spec.kind.value
            by_key[key].append(spec.report_entry(r, status, _marks(status, marks.get(r.id, set())), clean))
    return [{"key": key, "group": group_of(key), "records": by_key[key]} for key in SECTION_KEYS]


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
