"""Issued credit reports (信用报告): the number, the signed content hash and the content snapshot for /verify."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, enum_column


class ReportVersion(StrEnum):
    PUBLIC = "public"  # public records only, through the presenter: anyone may generate it
    FULL = "full"  # every record of the subject: only for accounts bound to it


class CreditReport(Base):
    """One issued report. `content` is the canonical JSON the HTML and PDF are drawn from (never re-queried),
    `content_hash` its SHA-256 and `signature` an HMAC of number + hash with the signing key.
    """

    __tablename__ = "credit_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    version: Mapped[ReportVersion] = mapped_column(enum_column(ReportVersion, "report_version"))
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("subjects.id"), index=True)
    uscc: Mapped[str | None] = mapped_column(sa.String(18), index=True)
    subject_name: Mapped[str] = mapped_column(sa.String(256))  # as printed (masked for persons in public reports)
    account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("enterprise_accounts.id"))  # full version: who
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_until: Mapped[date] = mapped_column(sa.Date)
    data_as_of: Mapped[datetime] = mapped_column(UTCDateTime())
    record_count: Mapped[int]
    content: Mapped[str] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    signature: Mapped[str] = mapped_column(sa.String(64))
