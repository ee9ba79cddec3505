"""Use cases of authorised checks (授权查询, DOMAIN §23): a subject grants an institution access to its full record
for a purpose and a period; the institution checks with the grant code; every check is logged for the subject.

The grant code is shown once and stored only as an HMAC under the signing key, so a copy of the database does not
give working codes. A check resolves to a grant only when the code, the subject and the institution all fit and
the grant is in force; anything else is answered exactly like no grant at all (the public view), so a wrong
subject, a wrong code, a revoked and an expired grant cannot be told apart by the institution.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.errors import DomainError
from portal.domain.kinds import SubjectKind
from portal.domain.text import has_control_chars
from portal.models import AccessGrant, ApiKey, AuditEntry, AuthorisedCheck, Institution, Subject
from portal.models.enterprise import BindingStatus, EnterpriseAccount, SubjectBinding

log = logging.getLogger(__name__)
SCOPE = "authorised-check"
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # typed from paper: no 0/O, 1/I
CODE_RE = re.compile(r"^SQ[2-9A-HJ-NP-Z]{16}$")
MAX_DAYS = 366  # a grant lasts at most a year; a new one is easy to give
MAX_ACTIVE = 20
MAX_PURPOSE = 200
MAX_CODE = 64  # longest code text a check accepts (a code is 18 characters plus dashes and spaces)


class GrantError(DomainError):
    """A grant cannot be given or changed (reason: purpose | period | institution | subject | duplicate |
    too_many | not_found)."""

    code = "grant_invalid"


@dataclass(frozen=True, slots=True)
class NewGrant:
    institution_id: int
    purpose: str
    valid_from: date
    valid_until: date


def normalize_code(value: str | None) -> str:
    return re.sub(r"[\s-]+", "", value or "").upper()[:64]


def format_code(code: str) -> str:
    return "SQ-" + "-".join(code[i : i + 4] for i in range(2, len(code), 4))


def code_hash(key: str, code: str) -> str:
    return hmac.new(key.encode(), f"grant-code|{normalize_code(code)}".encode(), hashlib.sha256).hexdigest()


def bound_subject(session: Session, account_id: int, binding_id: int) -> tuple[SubjectBinding, Subject | None] | None:
    """The account's approved binding and its subject (None when the platform holds nothing on it), else None."""
    binding = session.get(SubjectBinding, binding_id)
    if binding is None or binding.account_id != account_id or binding.status is not BindingStatus.APPROVED:
        return None
    return binding, session.scalar(sa.select(Subject).where(Subject.uscc == binding.uscc))


def active_institutions(session: Session) -> list[Institution]:
    return list(
        session.scalars(sa.select(Institution).where(Institution.retired_at.is_(None)).order_by(Institution.name))
    )


def in_force(grant: AccessGrant, today: date) -> bool:
    return grant.revoked_at is None and grant.valid_from <= today <= grant.valid_until


def create(
    session: Session,
    account: EnterpriseAccount,
    subject: Subject | None,
    new: NewGrant,
    *,
    key: str,
    now: datetime,
    today: date,
) -> tuple[AccessGrant, str]:
    """The grant and its code (the only time the code exists here); raises GrantError."""
    if subject is None or subject.kind is SubjectKind.NATURAL_PERSON:
        raise GrantError("仅法人及非法人组织、个体工商户可授权查询", reason="subject")
    purpose = (new.purpose or "").strip()
    if not purpose or len(purpose) > MAX_PURPOSE or has_control_chars(purpose):
        raise GrantError("请填写查询用途（不超过200字）", reason="purpose")
    if not today <= new.valid_from <= new.valid_until or new.valid_until > today + timedelta(days=MAX_DAYS):
        raise GrantError("授权期限无效", reason="period")
    institution = session.get(Institution, new.institution_id) if 0 < new.institution_id < 2**31 else None
    if institution is None or institution.retired_at is not None:
        raise GrantError("机构不存在", reason="institution")
    grants = list(session.scalars(sa.select(AccessGrant).where(AccessGrant.subject_id == subject.id)))
    live = [g for g in grants if g.revoked_at is None and g.valid_until >= today]
    if any(g.institution_id == institution.id for g in live):
        raise GrantError("已有对该机构的有效授权", reason="duplicate")
    if len(live) >= MAX_ACTIVE:
        raise GrantError("有效授权过多", reason="too_many")
    code = "SQ" + "".join(secrets.choice(ALPHABET) for _ in range(16))  # 80 random bits
    grant = AccessGrant(
        subject_id=subject.id,
        uscc=subject.uscc or "",
        account_id=account.id,
        institution_id=institution.id,
        purpose=purpose,
        valid_from=new.valid_from,
        valid_until=new.valid_until,
        code_hash=code_hash(key, code),
        code_hint=code[-4:],
        created_at=now,
    )
    session.add(grant)
    session.flush()
    session.add(
        AuditEntry(
            actor=account.email,
            action="grant_issue",
            target=f"grant:{grant.id}",
            reason=f"institution:{institution.id} {new.valid_from}..{new.valid_until}",
            at=now,
        )
    )
    session.commit()
    log.info("access grant issued: id=%s institution=%s", grant.id, institution.id)
    return grant, code


def revoke(session: Session, account: EnterpriseAccount, subject: Subject, grant_id: int, *, now: datetime) -> None:
    grant = session.get(AccessGrant, grant_id) if 0 < grant_id < 2**31 else None
    if grant is None or grant.subject_id != subject.id:
        raise GrantError("授权不存在", reason="not_found")
    if grant.revoked_at is None:
        grant.revoked_at = now
        session.add(AuditEntry(actor=account.email, action="grant_revoke", target=f"grant:{grant.id}", at=now))
        session.commit()


@dataclass(frozen=True, slots=True)
class GrantRow:
    grant: AccessGrant
    institution: Institution
    state: str  # active | revoked | expired | not_yet
    checks: int


def grants_of(session: Session, subject: Subject, today: date) -> list[GrantRow]:
    counts = dict(
        session.execute(
            sa.select(AuthorisedCheck.grant_id, sa.func.count())
            .join(AccessGrant, AccessGrant.id == AuthorisedCheck.grant_id)
            .where(AccessGrant.subject_id == subject.id, AuthorisedCheck.outcome == "granted")
            .group_by(AuthorisedCheck.grant_id)
        ).all()
    )
    rows = session.execute(
        sa.select(AccessGrant, Institution)
        .join(Institution)
        .where(AccessGrant.subject_id == subject.id)
        .order_by(AccessGrant.id.desc())
    ).all()
    return [GrantRow(g, i, _state(g, today), int(counts.get(g.id, 0))) for g, i in rows]


def _state(grant: AccessGrant, today: date) -> str:
    if grant.revoked_at is not None:
        return "revoked"
    if today > grant.valid_until:
        return "expired"
    return "not_yet" if today < grant.valid_from else "active"


def checks_of(session: Session, subject: Subject, limit: int = 500) -> list[tuple[AuthorisedCheck, Institution]]:
    rows = session.execute(
        sa.select(AuthorisedCheck, Institution)
        .join(AccessGrant, AccessGrant.id == AuthorisedCheck.grant_id)
        .join(Institution, Institution.id == AccessGrant.institution_id)
        .where(AccessGrant.subject_id == subject.id)
        .order_by(AuthorisedCheck.checked_at.desc(), AuthorisedCheck.id.desc())
        .limit(limit)
    ).all()
    return [(c, i) for c, i in rows]


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a check found: the grant in force (None: answer as the public would be answered) and the subject."""

    grant: AccessGrant | None
    subject: Subject | None


def resolve(
    session: Session, api_key: ApiKey, uscc: str, code: str, *, output: str, key: str, now: datetime, today: date
) -> Resolution:
    """Finds the grant for (institution of the key, subject, code), logs the check for the subject when the code
    is one of its grants to this institution, audits every check, and commits."""
    subject = session.scalar(sa.select(Subject).where(Subject.uscc == uscc)) if uscc else None
    institution = session.scalar(sa.select(Institution).where(Institution.uscc == api_key.department_uscc))
    grant = None
    normalized = normalize_code(code)
    if CODE_RE.match(normalized):
        grant = session.scalar(sa.select(AccessGrant).where(AccessGrant.code_hash == code_hash(key, normalized)))
    fits = (
        grant is not None
        and subject is not None
        and grant.subject_id == subject.id
        and institution is not None
        and grant.institution_id == institution.id
    )
    outcome = "none"
    if fits and grant is not None:
        outcome = "granted" if in_force(grant, today) and institution.retired_at is None else _state(grant, today)  # type: ignore[union-attr]
        outcome = "retired" if outcome == "active" else outcome  # in time, but the institution was retired
        session.add(
            AuthorisedCheck(grant_id=grant.id, api_key_id=api_key.id, outcome=outcome, output=output, checked_at=now)
        )
    session.add(
        AuditEntry(
            actor=f"apikey:{api_key.prefix}",
            action="authorised_check",
            target=f"subject:{uscc}"[:128],
            reason=f"{output} {outcome}",
            at=now,
        )
    )
    session.commit()
    return Resolution(grant if outcome == "granted" else None, subject)


def note_report(session: Session, grant: AccessGrant, api_key: ApiKey, report_no: str) -> None:
    """The full report issued for a PDF check, on the check's log line."""
    check = session.scalar(
        sa.select(AuthorisedCheck)
        .where(AuthorisedCheck.grant_id == grant.id, AuthorisedCheck.api_key_id == api_key.id)
        .order_by(AuthorisedCheck.id.desc())
        .limit(1)
    )
    if check is not None:
        check.report_no = report_no
        session.commit()
