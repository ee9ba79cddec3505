"""Use cases of credit reports: issue (snapshot, hash, sign, store), read back for HTML/PDF, access, verification.

A report is issued once and never re-queried: the HTML page, the PDF and /verify all draw the stored snapshot,
so what a bank verifies is exactly what the subject was given.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.errors import DomainError
from portal.models import AuditEntry, CreditReport, ImportBatch, Subject, SubjectBinding
from portal.models.enterprise import BindingStatus, EnterpriseAccount
from portal.models.report import ReportVersion
from portal.reports import content, signing

log = logging.getLogger(__name__)
DEFAULT_VALID_DAYS = 30
_TRIES = 10


class ReportDenied(DomainError):
    """The account may not see or issue the full report of this subject (403, audited)."""

    code = "report_denied"


@dataclass(frozen=True, slots=True)
class Signer:
    key: str
    valid_days: int = DEFAULT_VALID_DAYS


def signer_from(config: Mapping[str, Any]) -> Signer:
    """REPORT_SIGNING_KEY (falls back to SECRET_KEY) and REPORT_VALID_DAYS; reports and certificates share it."""
    key = str(config.get("REPORT_SIGNING_KEY") or config["SECRET_KEY"])
    return Signer(key, int(config.get("REPORT_VALID_DAYS", DEFAULT_VALID_DAYS)))


def data_as_of(session: Session, now: datetime) -> datetime:
    """When the platform's data was last refreshed: the last finished import, else the moment of issue."""
    last = session.scalar(sa.select(sa.func.max(ImportBatch.finished_at)))
    return min(last, now) if last is not None else now


def _unused_number(session: Session, today: date) -> str:
    for _attempt in range(_TRIES):
        number = signing.new_report_no(today)
        if session.scalar(sa.select(CreditReport.id).where(CreditReport.report_no == number)) is None:
            return number
    raise RuntimeError("no free report number")


def _issue(session: Session, *, subject: Subject | None, version: ReportVersion, uscc: str | None, name: str,
           account_id: int | None, signer: Signer, now: datetime, today: date) -> CreditReport:  # fmt: skip
    public = version is ReportVersion.PUBLIC
    number = _unused_number(session, today)
    as_of = data_as_of(session, now)
    sections = content.build_sections(session, subject, today=today, public=public)
    body = {
        "report_no": number,
        "version": version.value,
        "issued_at": now.isoformat(),
        "issued_on": today.isoformat(),
        "valid_until": (today + timedelta(days=signer.valid_days)).isoformat(),
        "data_as_of": as_of.isoformat(),
        "subject": content.subject_block(subject, public=public, uscc=uscc, name=name),
        "sections": sections,
    }
    canonical = signing.canonical_json(body)
    digest = signing.content_hash(canonical)
    report = CreditReport(
        report_no=number, version=version, subject_id=subject.id if subject else None, uscc=uscc,
        subject_name=body["subject"]["name"], account_id=account_id, issued_at=now,
        valid_until=today + timedelta(days=signer.valid_days), data_as_of=as_of,
        record_count=sum(len(s["records"]) for s in sections), content=canonical, content_hash=digest,
        signature=signing.sign(signer.key, number, digest),
    )  # fmt: skip
    session.add(report)
    session.flush()
    actor = "public" if account_id is None else f"enterprise:{account_id}"
    session.add(AuditEntry(actor=actor, action=f"issue_report_{version.value}", target=f"report:{report.id}", at=now))
    session.commit()
    log.info("credit report issued: id=%s version=%s records=%d", report.id, version.value, report.record_count)
    return report


def issue_public(session: Session, subject: Subject, *, signer: Signer, now: datetime, today: date) -> CreditReport:
    """The public version (public records only, masked by the presenter); anyone may ask for it."""
    return _issue(session, subject=subject, version=ReportVersion.PUBLIC, uscc=subject.uscc, name=subject.name,
                  account_id=None, signer=signer, now=now, today=today)  # fmt: skip


def approved_binding(session: Session, account_id: int, uscc: str | None) -> SubjectBinding | None:
    if not uscc:
        return None
    return session.scalar(sa.select(SubjectBinding).where(
        SubjectBinding.account_id == account_id, SubjectBinding.uscc == uscc,
        SubjectBinding.status == BindingStatus.APPROVED,
    ).limit(1))  # fmt: skip


def deny(session: Session, account: EnterpriseAccount | None, target: str, *, now: datetime) -> ReportDenied:
    """Audits a refused access to a full report and returns the error to raise."""
    actor = account.email if account is not None else "public"
    session.add(AuditEntry(actor=actor, action="report_access_denied", target=target, at=now))
    session.commit()
    log.warning("full report refused: account=%s target=%s", account.id if account else None, target)
    return ReportDenied("无权查看该主体的完整版信用报告", target=target)


def issue_full(session: Session, account: EnterpriseAccount, binding_id: int, *, signer: Signer, now: datetime,
               today: date) -> CreditReport:  # fmt: skip
    """The full version for a subject the account is bound to (approved); raises ReportDenied otherwise."""
    binding = session.get(SubjectBinding, binding_id)
    if binding is None or binding.account_id != account.id or binding.status is not BindingStatus.APPROVED:
        raise deny(session, account, f"binding:{binding_id}", now=now)
    subject = session.scalar(sa.select(Subject).where(Subject.uscc == binding.uscc))
    return _issue(session, subject=subject, version=ReportVersion.FULL, uscc=binding.uscc,
                  name=subject.name if subject else binding.claimed_name, account_id=account.id, signer=signer,
                  now=now, today=today)  # fmt: skip


def find(session: Session, report_no: str) -> CreditReport | None:
    number = signing.normalize_report_no(report_no)
    if not signing.REPORT_NO_RE.match(number):
        return None
    return session.scalar(sa.select(CreditReport).where(CreditReport.report_no == number))


def open_report(
    session: Session, report_no: str, account: EnterpriseAccount | None, *, now: datetime
) -> CreditReport | None:
    """The report for display; None if unknown. A full report to anyone but a bound account: ReportDenied."""
    report = find(session, report_no)
    if report is None or report.version is ReportVersion.PUBLIC:
        return report
    if account is not None and approved_binding(session, account.id, report.uscc) is not None:
        return report
    raise deny(session, account, f"report:{report.id}", now=now)


@dataclass(frozen=True, slots=True)
class Verification:
    state: str  # genuine | tampered | unknown
    report: CreditReport | None = None
    expired: bool = False
    content: dict[str, Any] | None = None


def verify(
    session: Session, report_no: str, code: str, *, key: str, today: date, claimed_hash: str | None = None
) -> Verification:
    """genuine: the number exists, the code fits it, the signature and the stored content are intact (and the
    hash printed on the paper, when given, is the signed one); tampered: number and code fit but something was
    changed; unknown: no such number, or the code does not fit (one answer, so numbers cannot be probed).
    """
    report = find(session, report_no)
    if report is None or not signing.code_matches(key, report.report_no, code):
        return Verification("unknown")
    intact = (
        signing.is_signed(key, report.report_no, report.content_hash, report.signature)
        and signing.content_hash(report.content) == report.content_hash
    )
    if claimed_hash is not None and claimed_hash.strip().lower() != report.content_hash:
        intact = False
    if not intact:
        log.warning("report verification failed the integrity check: id=%s", report.id)
        return Verification("tampered", report)
    return Verification("genuine", report, expired=today > report.valid_until, content=json.loads(report.content))


def issue_authorised(session: Session, subject: Subject, *, signer: Signer, now: datetime,
                     today: date) -> CreditReport:  # fmt: skip
    """The full version for an institution holding a grant in force (portal/grants: the caller checked it)."""
    return _issue(session, subject=subject, version=ReportVersion.FULL, uscc=subject.uscc, name=subject.name,
                  account_id=None, signer=signer, now=now, today=today)  # fmt: skip
