"""Administrators manage staff accounts; every staff member changes their own password. Each use case commits once.

A password chosen for someone else (a new account, a reset) is random, shown once to the administrator, and must be
replaced by its owner at the next sign-in. Changing a password or deactivating an account rotates the session
nonce, which ends every open session of that account (see User.get_id).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from portal.accounts import services
from portal.accounts.services import MIN_PASSWORD, AccountError
from portal.domain.roles import Role
from portal.models import AuditEntry, User

# No 0/O, 1/l/I: the administrator may have to read the password out over the phone.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_LENGTH = 16


@dataclass(frozen=True, slots=True)
class Admin:
    """Who acts: the signed-in administrator (kept apart from the ORM row so services stay testable)."""

    id: int
    email: str


def temporary_password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(TEMPORARY_LENGTH))


def staff_accounts(session: Session) -> list[User]:
    return list(session.scalars(sa.select(User).order_by(User.is_active.desc(), User.email)))


def create_account(session: Session, email: str, role: Role, department_uscc: str | None, *,
                   admin: Admin) -> tuple[User, str]:  # fmt: skip
    """A new account with a temporary password (returned once, never stored in clear)."""
    password = temporary_password()
    user = services.create_user(session, email, password, role, department_uscc=department_uscc, actor=admin.email)
    user.must_change_password = True
    session.commit()
    return user, password


def _account(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise AccountError("账号不存在", reason="unknown")
    return user


def _audit(session: Session, admin: Admin, action: str, user: User, now: datetime, reason: str | None = None) -> None:
    session.add(AuditEntry(actor=admin.email, actor_id=admin.id, action=action, target=f"user:{user.id}",
                           reason=reason, at=now))  # fmt: skip


def set_active(session: Session, user_id: int, active: bool, *, admin: Admin, now: datetime) -> User:
    user = _account(session, user_id)
    if user.id == admin.id and not active:
        raise AccountError("不能停用自己的账号", reason="self")
    user.is_active = active
    if not active:
        user.session_nonce = secrets.token_hex(8)  # signs the account out everywhere
    _audit(session, admin, "activate_user" if active else "deactivate_user", user, now)
    session.commit()
    return user


def unlock(session: Session, user_id: int, *, admin: Admin, now: datetime) -> User:
    user = _account(session, user_id)
    user.locked_until, user.failed_logins = None, 0
    _audit(session, admin, "unlock_user", user, now)
    session.commit()
    return user


def reset_password(session: Session, user_id: int, *, admin: Admin, now: datetime) -> tuple[User, str]:
    """A new temporary password for someone who forgot theirs; their open sessions end."""
    user = _account(session, user_id)
    password = temporary_password()
    user.password_hash = services.generate_password_hash(password)
    user.must_change_password = True
    user.session_nonce = secrets.token_hex(8)
    user.locked_until, user.failed_logins = None, 0
    _audit(session, admin, "reset_password", user, now)
    session.commit()
    return user, password


def change_own_password(session: Session, user: User, current: str, new: str, *, now: datetime) -> User:
    """The owner replaces their password; raises AccountError(reason=wrong_current|too_short|unchanged)."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError("当前密码不正确", reason="wrong_current")
    if len(new) < MIN_PASSWORD:
        raise AccountError("密码太短", reason="too_short", minimum=MIN_PASSWORD)
    if check_password_hash(user.password_hash, new):
        raise AccountError("新密码不能与当前密码相同", reason="unchanged")
    user.password_hash = services.generate_password_hash(new)
    user.must_change_password = False
    user.session_nonce = secrets.token_hex(8)  # other sessions end; the caller signs this one in again
    session.add(AuditEntry(actor=user.email, actor_id=user.id, action="change_password", target=f"user:{user.id}",
                           at=now))  # fmt: skip
    session.commit()
    return user
