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
from werkzeug.security import generate_password_hash

from portal.accounts import signin
from portal.accounts.services import MIN_PASSWORD, LoginPolicy, normalize_email
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
                                contact_name=contact_name, session_nonce=signin.new_generation(),
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
    account.session_nonce = signin.new_generation()
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


ENTERPRISE_AUDIT = signin.Audit("enterprise", success="enterprise_login", failed="enterprise_login_failed",
                                locked="enterprise_account_locked", refused_locked="enterprise_login_refused_locked",
                                signed_out="enterprise_logout", actor_id=False)  # fmt: skip


def authenticate(session: Session, email: str, password: str, *, now: datetime, policy: LoginPolicy) -> SignIn:
    """The staff sign-in service (portal/accounts/signin.py) with one more rule: a confirmed e-mail address."""
    account = find_by_email(session, email)
    if not signin.check_password(session, account, password, now=now, policy=policy, audit=ENTERPRISE_AUDIT,
                                 dummy_hash=_DUMMY_HASH):  # fmt: skip
        return SignIn(None)
    assert account is not None  # noqa: S101 - check_password is False for None
    if account.confirmed_at is None:
        session.rollback()
        return SignIn(None, unconfirmed=True)
    signin.start_generation(session, account, now=now, audit=ENTERPRISE_AUDIT)
    return SignIn(account)


def load_account(session: Session, user_id: str) -> EnterpriseAccount | None:
    """flask-login loader for ids "e<id>:<nonce>"; sign-out and a password reset change the nonce (old sessions end)."""
    return signin.load(session, EnterpriseAccount, user_id.removeprefix(ENTERPRISE_ID_PREFIX))
