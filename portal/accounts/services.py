"""Staff accounts: authentication with lockout, creation, loading; each use case commits once."""

from __future__ import annotations

import logging
import re
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from portal.accounts import signin
from portal.domain import uscc
from portal.domain.errors import DomainError
from portal.domain.lockout import LoginPolicy
from portal.domain.roles import Role
from portal.models import AuditEntry, User

log = logging.getLogger(__name__)
MIN_PASSWORD = 12
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
# Checked for unknown or locked accounts, so the answer takes the same time whether the account exists or not.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


class AccountError(DomainError):
    code = "account_error"


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


STAFF_AUDIT = signin.Audit("user", success="login", failed="login_failed", locked="account_locked",
                           refused_locked="login_refused_locked", signed_out="logout")  # fmt: skip


def authenticate(session: Session, email: str, password: str, *, now: datetime, policy: LoginPolicy) -> User | None:
    """The user when the password is right and the account active and not locked; None otherwise.

    The rule and its audit are the shared sign-in service's (portal/accounts/signin.py), as for enterprise accounts.
    """
    user = session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if not signin.check_password(session, user, password, now=now, policy=policy, audit=STAFF_AUDIT,
                                 dummy_hash=_DUMMY_HASH):  # fmt: skip
        return None
    assert user is not None  # noqa: S101 - check_password is False for None
    signin.start_generation(session, user, now=now, audit=STAFF_AUDIT)
    return user


def create_user(
    session: Session, email: str, password: str, role: Role, *, department_uscc: str | None = None, actor: str = "cli"
) -> User:
    """A new staff account; raises AccountError (code in `params['reason']`) for a bad value or a duplicate."""
    address = normalize_email(email)
    if not _EMAIL.match(address) or len(address) > 254:
        raise AccountError("电子邮箱无效", reason="email")
    if len(password) < MIN_PASSWORD:
        raise AccountError("密码太短", reason="password", minimum=MIN_PASSWORD)
    department = (department_uscc or "").strip().upper() or None
    if role in (Role.VERIFIER, Role.DEPARTMENT) and department is None:
        raise AccountError("核查员和部门用户须指定所属部门", reason="department_required")
    if department is not None and not uscc.is_well_formed(department):
        raise AccountError("部门统一社会信用代码无效", reason="department")
    if session.scalar(sa.select(User.id).where(User.email == address)) is not None:
        raise AccountError("该电子邮箱已有账号", reason="duplicate")
    user = User(email=address, password_hash=generate_password_hash(password), role=role,
                department_uscc=department, session_nonce=signin.new_generation())  # fmt: skip
    session.add(user)
    session.flush()
    session.add(AuditEntry(actor=actor, action="create_user", target=f"user:{user.id}", reason=role.value))
    session.commit()
    return user


def load_user(session: Session, user_id: str) -> User | None:
    """flask-login's loader: "<id>:<nonce>"; a new nonce (sign-out, password change, deactivation) ends old sessions."""
    return signin.load(session, User, user_id)
