"""联合奖惩: measure revisions, credit checks (信用核查) with their subjects and hits, 执行反馈, department API keys."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow
from portal.models.listing import ListEntry

# The changes feed for downstream sync reads list entries by their last change (GET /api/v1/joint/changes).
sa.Index("ix_list_entries_updated_at", ListEntry.updated_at)


class MeasureRevision(Base):
    """A measure's values at one version (created, edited, retired, imported): the catalogue's history."""

    __tablename__ = "measure_revisions"
    __table_args__ = (sa.UniqueConstraint("measure_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("measures.id"), index=True)
    version: Mapped[int]
    action: Mapped[str] = mapped_column(sa.String(16))  # create | edit | retire | restore | import
    data: Mapped[str] = mapped_column(sa.Text)  # JSON of the values at this version
    actor: Mapped[str] = mapped_column(sa.String(254))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApiKey(Base):
    """A department's API key: only the SHA-256 of the token is stored; the token is shown once."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18), index=True)
    department_name: Mapped[str] = mapped_column(sa.String(256))
    label: Mapped[str] = mapped_column(sa.String(128))
    prefix: Mapped[str] = mapped_column(sa.String(16))  # first characters, to recognise a key in lists and logs
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scopes: Mapped[str] = mapped_column(sa.String(128))  # space-separated: check feedback changes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(sa.String(254))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(sa.String(254))
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CreditCheck(Base):
    """One 信用核查 (single or batch) by a department before an act, with its purpose (logged, DOMAIN §11)."""

    __tablename__ = "credit_checks"
    __table_args__ = (sa.Index("ix_credit_checks_department", "department_uscc", "checked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18))
    department_name: Mapped[str] = mapped_column(sa.String(256))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    api_key_id: Mapped[int | None] = mapped_column(sa.ForeignKey("api_keys.id"))
    actor: Mapped[str] = mapped_column(sa.String(254))  # staff e-mail or "apikey:<prefix>"
    channel: Mapped[str] = mapped_column(sa.String(8))  # web | api
    is_batch: Mapped[bool] = mapped_column(default=False)
    act: Mapped[str] = mapped_column(sa.String(32))
    purpose: Mapped[str] = mapped_column(sa.Text)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    checked_on: Mapped[date] = mapped_column(sa.Date)  # China date of the check
    feedback_due_on: Mapped[date] = mapped_column(sa.Date)
    subjects: Mapped[int] = mapped_column(default=0)  # lines checked (invalid ones included)
    invalid: Mapped[int] = mapped_column(default=0)
    found: Mapped[int] = mapped_column(default=0)
    hits: Mapped[int] = mapped_column(default=0)  # list entries found on the checked subjects
    feedback_done: Mapped[int] = mapped_column(default=0)  # hits with feedback
    feedback_completed_on: Mapped[date | None] = mapped_column(sa.Date)  # the day the last hit got feedback


class CheckedSubject(Base):
    """One line of a check: what was entered, whether it was valid and found, and the public counts then."""

    __tablename__ = "checked_subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("credit_checks.id"), index=True)
    line_no: Mapped[int]
    query: Mapped[str] = mapped_column(sa.String(256))  # as entered (USCC or organisation name)
    outcome: Mapped[str] = mapped_column(sa.String(16))  # found | not_found | invalid | ambiguous
    message: Mapped[str | None] = mapped_column(sa.String(256))
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("subjects.id"))
    uscc: Mapped[str | None] = mapped_column(sa.String(18))
    name: Mapped[str | None] = mapped_column(sa.String(256))  # public (masked) name at the time of the check
    penalties: Mapped[int] = mapped_column(default=0)  # public penalties then
    permits: Mapped[int] = mapped_column(default=0)
    hits: Mapped[int] = mapped_column(default=0)


class CheckHit(Base):
    """A public list entry found on a checked subject, with the measures that applied to the act then."""

    __tablename__ = "check_hits"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("credit_checks.id"), index=True)
    checked_subject_id: Mapped[int] = mapped_column(sa.ForeignKey("checked_subjects.id"), index=True)
    list_entry_id: Mapped[int] = mapped_column(sa.ForeignKey("list_entries.id"))
    category: Mapped[str] = mapped_column(sa.String(16))
    list_name: Mapped[str] = mapped_column(sa.String(256))
    listed_on: Mapped[date] = mapped_column(sa.Date)
    recognised_by: Mapped[str] = mapped_column(sa.String(256))
    suspended: Mapped[bool] = mapped_column(default=False)  # under objection: punishment not executed (§7)
    measure_ids: Mapped[str] = mapped_column(sa.Text, default="")  # "id:mode,…" of the measures that applied
    mandatory: Mapped[int] = mapped_column(default=0)
    recommended: Mapped[int] = mapped_column(default=0)


class CheckNote(Base):
    """A public record of another kind found on a checked subject (issue 16), kept as it was shown then: a 行政强制
    or a 违诺 for the department's 失信惩戒 review, an honour for 守信激励. Information only: no measure applies."""

    __tablename__ = "check_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("credit_checks.id"), index=True)
    checked_subject_id: Mapped[int] = mapped_column(sa.ForeignKey("checked_subjects.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))  # the record kind (portal/kinds.py)
    record_id: Mapped[int]
    role: Mapped[str] = mapped_column(sa.String(16))  # discipline | incentive (KindSpec.joint_role)
    title: Mapped[str] = mapped_column(sa.String(512))  # 文号 or name, as the public page shows it
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    day: Mapped[date] = mapped_column(sa.Date)
    authority: Mapped[str] = mapped_column(sa.String(256))


class CheckFeedback(Base):
    """执行反馈 on one hit: applied / not applicable / not applied, with the reason; one per hit."""

    __tablename__ = "check_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    hit_id: Mapped[int] = mapped_column(sa.ForeignKey("check_hits.id"), unique=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("credit_checks.id"), index=True)
    outcome: Mapped[str] = mapped_column(sa.String(16))
    measure_id: Mapped[int | None] = mapped_column(sa.ForeignKey("measures.id"))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    actor: Mapped[str] = mapped_column(sa.String(254))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered_on: Mapped[date] = mapped_column(sa.Date)
