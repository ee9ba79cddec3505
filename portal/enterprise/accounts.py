"""Enterprise account use cases: register, confirm the e-mail, sign in with lockout, reset the password.

Tokens are itsdangerous signatures with their own salts and a time limit. A reset token carries a fingerprint of
the current password hash, so it stops working as soon as it has been used (the hash changes): single use
without a token table. Answers never tell whether an e-mail address has an account.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts.services import MIN_PASSWORD, LoginPolicy, normalize_email
from portal.domain import lockout
from portal.domain.errors import DomainError
from portal.models import AuditEntry
from portal.models.enterprise import ENTERPRISE_ID_PREFIX, EnterpriseAccount

log = logging.getLogger(__name__)
CONFIRM_SALT = "enterprise-confirm-email"
RESET_SALT = "enterprise-password-reset"
CONFIRM_MAX_AGE = 3 * 24 * 3600
RESET_MAX_AGE = 3600
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


class AccountError(DomainError):
    """`code`: bad_token, expired_token, weak_password."""

    code = "account_error"


@dataclass(frozen=True, slots=True)
class Registration:
    account: EnterpriseAccount | None  # None: the address already had an account (nothing was created)
    existing: EnterpriseAccount | None = None


def register(session: Session, email: str, password: str, contact_name: str, *, now: datetime) -> Registration:
    """A new, unconfirmed account; an address already registered creates nothing (the route answers the same)."""
    address = normalize_email(email)
    if len(password) < MIN_PASSWORD:
        raise AccountError("密码太短", reason="weak_password")
    existing = session.scalar(sa.select(EnterpriseAccount).where(EnterpriseAccount.email == address))
    if existing is not None:
        return Registration(None, existing)
    account = EnterpriseAccount(email=address, password_hash=generate_password_hash(password),
                                contact_name=contact_name, session_nonce=secrets.token_hex(8),
                                created_at=now, updated_at=now)  # fmt: skip
    session.add(account)
    session.flush()
    session.add(AuditEntry(actor=address, action="enterprise_register", target=f"enterprise:{account.id}", at=now))
    session.commit()
    return Registration(account)


def _serializer(secret: str, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=salt)


def _fingerprint(account: EnterpriseAccount) -> str:
    return hashlib.sha256(account.password_hash.encode()).hexdigest()[:16]


def confirmation_token(secret: str, account: EnterpriseAccount) -> str:
    return _serializer(secret, CONFIRM_SALT).dumps({"a": account.id, "e": account.email})


def reset_token(secret: str, account: EnterpriseAccount) -> str:
    return _serializer(secret, RESET_SALT).dumps({"a": account.id, "p": _fingerprint(account)})


def _load(secret: str, salt: str, token: str, max_age: int) -> dict[str, object]:
    try:
        data = _serializer(secret, salt).loads(token, max_age=max_age)
    except SignatureExpired:
        raise AccountError("链接已过期", reason="expired_token") from None
    except BadSignature:
        raise AccountError("链接无效", reason="bad_token") from None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        raise AccountError("链接无效", reason="bad_token")
    return data


def confirm(session: Session, secret: str, token: str, *, now: datetime, max_age: int = CONFIRM_MAX_AGE) -> (
    EnterpriseAccount
):
    """Marks the e-mail as confirmed (again is harmless); raises AccountError for a bad or expired link."""
    data = _load(secret, CONFIRM_SALT, token, max_age)
    account = session.get(EnterpriseAccount, data["a"])
    if account is None or account.email != data.get("e"):
        raise AccountError("链接无效", reason="bad_token")
    if account.confirmed_at is None:
        account.confirmed_at = now
        session.add(AuditEntry(actor=account.email, action="enterprise_confirm", target=f"enterprise:{account.id}",
                               at=now))  # fmt: skip
    session.commit()
    return account


def find_by_email(session: Session, email: str) -> EnterpriseAccount | None:
    return session.scalar(sa.select(EnterpriseAccount).where(EnterpriseAccount.email == normalize_email(email)))


def account_for_reset(session: Session, secret: str, token: str, *, max_age: int = RESET_MAX_AGE) -> (
    EnterpriseAccount
):
    """The account a reset link is for; raises AccountError when it is forged, expired or already used."""
    data = _load(secret, RESET_SALT, token, max_age)
    account = session.get(EnterpriseAccount, data["a"])
    if account is None or not secrets.compare_digest(_fingerprint(account), str(data.get("p", ""))):
        raise AccountError("链接无效或已使用", reason="bad_token")
    return account


def reset_password(session: Session, secret: str, token: str, password: str, *, now: datetime,
                   max_age: int = RESET_MAX_AGE) -> EnterpriseAccount:  # fmt: skip
    """Sets the new password, ends every other session and unlocks; the link cannot be used a second time."""
    account = account_for_reset(session, secret, token, max_age=max_age)
    if len(password) < MIN_PASSWORD:
        raise AccountError("密码太短", reason="weak_password")
    account.password_hash = generate_password_hash(password)
    account.session_nonce = secrets.token_hex(8)
    account.failed_logins, account.locked_until = 0, None
    account.confirmed_at = account.confirmed_at or now  # the link reached the mailbox: the address is proven
    session.add(AuditEntry(actor=account.email, action="enterprise_password_reset",
                           target=f"enterprise:{account.id}", at=now))  # fmt: skip
    session.commit()
    return account


@dataclass(frozen=True, slots=True)
class SignIn:
    account: EnterpriseAccount | None
    unconfirmed: bool = False  # right password, e-mail not confirmed yet


def authenticate(session: Session, email: str, password: str, *, now: datetime, policy: LoginPolicy) -> SignIn:
    """As the staff login: `max_failures` wrong passwords in a row lock the account for `lock_minutes`."""
    account = find_by_email(session, email)
    if account is None or lockout.is_locked(account.locked_until, now):
        check_password_hash(_DUMMY_HASH, password)
        return SignIn(None)
    if not check_password_hash(account.password_hash, password):
        account.failed_logins, locked_until = lockout.after_failure(account.failed_logins, now, policy)
        action = "enterprise_login_failed"
        if locked_until is not None:
            account.locked_until = locked_until
            action = "enterprise_account_locked"
            log.warning("enterprise account locked after repeated failures: account=%s", account.id)
        session.add(AuditEntry(actor=account.email, action=action, target=f"enterprise:{account.id}", at=now))
        session.commit()
        return SignIn(None)
    if not account.is_active:
        session.rollback()
        return SignIn(None)
    if account.confirmed_at is None:
        session.rollback()
        return SignIn(None, unconfirmed=True)
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
    session.add(AuditEntry(actor=account.email, action="enterprise_login", target=f"enterprise:{account.id}", at=now))
    session.commit()
    return SignIn(account)


def load_account(session: Session, user_id: str) -> EnterpriseAccount | None:
    """flask-login loader for ids "e<id>:<nonce>"; a password reset changes the nonce and ends old sessions."""
    raw_id, _sep, nonce = (user_id or "").removeprefix(ENTERPRISE_ID_PREFIX).partition(":")
    if not raw_id.isdigit() or not nonce:
        return None
    account = session.get(EnterpriseAccount, int(raw_id))
    if account is None or not account.is_active or not secrets.compare_digest(account.session_nonce, nonce):
        return None
    return account
