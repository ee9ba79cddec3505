"""Department API keys: created and revoked by an administrator, shown once, stored as SHA-256, scoped."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import uscc
from portal.domain.errors import DomainError
from portal.domain.text import has_control_chars
from portal.joint.checks import department_name
from portal.models import ApiKey, AuditEntry

SCOPES = ("check", "feedback", "changes", "push")  # push: records of data-standard §15
TOKEN_PREFIX = "jlk_"  # noqa: S105 - a public marker of our keys, not a secret
MAX_TOKEN = 128


class ApiKeyError(DomainError):
    code = "invalid_api_key"


def token_hash(token: str) -> str:
    """SHA-256 of the token: 256 random bits need no slow hash, and lookup by hash stays an index seek."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def create_key(
    session: Session,
    department_uscc: str,
    label: str,
    scopes: Sequence[str],
    *,
    actor: str,
    actor_id: int | None,
    now: datetime,
) -> tuple[ApiKey, str]:
    """A new key and its token (the only time the token exists outside the client); raises ApiKeyError."""
    department = (department_uscc or "").strip().upper()
    if not uscc.is_well_formed(department):
        raise ApiKeyError("部门统一社会信用代码无效", reason="department")
    label = (label or "").strip()
    if not label or len(label) > 128 or has_control_chars(label):
        raise ApiKeyError("请填写密钥用途说明（不超过128字）", reason="label")
    chosen = sorted(set(scopes))
    if not chosen or any(s not in SCOPES for s in chosen):
        raise ApiKeyError("请选择有效的权限范围", reason="scopes")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        department_uscc=department,
        department_name=department_name(session, department),
        label=label,
        prefix=token[:12],
        token_hash=token_hash(token),
        scopes=" ".join(chosen),
        created_at=now,
        created_by=actor[:254],
    )
    session.add(key)
    session.flush()
    session.add(
        AuditEntry(
            actor=actor[:254],
            actor_id=actor_id,
            action="api_key_create",
            target=f"api_key:{key.id}",
            reason=f"{department} {key.scopes}",
            at=now,
        )
    )
    session.commit()
    return key, token


def revoke_key(session: Session, key_id: int, *, actor: str, actor_id: int | None, now: datetime) -> ApiKey:
    key = session.get(ApiKey, key_id) if 0 < key_id <= 2**31 - 1 else None
    if key is None:
        raise ApiKeyError("密钥不存在", reason="not_found")
    if key.revoked_at is None:
        key.revoked_at, key.revoked_by = now, actor[:254]
        session.add(
            AuditEntry(
                actor=actor[:254], actor_id=actor_id, action="api_key_revoke", target=f"api_key:{key.id}", at=now
            )
        )
        session.commit()
    return key


def authenticate(session: Session, token: str) -> ApiKey | None:
    """The active key of this token, or None (unknown, malformed or revoked)."""
    if not token or len(token) > MAX_TOKEN or not token.startswith(TOKEN_PREFIX):
        return None
    key = session.scalar(sa.select(ApiKey).where(ApiKey.token_hash == token_hash(token)))
    if key is None or key.revoked_at is not None:
        return None
    return key


def has_scope(key: ApiKey, scope: str) -> bool:
    return scope in key.scopes.split()


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(sa.select(ApiKey).order_by(ApiKey.revoked_at.is_not(None), ApiKey.id.desc())))
