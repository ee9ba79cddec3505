"""Public (masked) presenters of 信用评价结果 and 检查结果 (DOMAIN §19), by the rules of portal/public/presenters.py:
no ID number, masked personal names, free text scrubbed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from portal.domain.kinds import GOOD_RATING_GRADES, RATING_OTHER_SCHEME, RecordKind
from portal.models import Inspection, Rating, Subject
from portal.public.presenters import PublicRecord, PublicSubject, _joined, _valid_until, present_subject, scrub


def scheme_name(scheme: str, note: str | None) -> str:
    """The scheme as people call it: 其他行业信用评价 by its own name (评价体系说明)."""
    return note if scheme == RATING_OTHER_SCHEME and note else scheme


def is_good_rating(scheme: str, grade: str) -> bool:
    """纳税 A, 海关 高级认证企业, 环保 绿 also count as 守信激励 (DOMAIN §19)."""
    return (scheme, grade) in GOOD_RATING_GRADES


@dataclass(frozen=True, slots=True)
class RatingDetail:
    id: int
    subject: PublicSubject
    scheme: str
    scheme_note: str | None
    grade: str
    score: str | None  # without trailing zeros
    year: int | None
    rated_on: date
    valid_until: date | None  # as given; None = the scheme's default (see public_until)
    authority_name: str
    authority_uscc: str
    basis: str | None
    source_name: str
    source_uscc: str
    public_until: date | None  # None = until a newer rating supersedes it
    status: str
    remarks: str | None
    good: bool = False
    kind: RecordKind = RecordKind.RATING  # 公开类型 is always 社会公开 for a public rating: no field

    @property
    def scheme_label(self) -> str:
        return scheme_name(self.scheme, self.scheme_note)


def _score(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def rating_text(record: Rating, subject: Subject) -> str:
    """评价依据 and 评价体系说明, scrubbed (the spec's `searchable_text`)."""
    return _joined((record.basis, record.scheme_note), subject)


def present_rating(record: Rating, subject: Subject) -> PublicRecord:
    """Titled by scheme and year (纳税信用 2025年度), summarised by its grade, categorised by its scheme."""
    return PublicRecord(
        RecordKind.RATING, record.id, record.doc_no, record.grade, record.rated_on, record.public_until,
        record.status.value, record.scheme, record.authority_name, present_subject(subject), (record.grade,),
        valid_until=_valid_until(record.valid_until), state=record.grade, year=record.year,
    )  # fmt: skip


def present_rating_detail(record: Rating, subject: Subject, public: PublicSubject | None = None) -> RatingDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return RatingDetail(
        id=record.id,
        subject=public or present_subject(subject),
        scheme=record.scheme,
        scheme_note=record.scheme_note,
        grade=record.grade,
        score=_score(record.score),
        year=record.year,
        rated_on=record.rated_on,
        valid_until=_valid_until(record.valid_until),
        authority_name=record.authority_name,
        authority_uscc=record.authority_uscc,
        basis=scrub(record.basis, subject),
        source_name=record.source_name,
        source_uscc=record.source_uscc,
        public_until=record.public_until,
        status=record.status.value,
        remarks=scrub(record.remarks, subject),
        good=is_good_rating(record.scheme, record.grade),
    )


@dataclass(frozen=True, slots=True)
class InspectionDetail:
    id: int
    subject: PublicSubject
    doc_no: str  # 检查编号
    task_name: str | None
    check_type: str
    matters: str
    method: str | None
    inspected_on: date
    result: str
    conclusion: str
    follow_up: str | None
    authority_name: str
    authority_uscc: str
    source_name: str
    source_uscc: str
    public_until: date | None
    status: str
    remarks: str | None
    kind: RecordKind = RecordKind.INSPECTION


def inspection_text(record: Inspection, subject: Subject) -> str:
    """检查事项, 检查结论 and 后续处置, scrubbed (the spec's `searchable_text`)."""
    return _joined((record.task_name, record.matters, record.conclusion, record.follow_up), subject)


def present_inspection(record: Inspection, subject: Subject) -> PublicRecord:
    return PublicRecord(
        RecordKind.INSPECTION, record.id, record.doc_no, scrub(record.task_name or record.matters, subject) or "",
        record.inspected_on, record.public_until, record.status.value, record.check_type, record.authority_name,
        present_subject(subject), (record.check_type,), state=record.result,
    )  # fmt: skip


def present_inspection_detail(
    record: Inspection, subject: Subject, public: PublicSubject | None = None
) -> InspectionDetail:
    """`public`: the subject already presented (exports present each subject once)."""
    return InspectionDetail(
        id=record.id,
        subject=public or present_subject(subject),
        doc_no=record.doc_no,
        task_name=scrub(record.task_name, subject),
        check_type=record.check_type,
        matters=scrub(record.matters, subject) or "",
        method=record.method,
        inspected_on=record.inspected_on,
        result=record.result,
        conclusion=scrub(record.conclusion, subject) or "",
        follow_up=scrub(record.follow_up, subject),
        authority_name=record.authority_name,
        authority_uscc=record.authority_uscc,
        source_name=record.source_name,
        source_uscc=record.source_uscc,
        public_until=record.public_until,
        status=record.status.value,
        remarks=scrub(record.remarks, subject),
    )
