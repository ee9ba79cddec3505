"""Institutions (banks, guarantors, employers …) registered by the 信用办 for authorised checks, and their API keys.

An institution's key is a department API key (portal/joint/apikeys.py: SHA-256 at rest, shown once) whose
department_uscc is the institution's USCC and whose only scope is `authorised-check`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import uscc as uscc_rules
from portal.domain.errors import DomainError
from portal.domain.text import has_control_chars
from portal.grants.services import SCOPE
from portal.joint.apikeys import TOKEN_PREFIX, token_hash
from portal.models import ApiKey, AuditEntry, Institution

KINDS = ("bank", "guarantor", "employer", "other")


class InstitutionError(DomainError):
    """reason: uscc | name | kind | contact | duplicate | not_found | retired"""

    code = "institution_invalid"


@dataclass(frozen=True, slots=True)
class NewInstitution:
    uscc: str
    name: str
    kind: str
    contact: str


def _text_ok(value: str, limit: int) -> bool:
    return bool(value) and len(value) <= limit and not has_control_chars(value)


def register(session: Session, new: NewInstitution, *, actor: str, actor_id: int | None,
             now: datetime) -> Institution:  # fmt: skip
    code = (new.uscc or "").strip().upper()
    if not uscc_rules.is_valid(code):
        raise InstitutionError("统一社会信用代码无效", reason="uscc")
    if not _text_ok(new.name.strip(), 256):
        raise InstitutionError("请填写机构名称", reason="name")
    if new.kind not in KINDS:
        raise InstitutionError("机构类别无效", reason="kind")
    if not _text_ok(new.contact.strip(), 128):
        raise InstitutionError("请填写联系人", reason="contact")
    if session.scalar(sa.select(Institution.id).where(Institution.uscc == code)) is not None:
        raise InstitutionError("该机构已登记", reason="duplicate")
    institution = Institution(uscc=code, name=new.name.strip(), kind=new.kind, contact=new.contact.strip(),
                              created_by=actor[:254], created_at=now)  # fmt: skip
    session.add(institution)
    session.flush()
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="institution_register",
                           target=f"institution:{institution.id}", reason=code, at=now))  # fmt: skip
    session.commit()
    return institution


def _get(session: Session, institution_id: int) -> Institution:
    found = session.get(Institution, institution_id) if 0 < institution_id < 2**31 else None
    if found is None:
        raise InstitutionError("机构不存在", reason="not_found")
    return found


def issue_key(session: Session, institution_id: int, *, actor: str, actor_id: int | None,
              now: datetime) -> tuple[ApiKey, str]:  # fmt: skip
    """A new `authorised-check` key of the institution and its token, shown once."""
    institution = _get(session, institution_id)
    if institution.retired_at is not None:
        raise InstitutionError("机构已停用", reason="retired")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(department_uscc=institution.uscc, department_name=institution.name[:256],
                 label=f"授权查询：{institution.name}"[:128], prefix=token[:12], token_hash=token_hash(token),
                 scopes=SCOPE, created_at=now, created_by=actor[:254])  # fmt: skip
    session.add(key)
    session.flush()
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="api_key_create", target=f"api_key:{key.id}",
                           reason=f"institution:{institution.id} {SCOPE}", at=now))  # fmt: skip
    session.commit()
    return key, token


def retire(session: Session, institution_id: int, *, actor: str, actor_id: int | None, now: datetime) -> None:
    """No new grants and no checks from now on; the institution's keys are revoked."""
    institution = _get(session, institution_id)
    if institution.retired_at is not None:
        return
    institution.retired_at = now
    for key in session.scalars(sa.select(ApiKey).where(ApiKey.department_uscc == institution.uscc,
                                                       ApiKey.revoked_at.is_(None))):  # fmt: skip
        key.revoked_at, key.revoked_by = now, actor[:254]
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="institution_retire",
                           target=f"institution:{institution.id}", at=now))  # fmt: skip
    session.commit()


@dataclass(frozen=True, slots=True)
class Row:
    institution: Institution
    keys: list[ApiKey]


def listing(session: Session) -> list[Row]:
    institutions = list(session.scalars(sa.select(Institution).order_by(Institution.retired_at.is_not(None),
                                                                        Institution.name)))  # fmt: skip
    keys: dict[str, list[ApiKey]] = {}
    usccs = [i.uscc for i in institutions]
    if usccs:
        for key in session.scalars(sa.select(ApiKey).where(ApiKey.department_uscc.in_(usccs)).order_by(ApiKey.id)):
            if SCOPE in key.scopes.split():
                keys.setdefault(key.department_uscc, []).append(key)
    return [Row(i, keys.get(i.uscc, [])) for i in institutions]
