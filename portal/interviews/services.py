"""约谈 records (DOMAIN §12, §21): record one with its minutes, read them per department or per subject, mark a
correction done. The minutes pass the very checks of a submission's attachments (portal/submissions/uploads.py) and
are stored the same way: a random name, `.part` until the row is committed, then renamed.

Scope: a department's USCC (its own interviews only) or None for 信用办 staff (all). The subject's own enterprise
account reads its interviews by USCC through `for_subject`. Nothing here is public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import interviews, uscc
from portal.domain.interviews import CorrectionState, InterviewError, InterviewKind
from portal.file_store import FileStore
from portal.models import AuditEntry, Department, Interview, Subject
from portal.submissions import uploads

PER_PAGE = 50


class InterviewNotFound(Exception):
    """No such interview in the caller's scope."""


@dataclass(frozen=True, slots=True)
class NewInterview:
    kind: str
    uscc: str
    subject_name: str
    held_on: date
    reason: str
    measures: str
    correction_due_on: date


@dataclass(frozen=True, slots=True)
class InterviewRow:
    interview: Interview
    state: CorrectionState


def _scoped(query: sa.Select, department: str | None) -> sa.Select:  # type: ignore[type-arg]
    return query if department is None else query.where(Interview.department_uscc == department)


def _row(interview: Interview, today: date) -> InterviewRow:
    state = interviews.correction_state(interview.correction_due_on, interview.corrected_on, today)
    return InterviewRow(interview, state)


def record(session: Session, department: str, data: NewInterview, minutes: uploads.Upload, *, store: FileStore,
           actor: str, actor_id: int | None, today: date, now: datetime) -> Interview:  # fmt: skip
    """Validates, stores the minutes and commits; raises InterviewError (nothing stored) for a rule broken."""
    if data.kind not in {k.value for k in InterviewKind}:
        raise InterviewError("约谈类型无效", reason="kind")
    if not uscc.is_valid(data.uscc):
        raise InterviewError("统一社会信用代码无效", reason="uscc")
    interviews.check_dates(data.held_on, data.correction_due_on, today)
    reason = interviews.check_text(data.reason, "reason")
    measures = interviews.check_text(data.measures, "measures")
    subject = session.scalar(sa.select(Subject).where(Subject.uscc == data.uscc))
    name = data.subject_name.strip() or (subject.name if subject else "")
    if not name:
        raise InterviewError("请填写主体名称", reason="subject_name_required")
    if len(name) > interviews.MAX_SUBJECT_NAME:
        raise InterviewError("主体名称过长", reason="subject_name_invalid")
    department_name = session.scalar(sa.select(Department.name).where(Department.uscc == department)) or department
    staged = store.stage(minutes.data, minutes.extension)
    try:
        row = Interview(department_uscc=department, department_name=department_name[:256],
                        subject_id=subject.id if subject else None, uscc=data.uscc, subject_name=name,
                        kind=InterviewKind(data.kind), held_on=data.held_on, reason=reason, measures=measures,
                        correction_due_on=data.correction_due_on, minutes_stored_name=staged.stored_name,
                        minutes_original_name=minutes.original_name, minutes_mime=minutes.mime,
                        minutes_size=minutes.size, minutes_sha256=minutes.sha256, created_by=actor[:254],
                        created_at=now)  # fmt: skip
        session.add(row)
        session.flush()
        session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="interview_record",
                               target=f"interview:{row.id}", reason=data.kind, at=now))  # fmt: skip
        session.commit()
    except BaseException:
        session.rollback()
        store.discard([staged])
        raise
    store.finalize([staged])
    return row


def page_of(session: Session, department: str | None, *, today: date, overdue_only: bool = False, page: int = 1,
            subject_uscc: str | None = None) -> tuple[list[InterviewRow], int, int, int]:  # fmt: skip
    """(rows, total, page, pages), newest first; only those with one subject when `subject_uscc` is given."""
    query = _scoped(sa.select(Interview), department)
    if subject_uscc:
        query = query.where(Interview.uscc == subject_uscc)
    if overdue_only:
        query = query.where(Interview.corrected_on.is_(None), Interview.correction_due_on < today)
    total = int(session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
    pages = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(max(page, 1), pages)
    found = session.scalars(query.order_by(Interview.held_on.desc(), Interview.id.desc())
                            .limit(PER_PAGE).offset((page - 1) * PER_PAGE))  # fmt: skip
    return [_row(i, today) for i in found], total, page, pages


def load(session: Session, interview_id: int, department: str | None) -> Interview:
    found = session.scalar(_scoped(sa.select(Interview).where(Interview.id == interview_id), department))
    if found is None:
        raise InterviewNotFound(interview_id)
    return found


def row_of(session: Session, interview_id: int, department: str | None, today: date) -> InterviewRow:
    return _row(load(session, interview_id, department), today)


def for_subject(session: Session, subject_uscc: str, today: date) -> list[InterviewRow]:
    """Every interview with the subject, for its own enterprise account (and staff looking at the subject)."""
    found = session.scalars(sa.select(Interview).where(Interview.uscc == subject_uscc)
                            .order_by(Interview.held_on.desc(), Interview.id.desc()))  # fmt: skip
    return [_row(i, today) for i in found]


def load_for_subject(session: Session, interview_id: int, subject_uscc: str) -> Interview:
    found = session.scalar(sa.select(Interview).where(Interview.id == interview_id, Interview.uscc == subject_uscc))
    if found is None:
        raise InterviewNotFound(interview_id)
    return found


def mark_corrected(session: Session, interview_id: int, department: str, corrected_on: date, *, actor: str,
                   actor_id: int | None, today: date, now: datetime) -> Interview:  # fmt: skip
    """The department confirms the correction; raises InterviewNotFound, InterviewError (corrected_on)."""
    interview = load(session, interview_id, department)
    interviews.check_corrected_on(interview.held_on, corrected_on, today)
    interview.corrected_on, interview.corrected_by = corrected_on, actor[:254]
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="interview_corrected",
                           target=f"interview:{interview.id}", reason=corrected_on.isoformat(), at=now))  # fmt: skip
    return interview
