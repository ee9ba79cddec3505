"""One sign-in service for staff and enterprise accounts: password check with lockout, audit, session generation.

Both account tables have the same sign-in columns (password_hash, failed_logins, locked_until, last_login_at,
is_active, session_nonce); what differs is only the audit vocabulary and the flask-login id prefix. The lockout
rule itself is portal/domain/lockout.py.

`session_nonce` is the server-side session generation: flask-login's id is "<id>:<nonce>", so a new nonce makes
every cookie issued before it load no user. Sign-out, a password change or reset and deactivation rotate it.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from portal.domain import lockout
from portal.domain.lockout import LoginPolicy
from portal.models import AuditEntry

log = logging.getLogger(__name__)

__all__ = ["Audit", "LoginPolicy", "SignInAccount", "check_password", "end_generation", "load", "new_generation",
           "start_generation"]  # fmt: skip


Account = TypeVar("Account", bound="SignInAccount")


class SignInAccount(Protocol):
    id: int
    email: str
    password_hash: str
    failed_logins: int
    locked_until: datetime | None
    last_login_at: datetime | None
    session_nonce: str
    is_active: bool


@dataclass(frozen=True, slots=True)
class Audit:
    """Audit action names and target of one kind of account (kept as they were before the merge)."""

    target_prefix: str  # "user" | "enterprise"
    success: str
    failed: str
    locked: str
    refused_locked: str
    signed_out: str
    actor_id: bool = True  # staff entries carry the user id; enterprise ids are another table's

    def entry(self, account: SignInAccount, action: str, now: datetime) -> AuditEntry:
        return AuditEntry(actor=account.email, actor_id=account.id if self.actor_id else None, action=action,
                          target=f"{self.target_prefix}:{account.id}", at=now)  # fmt: skip


def new_generation() -> str:
    return secrets.token_hex(8)


def check_password(session: Session, account: SignInAccount | None, password: str, *, now: datetime,
                   policy: LoginPolicy, audit: Audit, dummy_hash: str) -> bool:  # fmt: skip
    """True when the password is right and the account active and not locked (failures reset, last login set).

    After `max_failures` wrong passwords in a row the account is locked for `lock_minutes` (even the right password
    is refused meanwhile). The answer does not tell which of these happened. Commits what it records; on a right
    password it leaves the success to the caller (which may still refuse, e.g. an unconfirmed e-mail) and commit.
    """
    if account is None or lockout.is_locked(account.locked_until, now):
        check_password_hash(dummy_hash, password)
        if account is not None:
            session.add(audit.entry(account, audit.refused_locked, now))
            session.commit()
        return False
    if not check_password_hash(account.password_hash, password):
        account.failed_logins, locked_until = lockout.after_failure(account.failed_logins, now, policy)
        action = audit.failed
        if locked_until is not None:
            account.locked_until = locked_until
            action = audit.locked
            log.warning("account locked after repeated failures: %s:%s", audit.target_prefix, account.id)
        session.add(audit.entry(account, action, now))
        session.commit()
        return False
    if not account.is_active:
        session.rollback()
        return False
    return True


def start_generation(session: Session, account: SignInAccount, *, now: datetime, audit: Audit) -> None:
    """Records a successful sign-in and commits."""
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
    session.add(audit.entry(account, audit.success, now))
    session.commit()


def end_generation(session: Session, account: SignInAccount, *, now: datetime, audit: Audit) -> None:
    """Sign-out: a new session generation, so a copy of the old cookie no longer signs anyone in. Commits."""
    account.session_nonce = new_generation()
    session.add(audit.entry(account, audit.signed_out, now))
    session.commit()


def load(session: Session, model: type[Account], ident: str) -> Account | None:
    """flask-login's loader for "<id>:<nonce>" (the prefix already removed): None for an inactive account or a
    cookie of an earlier session generation."""
    raw_id, _sep, nonce = (ident or "").partition(":")
    if not raw_id.isdigit() or len(raw_id) > 10 or not nonce:
        return None
    account = session.get(model, int(raw_id))
    if account is None or not account.is_active or not secrets.compare_digest(account.session_nonce, nonce):
        return None
    return account
