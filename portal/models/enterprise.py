"""Enterprise (and other organisation) user accounts and their bindings to a subject, with the proof documents.

Kept apart from the staff `User` so that staff roles never apply to a company's account (and vice versa).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, TimestampMixin, UTCDateTime, enum_column, utcnow

ENTERPRISE_ID_PREFIX = "e"  # flask-login ids "e<id>:<nonce>"; staff ids are "<id>:<nonce>"


class EnterpriseAccount(UserMixin, TimestampMixin, Base):
    __tablename__ = "enterprise_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(sa.String(256))  # werkzeug scrypt
    contact_name: Mapped[str] = mapped_column(sa.String(64))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    session_nonce: Mapped[str] = mapped_column(sa.String(32))  # changed by a password reset: old sessions end
    is_active: Mapped[bool] = mapped_column(default=True)  # type: ignore[assignment]  # UserMixin's property

    bindings: Mapped[list[SubjectBinding]] = relationship(back_populates="account", lazy="raise")

    # Staff checks (role_required) read `role`: an enterprise account has none, so every staff route says 403.
    role = None
    is_enterprise = True

    def get_id(self) -> str:
        return f"{ENTERPRISE_ID_PREFIX}{self.id}:{self.session_nonce}"


class BindingStatus(StrEnum):
    PENDING = "pending"  # waiting for staff review of the uploaded proof
    APPROVED = "approved"
    REJECTED = "rejected"
    REVOKED = "revoked"  # was approved, ended by staff (or the account) with a reason


class SubjectBinding(TimestampMixin, Base):
    """A claim of an account to act for the subject with this USCC; only an approved binding gives access."""

    __tablename__ = "subject_bindings"
    __table_args__ = (sa.Index("ix_subject_bindings_uscc_status", "uscc", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprise_accounts.id"), index=True)
    uscc: Mapped[str] = mapped_column(sa.String(18))
    claimed_name: Mapped[str] = mapped_column(sa.String(256))  # name as on the 营业执照
    applicant_name: Mapped[str] = mapped_column(sa.String(64))  # 经办人
    applicant_phone: Mapped[str] = mapped_column(sa.String(32))
    status: Mapped[BindingStatus] = mapped_column(enum_column(BindingStatus, "binding_status"), index=True)
    # Other accounts already held an approved binding for this USCC when the claim came in: staff must look closely.
    is_contested: Mapped[bool] = mapped_column(default=False)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)

    account: Mapped[EnterpriseAccount] = relationship(back_populates="bindings", lazy="raise")
    documents: Mapped[list[BindingDocument]] = relationship(
        back_populates="binding", lazy="raise", order_by="BindingDocument.id"
    )


class BindingDocument(Base):
    """营业执照 or 授权委托书, stored under a random name in UPLOAD_DIR (portal/submissions/uploads.py)."""

    __tablename__ = "binding_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    binding_id: Mapped[int] = mapped_column(sa.ForeignKey("subject_bindings.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))  # licence | authorisation
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    original_name: Mapped[str] = mapped_column(sa.String(255))
    mime: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    binding: Mapped[SubjectBinding] = relationship(back_populates="documents", lazy="raise")
