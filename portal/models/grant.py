"""Authorised checks (授权查询, DOMAIN §23): institutions, the grants subjects give them, and every check made."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime, utcnow


class Institution(Base):
    """A bank, guarantor, employer … registered by the 信用办; it calls the API with keys of the
    `authorised-check` scope (ApiKey rows whose department_uscc is the institution's USCC)."""

    __tablename__ = "institutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    uscc: Mapped[str] = mapped_column(sa.String(18), unique=True)
    name: Mapped[str] = mapped_column(sa.String(256))
    kind: Mapped[str] = mapped_column(sa.String(16))  # bank | guarantor | employer | other
    contact: Mapped[str] = mapped_column(sa.String(128))
    created_by: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # no new grants, no checks


class AccessGrant(Base):
    """A subject's authorisation of one institution, for a purpose, from valid_from to valid_until (inclusive,
    China dates). Only an HMAC of the grant code is stored; the code is shown once to the subject."""

    __tablename__ = "access_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(sa.ForeignKey("subjects.id"), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18))
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprise_accounts.id"), index=True)
    institution_id: Mapped[int] = mapped_column(sa.ForeignKey("institutions.id"), index=True)
    purpose: Mapped[str] = mapped_column(sa.String(200))
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date] = mapped_column(sa.Date)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    code_hint: Mapped[str] = mapped_column(sa.String(8))  # last 4 characters, to tell grants apart in lists
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuthorisedCheck(Base):
    """One check by an institution that presented this grant's code for its subject (granted or refused because
    the grant had expired or was revoked); listed to the subject."""

    __tablename__ = "authorised_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(sa.ForeignKey("access_grants.id"), index=True)
    api_key_id: Mapped[int | None] = mapped_column(sa.ForeignKey("api_keys.id"))
    outcome: Mapped[str] = mapped_column(sa.String(16))  # granted | expired | revoked | not_yet
    output: Mapped[str] = mapped_column(sa.String(8))  # json | pdf
    report_no: Mapped[str | None] = mapped_column(sa.String(32))  # the full report issued for a PDF check
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
