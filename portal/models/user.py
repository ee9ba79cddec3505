"""Staff accounts of the back office (UserMixin); roles are in portal/domain/roles.py."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.roles import Role
from portal.models.base import Base, TimestampMixin, UTCDateTime, enum_column


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-cased
    password_hash: Mapped[str] = mapped_column(sa.String(256))  # werkzeug scrypt, never the password
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"))
    department_uscc: Mapped[str | None] = mapped_column(sa.String(18), index=True)  # verifiers: their department
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Changing it ends every session of the account (flask-login's alternative id, see get_id).
    session_nonce: Mapped[str] = mapped_column(sa.String(32))
    # Set when an administrator chose the password (new account, reset): the owner must replace it first.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    is_active: Mapped[bool] = mapped_column(default=True)  # type: ignore[assignment]  # UserMixin's property

    def get_id(self) -> str:
        return f"{self.id}:{self.session_nonce}"
