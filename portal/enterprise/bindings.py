"""Binding an account to a subject: the claim with its proof documents, and the staff decisions on it.

Every claim waits for staff review: nothing is bound automatically. A claim on a USCC that other accounts are
already bound to is accepted for review but flagged as contested, and those accounts are told about it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from portal.domain import uscc as uscc_rules
from portal.domain.errors import DomainError
from portal.file_store import FileStore, StagedFile
from portal.models import AuditEntry, BindingDocument, SubjectBinding
from portal.models.enterprise import BindingStatus, EnterpriseAccount
from portal.submissions import uploads

log = logging.getLogger(__name__)
MAX_OPEN_CLAIMS = 5
LIVE = (BindingStatus.PENDING, BindingStatus.APPROVED)


class BindingError(DomainError):
    """`params['reason']`: invalid_uscc, duplicate, too_many, not_found, not_allowed, reason_required."""

    code = "binding_error"


@dataclass(frozen=True, slots=True)
class Claim:
    uscc: str
    claimed_name: str
    applicant_name: str
    applicant_phone: str


@dataclass(frozen=True, slots=True)
class ClaimResult:
    binding: SubjectBinding
    notify: tuple[str, ...]  # e-mail addresses of accounts already bound to the subject


def claim(session: Session, account: EnterpriseAccount, new: Claim, licence: uploads.Upload,
          authorisation: uploads.Upload, *, store: FileStore, now: datetime) -> ClaimResult:  # fmt: skip
    """A pending binding with its two documents (staged, committed, then renamed); raises BindingError."""
    if not uscc_rules.is_valid(new.uscc):
        raise BindingError("统一社会信用代码无效", reason="invalid_uscc")
    mine = session.scalars(sa.select(SubjectBinding).where(
        SubjectBinding.account_id == account.id, SubjectBinding.status.in_(LIVE))).all()  # fmt: skip
    if any(b.uscc == new.uscc for b in mine):
        raise BindingError("已申请或已绑定该主体", reason="duplicate")
    if sum(1 for b in mine if b.status is BindingStatus.PENDING) >= MAX_OPEN_CLAIMS:
        raise BindingError("待审核的申请过多", reason="too_many")
    others = session.scalars(
        sa.select(EnterpriseAccount.email).join(SubjectBinding, SubjectBinding.account_id == EnterpriseAccount.id)
        .where(SubjectBinding.uscc == new.uscc, SubjectBinding.status == BindingStatus.APPROVED,
               EnterpriseAccount.id != account.id)
    ).all()  # fmt: skip
    binding = SubjectBinding(account_id=account.id, uscc=new.uscc, claimed_name=new.claimed_name,
                             applicant_name=new.applicant_name, applicant_phone=new.applicant_phone,
                             status=BindingStatus.PENDING, is_contested=bool(others),
                             created_at=now, updated_at=now)  # fmt: skip
    session.add(binding)
    staged: list[StagedFile] = []
    try:
        for kind, upload in (("licence", licence), ("authorisation", authorisation)):
            item = store.stage(upload.data, upload.extension)
            staged.append(item)
            session.add(BindingDocument(binding=binding, kind=kind, stored_name=item.stored_name,
                                        original_name=upload.original_name, mime=upload.mime, size=upload.size,
                                        sha256=upload.sha256, created_at=now))  # fmt: skip
        session.flush()
        session.add(AuditEntry(actor=account.email, action="binding_claim", target=f"binding:{binding.id}",
                               reason="contested" if others else None, at=now))  # fmt: skip
        session.commit()
    except BaseException:
        session.rollback()
        store.discard(staged)
        raise
    try:
        store.finalize(staged)
    except OSError:
        log.warning("documents of binding %s left as .part files", binding.id, exc_info=True)
    log.info("binding claimed: id=%s contested=%s", binding.id, bool(others))
    return ClaimResult(binding, tuple(sorted(set(others))))


def of_account(session: Session, account_id: int) -> list[SubjectBinding]:
    query = sa.select(SubjectBinding).where(SubjectBinding.account_id == account_id)
    return list(session.scalars(query.order_by(SubjectBinding.created_at.desc(), SubjectBinding.id.desc())))


def approved_of(session: Session, account_id: int, binding_id: int) -> SubjectBinding | None:
    binding = session.get(SubjectBinding, binding_id)
    if binding is None or binding.account_id != account_id or binding.status is not BindingStatus.APPROVED:
        return None
    return binding


# --- staff side ---------------------------------------------------------------------------------------------


def staff_list(session: Session, status: BindingStatus | None, *, limit: int = 200) -> list[SubjectBinding]:
    """Pending first (oldest first: first come, first served), then the others, newest first."""
    query = sa.select(SubjectBinding).options(selectinload(SubjectBinding.account))
    if status is not None:
        query = query.where(SubjectBinding.status == status)
    pending_first = sa.case((SubjectBinding.status == BindingStatus.PENDING, 0), else_=1)
    query = query.order_by(pending_first, SubjectBinding.created_at.desc(), SubjectBinding.id.desc()).limit(limit)
    return list(session.scalars(query))


@dataclass(frozen=True, slots=True)
class StaffDetail:
    binding: SubjectBinding
    others: Sequence[SubjectBinding]  # other live bindings of the same USCC
    history: Sequence[AuditEntry]


def staff_detail(session: Session, binding_id: int) -> StaffDetail:
    binding = session.scalar(sa.select(SubjectBinding).where(SubjectBinding.id == binding_id).options(
        selectinload(SubjectBinding.account), selectinload(SubjectBinding.documents)))  # fmt: skip
    if binding is None:
        raise BindingError("不存在", reason="not_found")
    others = session.scalars(sa.select(SubjectBinding).options(selectinload(SubjectBinding.account)).where(
        SubjectBinding.uscc == binding.uscc, SubjectBinding.id != binding.id,
        SubjectBinding.status.in_(LIVE))).all()  # fmt: skip
    history = session.scalars(sa.select(AuditEntry).where(AuditEntry.target == f"binding:{binding.id}")
                              .order_by(AuditEntry.at, AuditEntry.id)).all()  # fmt: skip
    return StaffDetail(binding, others, history)


TRANSITIONS = {
    "approve": ({BindingStatus.PENDING}, BindingStatus.APPROVED),
    "reject": ({BindingStatus.PENDING}, BindingStatus.REJECTED),
    "revoke": ({BindingStatus.APPROVED}, BindingStatus.REVOKED),
}


@dataclass(frozen=True, slots=True)
class Decided:
    binding: SubjectBinding
    account_email: str


def decide(session: Session, binding_id: int, action: str, reason: str, *, staff_id: int, staff_email: str,
           now: datetime) -> Decided:  # fmt: skip
    """approve / reject a pending claim, revoke an approved binding; audited. Reject and revoke need a reason."""
    if action not in TRANSITIONS:
        raise BindingError("操作无效", reason="not_allowed")
    allowed_from, to = TRANSITIONS[action]
    binding = session.scalar(sa.select(SubjectBinding).where(SubjectBinding.id == binding_id).options(
        selectinload(SubjectBinding.account)).with_for_update())  # fmt: skip
    if binding is None:
        raise BindingError("不存在", reason="not_found")
    if binding.status not in allowed_from:
        raise BindingError("当前状态不能执行该操作", reason="not_allowed")
    if action != "approve" and not reason.strip():
        raise BindingError("请填写理由", reason="reason_required")
    email = binding.account.email
    binding.status = to
    binding.decided_by_id, binding.decided_at = staff_id, now
    binding.decision_reason = reason.strip() or None
    session.add(AuditEntry(actor=staff_email, actor_id=staff_id, action=f"binding_{action}",
                           target=f"binding:{binding.id}", reason=reason.strip() or None, at=now))  # fmt: skip
    session.commit()
    log.info("binding decided: id=%s action=%s", binding.id, action)
    return Decided(binding, email)


def document(session: Session, binding_id: int, document_id: int) -> BindingDocument:
    found = session.get(BindingDocument, document_id)
    if found is None or found.binding_id != binding_id:
        raise BindingError("不存在", reason="not_found")
    return found
