"""Public (masked) presenters of the further kinds of credit information (DOMAIN §19), by the rules of
portal/public/presenters.py: no ID number, masked personal names, free text scrubbed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from portal.domain.kinds import RecordKind
from portal.models import Coercion, Commitment, Honour, Subject
from portal.public.presenters import PublicRecord, PublicSubject, _joined, _valid_until, present_subject, scrub

_SEMICOLONS = re.compile(r"[;；]")


def split_categories(value: str) -> tuple[str, ...]:
    """强制类别 as stored (joined with ；): its values contain 、 themselves."""
    return tuple(part for part in (p.strip() for p in _SEMICOLONS.split(value)) if part)


@dataclass(frozen=True, slots=True)
class CoercionDetail:
    id: int
    subject: PublicSubject
    doc_no: str
    categories: tuple[str, ...]
    reason: str
    basis: str
    content: str
    property_info: str | None
    decided_on: date
    term_until: date | None
    lifted_on: date | None
    lift_reason: str | None
    authority_name: str
    authority_uscc: str
    source_name: str
    source_uscc: str
    public_until: date | None
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.COERCION


def coercion_text(record: Coercion, subject: Subject) -> str:
    """强制事由 and 强制内容 of a coercion, scrubbed (the spec's `searchable_text`)."""
    return _joined((record.reason, record.content), subject)


def present_coercion(record: Coercion, subject: Subject) -> PublicRecord:
    categories = split_categories(record.categories)
    return PublicRecord(
        RecordKind.COERCION, record.id, record.doc_no, scrub(record.reason, subject) or "", record.decided_on,
        record.public_until, record.status.value, categories[0] if categories else None, record.authority_name,
        present_subject(subject), categories, state="lifted" if record.lifted_on else "in_force",
    )  # fmt: skip


def present_coercion_detail(record: Coercion, subject: Subject, public: PublicSubject | None = None) -> CoercionDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return CoercionDetail(
        id=record.id,
        subject=public or present_subject(subject),
        doc_no=record.doc_no,
        categories=split_categories(record.categories),
        reason=scrub(record.reason, subject) or "",
        basis=record.basis,
        content=scrub(record.content, subject) or "",
        property_info=scrub(record.property_info, subject),
        decided_on=record.decided_on,
        term_until=record.term_until,
        lifted_on=record.lifted_on,
        lift_reason=scrub(record.lift_reason, subject),
        authority_name=record.authority_name,
        authority_uscc=record.authority_uscc,
        source_name=record.source_name,
        source_uscc=record.source_uscc,
        public_until=record.public_until,
        status=record.status.value,
        remarks=scrub(record.remarks, subject),
    )


@dataclass(frozen=True, slots=True)
class HonourDetail:
    id: int
    subject: PublicSubject
    honour_name: str
    level: str | None
    content: str
    doc_no: str
    authority_name: str
    authority_uscc: str
    granted_on: date
    valid_until: date | None  # None = 长期 or not given (then public for three years)
    source_name: str
    source_uscc: str
    public_until: date | None
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.HONOUR


def honour_text(record: Honour, subject: Subject) -> str:
    """荣誉内容 of an honour, scrubbed (the spec's `searchable_text`)."""
    return _joined((record.content,), subject)


def present_honour(record: Honour, subject: Subject) -> PublicRecord:
    return PublicRecord(
        RecordKind.HONOUR, record.id, record.doc_no, record.honour_name, record.granted_on, record.public_until,
        record.status.value, record.level, record.authority_name, present_subject(subject),
        (record.level,) if record.level else (), valid_until=_valid_until(record.valid_until),
    )  # fmt: skip


def present_honour_detail(record: Honour, subject: Subject, public: PublicSubject | None = None) -> HonourDetail:
    """`public`: the subject already presented (exports present each subject once). A revoked honour is not
    public at all, so its 撤销日期 and 撤销原因 never reach a page."""
    return HonourDetail(
        id=record.id,
        subject=public or present_subject(subject),
        honour_name=record.honour_name,
        level=record.level,
        content=scrub(record.content, subject) or "",
        doc_no=record.doc_no,
        authority_name=record.authority_name,
        authority_uscc=record.authority_uscc,
        granted_on=record.granted_on,
        valid_until=_valid_until(record.valid_until),
        source_name=record.source_name,
        source_uscc=record.source_uscc,
        public_until=record.public_until,
        status=record.status.value,
        remarks=scrub(record.remarks, subject),
    )


@dataclass(frozen=True, slots=True)
class CommitmentDetail:
    id: int
    subject: PublicSubject
    doc_no: str | None  # 承诺编码
    commit_type: str
    matter: str
    content: str
    liability: str | None
    made_on: date
    valid_until: date | None
    state: str  # 承诺履行状态
    unfulfilled: str | None
    accountability: str | None
    state_on: date | None
    authority_name: str
    authority_uscc: str
    source_name: str
    source_uscc: str
    public_until: date | None
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.COMMITMENT  # 经办人 is never public, so it has no field here


def commitment_text(record: Commitment, subject: Subject) -> str:
    """承诺内容 and 未履行的承诺内容, scrubbed (the spec's `searchable_text`)."""
    return _joined((record.content, record.unfulfilled), subject)


def present_commitment(record: Commitment, subject: Subject) -> PublicRecord:
    return PublicRecord(
        RecordKind.COMMITMENT, record.id, record.doc_no or record.matter, record.matter, record.made_on,
        record.public_until, record.status.value, record.commit_type, record.authority_name,
        present_subject(subject), (record.commit_type,), state=record.state,
        valid_until=_valid_until(record.valid_until),
    )  # fmt: skip


def present_commitment_detail(
    record: Commitment, subject: Subject, public: PublicSubject | None = None
) -> CommitmentDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return CommitmentDetail(
        id=record.id,
        subject=public or present_subject(subject),
        doc_no=record.doc_no,
        commit_type=record.commit_type,
        matter=record.matter,
        content=scrub(record.content, subject) or "",
        liability=scrub(record.liability, subject),
        made_on=record.made_on,
        valid_until=_valid_until(record.valid_until),
        state=record.state,
        unfulfilled=scrub(record.unfulfilled, subject),
        accountability=scrub(record.accountability, subject),
        state_on=record.state_on,
        authority_name=record.authority_name,
        authority_uscc=record.authority_uscc,
        source_name=record.source_name,
        source_uscc=record.source_uscc,
        public_until=record.public_until,
        status=record.status.value,
        remarks=scrub(record.remarks, subject),
    )
