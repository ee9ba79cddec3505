"""Special credit reports (专项信用报告, DOMAIN §22) and the department → area (领域) table admins edit."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.special import Area, Purpose
from portal.models.base import Base, UTCDateTime, enum_column, utcnow


class DepartmentArea(Base):
    """An admin's choice of the area of one department (by USCC); departments not listed are guessed by name."""

    __tablename__ = "department_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_uscc: Mapped[str] = mapped_column(sa.String(18), unique=True)
    area: Mapped[Area] = mapped_column(enum_column(Area, "special_area"))
    changed_by: Mapped[str] = mapped_column(sa.String(254))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SpecialReport(Base):
    """One issued special report. As a credit report (portal/models/report.py): `content` is the canonical JSON
    snapshot the HTML, the PDF and /verify draw, `content_hash` its SHA-256, `signature` an HMAC of number + hash;
    the 核验码 is an HMAC of the number and is never stored. One report per subject, period and area set per
    China day (the unique constraint), so a second request that day gets the first one back.
    """

    __tablename__ = "special_reports"
    __table_args__ = (sa.UniqueConstraint("uscc", "period_start", "period_end", "areas", "issued_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    subject_id: Mapped[int | None] = mapped_column(sa.ForeignKey("subjects.id"), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18))
    subject_name: Mapped[str] = mapped_column(sa.String(256))
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprise_accounts.id"), index=True)
    period_start: Mapped[date] = mapped_column(sa.Date)
    period_end: Mapped[date] = mapped_column(sa.Date)
    areas: Mapped[str] = mapped_column(sa.String(256))  # portal.domain.special.areas_key
    purpose: Mapped[Purpose] = mapped_column(enum_column(Purpose, "special_purpose"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    issued_on: Mapped[date] = mapped_column(sa.Date)  # China date of issue
    data_as_of: Mapped[datetime] = mapped_column(UTCDateTime())
    record_count: Mapped[int]
    content: Mapped[str] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    signature: Mapped[str] = mapped_column(sa.String(64))
