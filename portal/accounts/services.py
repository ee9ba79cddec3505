"""Staff accounts: authentication with lockout, creation, loading; each use case commits once."""

from __future__ import annotations

import logging
import re
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from portal.domain import lockout, uscc
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


def authenticate(session: Session, email: str, password: str, *, now: datetime, policy: LoginPolicy) -> User | None:
    """The user when the password is right and the account active and not locked; None otherwise.

    After `max_failures` wrong passwords in a row the account is locked for `lock_minutes` (even the right
    password is refused meanwhile). The answer does not tell which of these happened.
    """
    user = session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None or lockout.is_locked(user.locked_until, now):
        check_password_hash(_DUMMY_HASH, password)
        if user is not None:
            session.add(AuditEntry(actor=user.email, actor_id=user.id, action="login_refused_locked",
                                   target=f"user:{user.id}", at=now))  # fmt: skip
            session.commit()
        return None
    if not check_password_hash(user.password_hash, password):
        user.failed_logins, locked_until = lockout.after_failure(user.failed_logins, now, policy)
        action = "login_failed"
        if locked_until is not None:
            user.locked_until = locked_until
            action = "account_locked"
            log.warning("staff account locked after repeated failures: user=%s", user.id)
        session.add(AuditEntry(actor=user.email, actor_id=user.id, action=action, target=f"user:{user.id}", at=now))
        session.commit()
        return None
    if not user.is_active:
        session.rollback()
        return None
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    session.add(AuditEntry(actor=user.email, actor_id=user.id, action="login", target=f"user:{user.id}", at=now))
    session.commit()
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
                department_uscc=department, session_nonce=secrets.token_hex(8))  # fmt: skip
    session.add(user)
    session.flush()
    session.add(AuditEntry(actor=actor, action="create_user", target=f"user:{user.id}", reason=role.value))
    session.commit()
    return user


def load_user(session: Session, user_id: str) -> User | None:
    """flask-login's loader: "<id>:<nonce>"; a changed nonce (password reset, deactivation) ends old sessions."""
    raw_id, _sep, nonce = (user_id or "").partition(":")
    if not raw_id.isdigit() or not nonce:
        return None
    user = session.get(User, int(raw_id))
    if user is None or not user.is_active or not secrets.compare_digest(user.session_nonce, nonce):
        return None
    return user
