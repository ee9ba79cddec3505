"""Use cases of the public side: submit an application (one transaction, files staged then renamed) and track it."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from portal.clock import CHINA_TZ
from portal.domain.states import Outcome, SubmissionKind, SubmissionStatus, due_workdays
from portal.domain.workdays import WorkCalendar
from portal.file_store import FileStore, StagedFile
from portal.models import Attachment, AuditEntry, Submission, SubmissionEvent
from portal.submissions import codes, uploads
from portal.submissions.targets import Target

log = logging.getLogger(__name__)
PUBLIC_ACTOR = "public"
_TRACKING_TRIES = 10


@dataclass(frozen=True, slots=True)
class NewSubmission:
    kind: SubmissionKind
    description: str
    target: Target | None = None
    record_ref: str | None = None
    subject_name: str | None = None
    subject_uscc: str | None = None
    department_uscc: str | None = None
    department_name: str | None = None
    grounds: str | None = None
    anonymous: bool = False
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    commitment_accepted: bool = False


@dataclass(frozen=True, slots=True)
class Receipt:
    """Shown once to the applicant: the 查询码 is not stored in clear anywhere."""

    tracking_no: str
    code: str
    kind: SubmissionKind
    submitted_on: date
    due_on: date
    duplicate: bool = False
    attachments: int = 0

    @property
    def code_display(self) -> str:
        return codes.format_code(self.code)


@dataclass(frozen=True, slots=True)
class Settings:
    secret: str
    store: FileStore  # where attachments go (portal/file_store.py)
    due_overrides: Mapping[str, int] | None = None


def _existing(session: Session, key: str) -> Submission | None:
    return session.scalar(sa.select(Submission).where(Submission.idempotency_key == key))


def _receipt(submission: Submission, code: str, *, duplicate: bool, attachments: int) -> Receipt:
    return Receipt(submission.tracking_no, code, submission.kind, submission.submitted_on, submission.due_on,
                   duplicate, attachments)  # fmt: skip


def _unused_tracking_no(session: Session, today: date) -> str:
    for _attempt in range(_TRACKING_TRIES):
        number = codes.new_tracking_no(today)
        if session.scalar(sa.select(Submission.id).where(Submission.tracking_no == number)) is None:
            return number
    raise RuntimeError("no free tracking number")  # 10 collisions in 32^6 numbers per day: a broken RNG


def receipt_for_token(session: Session, form_token: str, secret: str) -> Receipt | None:
    """The receipt of the submission made with this form token, if any (a double click or a reload)."""
    found = _existing(session, codes.token_key(form_token))
    return _receipt(found, codes.query_code(secret, form_token), duplicate=True, attachments=0) if found else None


def submit(
    session: Session,
    new: NewSubmission,
    files: Sequence[uploads.Upload],
    *,
    form_token: str,
    settings: Settings,
    today: date,
    now: datetime,
    calendar: WorkCalendar,
) -> Receipt:
    """Records the submission, its first event and its attachments in one transaction; returns the receipt.

    The same form token twice (a double click, a reload) returns the first submission's receipt and stores
    nothing. Files are written as .part first and renamed only after the commit; a failed commit removes them.
    """
    key = codes.token_key(form_token)
    code = codes.query_code(settings.secret, form_token)
    found = _existing(session, key)
    if found is not None:
        session.rollback()
        return _receipt(found, code, duplicate=True, attachments=0)
    workdays = due_workdays(new.kind, dict(settings.due_overrides or {}))
    due_on, estimated = calendar.add_workdays_estimated(today, workdays)
    target = new.target
    submission = Submission(
        tracking_no=_unused_tracking_no(session, today),
        code_hash=codes.hash_code(code),
        idempotency_key=key,
        kind=new.kind,
        status=SubmissionStatus.SUBMITTED,
        record_kind=target.ref.kind if target else None,
        record_id=target.ref.id if target else None,
        record_title=target.title if target else None,
        record_ref=new.record_ref,
        subject_name=target.subject_name if target else new.subject_name,
        subject_uscc=target.subject_uscc if target else new.subject_uscc,
        department_uscc=target.department_uscc if target else new.department_uscc,
        department_name=target.department_name if target else new.department_name,
        grounds=new.grounds,
        description=new.description,
        anonymous=new.anonymous,
        contact_name=None if new.anonymous else new.contact_name,
        contact_phone=None if new.anonymous else new.contact_phone,
        contact_email=None if new.anonymous else new.contact_email,
        commitment_accepted=new.commitment_accepted,
        submitted_on=today,
        due_on=due_on,
        due_estimated=estimated,
        created_at=now,
        updated_at=now,
    )
    session.add(submission)
    session.add(SubmissionEvent(submission=submission, action="submit", from_status=None,
                                to_status=SubmissionStatus.SUBMITTED, actor=PUBLIC_ACTOR, at=now))  # fmt: skip
    staged: list[StagedFile] = []
    try:
        for upload in files:
            item = settings.store.stage(upload.data, upload.extension)
            staged.append(item)
            session.add(Attachment(submission=submission, stored_name=item.stored_name,
                                   original_name=upload.original_name, mime=upload.mime, size=upload.size,
                                   sha256=upload.sha256, created_at=now))  # fmt: skip
        session.flush()
        session.add(AuditEntry(actor=PUBLIC_ACTOR, action=f"submit_{new.kind.value}",
                               target=f"submission:{submission.id}", at=now))  # fmt: skip
        session.commit()
    except IntegrityError:
        session.rollback()
        settings.store.discard(staged)
        found = _existing(session, key)  # the other click won the race
        if found is None:
            raise
        return _receipt(found, code, duplicate=True, attachments=0)
    except BaseException:
        session.rollback()
        settings.store.discard(staged)
        raise
    try:
        settings.store.finalize(staged)
    except OSError:  # committed: the .part files are completed on first access or by the sweeper
        log.warning("attachments of submission %s left as .part files", submission.id, exc_info=True)
    log.info("submission received: id=%s kind=%s attachments=%d", submission.id, new.kind.value, len(staged))
    return _receipt(submission, code, duplicate=False, attachments=len(staged))


@dataclass(frozen=True, slots=True)
class HistoryItem:
    status: SubmissionStatus
    at: datetime


@dataclass(frozen=True, slots=True)
class Status:
    """What the applicant may see: no contact data, no staff names, no internal reasons."""

    tracking_no: str
    kind: SubmissionKind
    status: SubmissionStatus
    outcome: str | None
    submitted_at: datetime
    due_on: date
    history: tuple[HistoryItem, ...]


def track(session: Session, tracking_no: str, code: str) -> Status | None:
    """The status when both number and code match; None otherwise (the same answer for either mistake)."""
    number, typed = codes.normalize_tracking_no(tracking_no), codes.normalize_code(code)
    submission = None
    if codes.TRACKING_RE.match(number):
        submission = session.scalar(
            sa.select(Submission).options(selectinload(Submission.events)).where(Submission.tracking_no == number)
        )
    ok = codes.code_matches(submission.code_hash if submission else None, typed)
    if not ok or submission is None:
        return None
    history = tuple(HistoryItem(e.to_status, e.at) for e in submission.events if e.from_status != e.to_status)
    return Status(submission.tracking_no, submission.kind, submission.status,
                  submission.outcome.value if submission.outcome else None, submission.created_at,
                  submission.due_on, history)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RepairResult:
    record_title: str | None
    subject_name: str | None  # as shown publicly when the application was made (masked for persons)
    department_name: str | None
    decided_on: date


def repair_results(session: Session, *, limit: int = 200) -> list[RepairResult]:
    """准予修复 decisions, newest first: the public list of repair results (DOMAIN §9, seed 002 篇五 (二十))."""
    query = (
        sa.select(Submission)
        .where(Submission.kind == SubmissionKind.REPAIR, Submission.outcome == Outcome.APPROVED)
        .order_by(Submission.closed_at.desc(), Submission.id.desc())
        .limit(limit)
    )
    return [
        RepairResult(s.record_title, s.subject_name, s.department_name, s.closed_at.astimezone(CHINA_TZ).date())
        for s in session.scalars(query)
        if s.closed_at is not None
    ]
