"""The single presenter of public records: masks personal data before anything reaches a template or API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.domain import masking
from portal.models import ListEntry, Penalty, Permit, Subject


@dataclass(frozen=True, slots=True)
class PublicSubject:
    name: str
    uscc: str | None
    kind: str
    legal_rep: str | None
    public_id: str


@dataclass(frozen=True, slots=True)
class PublicRecord:
    kind: str  # penalty | permit | list
    id: int
    title: str  # 文号 or list name
    summary: str
    decided_on: date
    public_until: date | None
    status: str
    category: str | None
    authority: str
    subject: PublicSubject


def present_subject(subject: Subject) -> PublicSubject:
    """Names of natural persons (and personal-name 个体工商户) and every legal representative are masked."""
    rep = masking.mask_person_name(subject.legal_rep) if subject.legal_rep else None
    return PublicSubject(
        name=masking.public_subject_name(subject.name, subject.kind.value),
        uscc=subject.uscc,
        kind=subject.kind.value,
        legal_rep=rep,
        public_id=subject.public_id,
    )


def present_penalty(penalty: Penalty, subject: Subject) -> PublicRecord:
    return PublicRecord(
        "penalty", penalty.id, penalty.decision_no, penalty.violation_type, penalty.decided_on,
        penalty.public_until, penalty.status.value, penalty.severity.value, penalty.authority_name,
        present_subject(subject),
    )


def present_permit(permit: Permit, subject: Subject) -> PublicRecord:
    return PublicRecord(
        "permit", permit.id, permit.doc_no, permit.doc_title, permit.decided_on, permit.public_until,
        permit.status.value, permit.category, permit.authority_name, present_subject(subject),
    )


def present_list_entry(entry: ListEntry, subject: Subject) -> PublicRecord:
    return PublicRecord(
        "list", entry.id, entry.list_name, entry.reason, entry.listed_on, entry.public_until,
        entry.status.value, entry.category.value, entry.recognised_by, present_subject(subject),
    )
