"""The single presenter of public records: masks personal data before anything reaches a template, API or export.

Rules (DOMAIN §6): ID numbers never appear (not even masked); names of natural persons, personal-name 个体工商户
and every 法定代表人/经营者 are masked; organisation names are shown as published. Free text written by a
department (违法事实, 处罚内容, 备注, …) is scrubbed too: 18-character ID numbers are blanked and the masked
names replace the full ones, so a person's name typed into the facts does not undo the masking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from portal.domain import masking
from portal.domain.kinds import RecordKind, SubjectKind
from portal.models import ListEntry, Penalty, Permit, Subject

LONG_TERM = date(2099, 12, 31)  # 有效期至 2099-12-31 = 长期 (data-standard §5)
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")


@dataclass(frozen=True, slots=True)
class PublicSubject:
    name: str
    uscc: str | None
    kind: str
    legal_rep: str | None
    public_id: str
    # Old registration codes (代码_2…_6) of organisations and businesses, as (label key, value); none for persons.
    codes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PublicRecord:
    kind: RecordKind
    id: int
    title: str  # 文号 or list name
    summary: str
    decided_on: date
    public_until: date | None
    status: str
    category: str | None
    authority: str
    subject: PublicSubject
    tags: tuple[str, ...] = ()  # 处罚类别 of a penalty, 许可类别 of a permit
    basis: str | None = None  # 认定依据 of a list entry
    valid_until: date | None = None  # 有效期至 of a list entry (None: open-ended or 长期)
    state: str | None = None  # 当前状态 of a permit: "1" 有效, "2" 无效
    doc_no: str | None = None  # 认定文书号 of a list entry: in the API, and found by search
    year: int | None = None  # 评价年度 of a rating


@dataclass(frozen=True, slots=True)
class PenaltyDetail:
    id: int
    subject: PublicSubject
    decision_no: str
    violation_type: str
    facts: str
    basis: str
    punishment_types: tuple[str, ...]
    content: str
    fine_amount: str | None  # 万元, without trailing zeros
    confiscated_amount: str | None
    licence_info: str | None
    decided_on: date
    effective_until: date | None
    public_until: date | None
    authority_name: str
    authority_uscc: str
    source_name: str
    source_uscc: str
    severity: str
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.PENALTY


@dataclass(frozen=True, slots=True)
class PermitDetail:
    id: int
    subject: PublicSubject
    doc_title: str
    doc_no: str
    category: str
    certificate_name: str | None
    certificate_no: str | None
    content: str
    decided_on: date
    valid_from: date
    valid_until: date | None  # None = 长期
    authority_name: str
    authority_uscc: str
    state: str  # "1" 有效 / "2" 无效
    source_name: str
    source_uscc: str
    public_until: date | None
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.PERMIT


@dataclass(frozen=True, slots=True)
class ListEntryDetail:
    id: int
    subject: PublicSubject
    category: str
    list_name: str
    list_type_id: int | None
    reason: str
    basis: str
    doc_no: str
    recognised_by: str
    recognised_by_uscc: str
    listed_on: date
    valid_until: date | None  # None = open-ended until removed
    public_until: date | None
    source_name: str
    source_uscc: str
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.LIST_ENTRY


def _is_personal(subject: Subject) -> bool:
    kind = subject.kind.value
    return kind == SubjectKind.NATURAL_PERSON or (
        kind == SubjectKind.INDIVIDUAL_BUSINESS and masking.looks_like_personal_name(subject.name)
    )


def present_subject(subject: Subject) -> PublicSubject:
    """Names of natural persons (and personal-name 个体工商户) and every legal representative are masked."""
    rep = masking.mask_person_name(subject.legal_rep) if subject.legal_rep else None
    codes: tuple[tuple[str, str], ...] = ()
    if subject.kind.value != SubjectKind.NATURAL_PERSON:
        pairs = (("reg_no", subject.reg_no), ("org_code", subject.org_code), ("tax_no", subject.tax_no),
                 ("institution_no", subject.institution_no), ("social_org_no", subject.social_org_no))
        codes = tuple((key, value) for key, value in pairs if value)
    return PublicSubject(
        name=masking.public_subject_name(subject.name, subject.kind.value),
        uscc=subject.uscc if subject.kind.value != SubjectKind.NATURAL_PERSON else None,
        kind=subject.kind.value,
        legal_rep=rep,
        public_id=subject.public_id,
        codes=codes,
    )


def penalty_text(record: Penalty, subject: Subject) -> str:
    """The public free text search should find beyond a penalty's summary: 违法事实 and 处罚内容, scrubbed
    exactly as on the detail page (named by the spec's `searchable_text`, as are the two below)."""
    return _joined((record.facts, record.content), subject)


def permit_text(record: Permit, subject: Subject) -> str:
    """许可内容 of a permit, scrubbed."""
    return _joined((record.content,), subject)


def list_entry_text(record: ListEntry, subject: Subject) -> str:
    """认定依据 of a list entry, scrubbed."""
    return _joined((record.basis,), subject)


def _joined(parts: tuple[str | None, ...], subject: Subject) -> str:
    return "\n".join(s for s in (scrub(p, subject) for p in parts) if s)


def scrub(text: str | None, subject: Subject) -> str | None:
    """Free text as published, minus ID numbers and the full names that the subject's fields mask."""
    if not text:
        return text
    out = _ID_IN_TEXT.sub(lambda m: "*" * len(m.group(0)), text)
    names = [subject.legal_rep] if subject.legal_rep else []
    if _is_personal(subject):
        names.append(subject.name)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, masking.mask_person_name(name))
    return out


def _amount(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")


def _valid_until(value: date | None) -> date | None:
    return None if value is None or value >= LONG_TERM else value


def split_types(value: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[;；、,，]", value) if t.strip())


def present_penalty(penalty: Penalty, subject: Subject) -> PublicRecord:
    return PublicRecord(
        RecordKind.PENALTY, penalty.id, penalty.decision_no, penalty.violation_type, penalty.decided_on,
        penalty.public_until, penalty.status.value, penalty.severity.value, penalty.authority_name,
        present_subject(subject), split_types(penalty.punishment_types),
    )


def present_permit(permit: Permit, subject: Subject) -> PublicRecord:
    return PublicRecord(
        RecordKind.PERMIT, permit.id, permit.doc_no, permit.doc_title, permit.decided_on, permit.public_until,
        permit.status.value, permit.category, permit.authority_name, present_subject(subject), (permit.category,),
        state=permit.state.value,
    )


def present_list_entry(entry: ListEntry, subject: Subject) -> PublicRecord:
    return PublicRecord(
        RecordKind.LIST_ENTRY, entry.id, entry.list_name, scrub(entry.reason, subject) or "", entry.listed_on,
        entry.public_until, entry.status.value, entry.category.value, entry.recognised_by, present_subject(subject),
        basis=entry.basis, valid_until=_valid_until(entry.valid_until), doc_no=entry.doc_no,
    )


def present_penalty_detail(penalty: Penalty, subject: Subject, public: PublicSubject | None = None) -> PenaltyDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return PenaltyDetail(
        id=penalty.id,
        subject=public or present_subject(subject),
        decision_no=penalty.decision_no,
        violation_type=penalty.violation_type,
        facts=scrub(penalty.facts, subject) or "",
        basis=penalty.basis,
        punishment_types=split_types(penalty.punishment_types),
        content=scrub(penalty.content, subject) or "",
        fine_amount=_amount(penalty.fine_amount),
        confiscated_amount=_amount(penalty.confiscated_amount),
        licence_info=scrub(penalty.licence_info, subject),
        decided_on=penalty.decided_on,
        effective_until=penalty.effective_until,
        public_until=penalty.public_until,
        authority_name=penalty.authority_name,
        authority_uscc=penalty.authority_uscc,
        source_name=penalty.source_name,
        source_uscc=penalty.source_uscc,
        severity=penalty.severity.value,
        status=penalty.status.value,
        remarks=scrub(penalty.remarks, subject),
    )


def present_permit_detail(permit: Permit, subject: Subject, public: PublicSubject | None = None) -> PermitDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return PermitDetail(
        id=permit.id,
        subject=public or present_subject(subject),
        doc_title=permit.doc_title,
        doc_no=permit.doc_no,
        category=permit.category,
        certificate_name=permit.certificate_name,
        certificate_no=permit.certificate_no,
        content=scrub(permit.content, subject) or "",
        decided_on=permit.decided_on,
        valid_from=permit.valid_from,
        valid_until=_valid_until(permit.valid_until),
        authority_name=permit.authority_name,
        authority_uscc=permit.authority_uscc,
        state=permit.state.value,
        source_name=permit.source_name,
        source_uscc=permit.source_uscc,
        public_until=permit.public_until,
        status=permit.status.value,
        remarks=scrub(permit.remarks, subject),
    )


def present_list_entry_detail(
    entry: ListEntry, subject: Subject, public: PublicSubject | None = None
) -> ListEntryDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return ListEntryDetail(
        id=entry.id,
        subject=public or present_subject(subject),
        category=entry.category.value,
        list_name=entry.list_name,
        list_type_id=entry.list_type_id,
        reason=scrub(entry.reason, subject) or "",
        basis=entry.basis,
        doc_no=entry.doc_no,
        recognised_by=entry.recognised_by,
        recognised_by_uscc=entry.recognised_by_uscc,
        listed_on=entry.listed_on,
        valid_until=_valid_until(entry.valid_until),
        public_until=entry.public_until,
        source_name=entry.source_name,
        source_uscc=entry.source_uscc,
        status=entry.status.value,
        remarks=scrub(entry.remarks, subject),
    )
