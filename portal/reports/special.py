"""Use cases of special credit reports (DOMAIN §22): issue (snapshot, hash, sign, store; one per subject, period
and area set per day), read back for HTML/PDF, access, list and verification.

The signing model is the credit report's (portal/reports/services.py, signing.py): number ZXBG-YYYYMMDD-XXXXXXXX,
an HMAC signature of number + content hash, and a 核验码 derived from the number (never stored).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.clock import CHINA_TZ
from portal.domain.special import Area, Purpose, areas_key, check_period
from portal.models import AuditEntry, SpecialReport, Subject
from portal.models.enterprise import BindingStatus, EnterpriseAccount, SubjectBinding
from portal.reports import content, signing, special_content
from portal.reports.services import Signer, data_as_of, deny

log = logging.getLogger(__name__)
PREFIX = "ZXBG"  # 专项报告
SPECIAL_NO_RE = re.compile(r"^ZXBG-\d{8}-[2-9A-HJ-NP-Z]{8}$")
_TRIES = 10


@dataclass(frozen=True, slots=True)
class Application:
    binding_id: int
    start: date
    end: date
    areas: tuple[Area, ...]
    purpose: Purpose


def is_special_no(value: str | None) -> bool:
    return bool(SPECIAL_NO_RE.match(signing.normalize_report_no(value)))


def _unused_number(session: Session, today: date) -> str:
    for _attempt in range(_TRIES):
        number = signing.new_report_no(today, PREFIX)
        if session.scalar(sa.select(SpecialReport.id).where(SpecialReport.report_no == number)) is None:
            return number
    raise RuntimeError("no free special report number")


def bound(session: Session, account_id: int, binding_id: int) -> SubjectBinding | None:
    """The account's approved binding with this id, else None."""
    binding = session.get(SubjectBinding, binding_id)
    if binding is None or binding.account_id != account_id or binding.status is not BindingStatus.APPROVED:
        return None
    return binding


def _existing(session: Session, uscc: str, app: Application, key: str, today: date) -> SpecialReport | None:
    return session.scalar(sa.select(SpecialReport).where(
        SpecialReport.uscc == uscc, SpecialReport.period_start == app.start, SpecialReport.period_end == app.end,
        SpecialReport.areas == key, SpecialReport.issued_on == today,
    ))  # fmt: skip


def issue(session: Session, account: EnterpriseAccount, app: Application, *, signer: Signer, now: datetime,
          today: date) -> tuple[SpecialReport, bool]:  # fmt: skip
    """(report, issued now?). The account must hold an approved binding (else ReportDenied, audited); the period
    must pass portal.domain.special.check_period (else PeriodError). A report of the same subject, period and
    areas issued today is returned instead of a new one."""
    binding = bound(session, account.id, app.binding_id)
    if binding is None:
        raise deny(session, account, f"binding:{app.binding_id}", now=now)
    check_period(app.start, app.end, today)
    if not app.areas:
        raise ValueError("at least one area")
    key = areas_key(app.areas)
    found = _existing(session, binding.uscc, app, key, today)
    if found is not None:
        return found, False
    subject = session.scalar(sa.select(Subject).where(Subject.uscc == binding.uscc))
    number = _unused_number(session, today)
    as_of = data_as_of(session, now)
    sections = special_content.build(session, subject, start=app.start, end=app.end, areas=list(app.areas),
                                     today=today)  # fmt: skip
    name = subject.name if subject else binding.claimed_name
    body = {
        "report_no": number, "document": "special_report", "issued_at": now.isoformat(),
        "issued_on": today.isoformat(), "valid_until": (today + timedelta(days=signer.valid_days)).isoformat(),
        "data_as_of": as_of.isoformat(), "purpose": app.purpose.value,
        "period": {"start": app.start.isoformat(), "end": app.end.isoformat()},
        "areas": [s["area"] for s in sections], "sections": sections,
        "subject": content.subject_block(subject, public=False, uscc=binding.uscc, name=name),
        "not_covered": list(special_content.NOT_COVERED),
    }  # fmt: skip
    canonical = signing.canonical_json(body)
    digest = signing.content_hash(canonical)
    count = sum(len(s[g]) for s in sections for g in special_content.GROUPS)
    report = SpecialReport(
        report_no=number, subject_id=subject.id if subject else None, uscc=binding.uscc, subject_name=name,
        account_id=account.id, period_start=app.start, period_end=app.end, areas=key, purpose=app.purpose,
        issued_at=now, issued_on=today, data_as_of=as_of, record_count=count, content=canonical,
        content_hash=digest, signature=signing.sign(signer.key, number, digest),
    )  # fmt: skip
    session.add(report)
    try:
        session.flush()
    except IntegrityError:  # the same application twice at once: the other one won, answer with it
        session.rollback()
        found = _existing(session, binding.uscc, app, key, today)
        if found is None:
            raise
        return found, False
    session.add(AuditEntry(actor=account.email, action="issue_special_report", target=f"special_report:{report.id}",
                           reason=f"{app.start}..{app.end} {key} {app.purpose.value}", at=now))  # fmt: skip
    session.commit()
    log.info("special report issued: id=%s records=%d areas=%d", report.id, count, len(app.areas))
    return report, True


def find(session: Session, report_no: str) -> SpecialReport | None:
    number = signing.normalize_report_no(report_no)
    if not SPECIAL_NO_RE.match(number):
        return None
    return session.scalar(sa.select(SpecialReport).where(SpecialReport.report_no == number))


def open_report(session: Session, report_no: str, account: EnterpriseAccount | None, *,
                now: datetime) -> SpecialReport | None:  # fmt: skip
    """The report for its subject's bound accounts; None if unknown; anyone else: ReportDenied (audited)."""
    report = find(session, report_no)
    if report is None:
        return None
    if account is not None and session.scalar(sa.select(SubjectBinding.id).where(
        SubjectBinding.account_id == account.id, SubjectBinding.uscc == report.uscc,
        SubjectBinding.status == BindingStatus.APPROVED,
    ).limit(1)) is not None:  # fmt: skip
        return report
    raise deny(session, account, f"special_report:{report.id}", now=now)


def of_subject(session: Session, uscc: str, limit: int = 100) -> list[SpecialReport]:
    return list(
        session.scalars(
            sa.select(SpecialReport)
            .where(SpecialReport.uscc == uscc)
            .order_by(SpecialReport.issued_at.desc(), SpecialReport.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class SpecialDocument:
    """A stored special report read back for display; `version` lets the report's page furniture draw it."""

    report_no: str
    issued_at: datetime  # China time
    valid_until: date
    data_as_of: datetime  # China time
    purpose: str
    start: date
    end: date
    areas: list[str]
    subject: dict[str, Any]
    sections: list[dict[str, Any]]
    not_covered: list[str]
    content_hash: str
    code: str
    verify_url: str
    version: str = "special"

    @property
    def total(self) -> int:
        return sum(len(s[g]) for s in self.sections for g in special_content.GROUPS)


def _china(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(CHINA_TZ)


def load(report: SpecialReport, *, key: str, verify_url: str) -> SpecialDocument:
    body = json.loads(report.content)
    return SpecialDocument(
        report_no=report.report_no, issued_at=_china(body["issued_at"]),
        valid_until=date.fromisoformat(body["valid_until"]), data_as_of=_china(body["data_as_of"]),
        purpose=body["purpose"], start=date.fromisoformat(body["period"]["start"]),
        end=date.fromisoformat(body["period"]["end"]), areas=body["areas"], subject=body["subject"],
        sections=body["sections"], not_covered=body["not_covered"], content_hash=report.content_hash,
        code=signing.format_code(signing.verification_code(key, report.report_no)), verify_url=verify_url,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Verification:
    state: str  # genuine | tampered | unknown
    report: SpecialReport | None = None
    document: SpecialDocument | None = None
    expired: bool = False


def verify(session: Session, report_no: str, code: str, *, key: str, today: date,
           claimed_hash: str | None = None) -> Verification:  # fmt: skip
    """The credit report's rules: an unknown number and a wrong code give one answer; a change is "tampered"."""
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
        log.warning("special report verification failed the integrity check: id=%s", report.id)
        return Verification("tampered", report)
    doc = load(report, key=key, verify_url="")
    return Verification("genuine", report, doc, expired=today > doc.valid_until)
