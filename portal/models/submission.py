"""Objections, complaints and repair applications; their event history and attachments."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.domain.states import Outcome, SubmissionKind, SubmissionStatus
from portal.models.base import Base, TimestampMixin, UTCDateTime, enum_column, utcnow


class Submission(TimestampMixin, Base):
    """One application. The 查询码 is stored only as a salted hash; the reporter's contact is staff-only."""

    __tablename__ = "submissions"
    __table_args__ = (
        sa.Index("ix_submissions_queue", "status", "due_on"),
        sa.Index("ix_submissions_record", "record_kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_no: Mapped[str] = mapped_column(sa.String(16), unique=True)  # YYYYMMDD-XXXXXX
    code_hash: Mapped[str] = mapped_column(sa.String(256))
    # sha256 of the form's one-time token: a double-clicked submit finds the first submission.
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[SubmissionKind] = mapped_column(enum_column(SubmissionKind, "submission_kind"), index=True)
    status: Mapped[SubmissionStatus] = mapped_column(enum_column(SubmissionStatus, "submission_status"))
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome, "submission_outcome"))
    record_kind: Mapped[str | None] = mapped_column(sa.String(16))  # penalty | permit | list
    record_id: Mapped[int | None]
    record_title: Mapped[str | None] = mapped_column(sa.String(256))  # 文号 or list name, as shown publicly
    record_ref: Mapped[str | None] = mapped_column(sa.String(500))  # a missing or unknown record, as described
    subject_name: Mapped[str | None] = mapped_column(sa.String(256))
    subject_uscc: Mapped[str | None] = mapped_column(sa.String(18))
    department_uscc: Mapped[str | None] = mapped_column(sa.String(18), index=True)  # who verifies
    department_name: Mapped[str | None] = mapped_column(sa.String(256))
    grounds: Mapped[str | None] = mapped_column(sa.String(32))  # objection grounds / complaint topic
    description: Mapped[str] = mapped_column(sa.Text)
    anonymous: Mapped[bool] = mapped_column(default=False)
    contact_name: Mapped[str | None] = mapped_column(sa.String(64))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(32))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    commitment_accepted: Mapped[bool] = mapped_column(default=False)  # 信用承诺 (repair)
    submitted_on: Mapped[date] = mapped_column(sa.Date)  # in China
    due_on: Mapped[date] = mapped_column(sa.Date)
    due_estimated: Mapped[bool] = mapped_column(default=False)  # the calendar of a year is not yet published
    accepted_on: Mapped[date | None] = mapped_column(sa.Date)  # objection: the mark (and suspension) begins
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    suspended_days: Mapped[int | None]  # objection upheld: calendar days the publicity end moved
    reminders: Mapped[int] = mapped_column(default=0)  # 催办
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    events: Mapped[list[SubmissionEvent]] = relationship(
        back_populates="submission", lazy="raise", order_by="SubmissionEvent.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="submission", lazy="raise", order_by="Attachment.id"
    )


class SubmissionEvent(Base):
    """A status change or a remark (from, to, actor, reason, at); append-only."""

    __tablename__ = "submission_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(sa.ForeignKey("submissions.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(16))  # submit | accept | reject | verify | close | remind | note
    from_status: Mapped[SubmissionStatus | None] = mapped_column(enum_column(SubmissionStatus, "event_from"))
    to_status: Mapped[SubmissionStatus] = mapped_column(enum_column(SubmissionStatus, "event_to"))
    actor: Mapped[str] = mapped_column(sa.String(254))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="events", lazy="raise")


class Attachment(Base):
    """A file stored under a random name in UPLOAD_DIR; the original name is only shown, never used on disk."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(sa.ForeignKey("submissions.id"), index=True)
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    original_name: Mapped[str] = mapped_column(sa.String(255))
    mime: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="attachments", lazy="raise")
