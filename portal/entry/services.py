"""Staff entry use cases beside the row pipeline: known subjects for auto-completion, a stored record as form
values, finding records to correct, withdrawal with a reason, and a record's version history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import text
from portal.domain.audit_actions import AuditAction
from portal.domain.kinds import SubjectKind
from portal.domain.publicity import RecordStatus
from portal.i18n import CATEGORY_LABELS, SEVERITY_LABELS, SUBJECT_KIND_LABELS, labels_in
from portal.importers.formats import SUBJECT_COLUMNS
from portal.kind_outputs import UpstreamLabels
from portal.kind_spec import KindSpec
from portal.models import AuditEntry, RecordHistory, SearchOutbox, Subject

MAX_SUGGEST = 10
MAX_QUERY = 100
MAX_FOUND = 50
STANDARD_LOCALE = "zh_CN"  # the standard's values are Chinese, whatever the page's language
# Where a kind's format names the subject (data-standard §3, §6, §10): the columns a known subject fills in.
NAME_COLUMNS = ("行政相对人名称", "主体名称", "承诺人名称")
KIND_COLUMNS = ("行政相对人类别", "主体类别", "承诺人类别")
USCC_COLUMNS = ("行政相对人代码_1(统一社会信用代码)", "统一社会信用代码")
# The upstream row holds the effective value (after an objection's shift); a correction starts from what the
# source gave, so that sending the form back unchanged changes nothing.
AS_GIVEN = {"公示截止期": "given_public_until"}


def standard_labels() -> UpstreamLabels:
    return UpstreamLabels(labels_in(STANDARD_LOCALE, SUBJECT_KIND_LABELS),
                          labels_in(STANDARD_LOCALE, SEVERITY_LABELS),
                          labels_in(STANDARD_LOCALE, CATEGORY_LABELS))  # fmt: skip


def cell_text(value: object) -> str:
    """A stored value as the cell a department would have written."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


@dataclass(frozen=True, slots=True)
class KnownSubject:
    id: int
    name: str
    kind: str  # the standard's Chinese category
    uscc: str | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "uscc": self.uscc}


def known_subjects(session: Session, query: str) -> list[KnownSubject]:
    """Organisations and 个体工商户 by USCC prefix or name fragment. Natural persons are never offered: they are
    identified by an ID number, which the clerk types from the decision."""
    q = text.clean(query)[:MAX_QUERY]
    if len(q) < 2:
        return []
    code = text.normalize_code(q)
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    match = sa.or_(Subject.uscc.startswith(code, autoescape=True), Subject.name.like(pattern, escape="\\"))
    rows = session.scalars(sa.select(Subject).where(Subject.kind != SubjectKind.NATURAL_PERSON, match)
                           .order_by(sa.func.length(Subject.name), Subject.id).limit(MAX_SUGGEST))  # fmt: skip
    zh = labels_in(STANDARD_LOCALE, SUBJECT_KIND_LABELS)
    return [KnownSubject(s.id, s.name, zh.get(s.kind.value, s.kind.value), s.uscc) for s in rows]


def subject_values(session: Session, spec: KindSpec, subject_id: int) -> dict[str, str]:
    """The subject columns of the kind's format filled from a known organisation (never a natural person)."""
    subject = session.get(Subject, subject_id) if 0 < subject_id < 2**31 else None
    if subject is None or subject.kind is SubjectKind.NATURAL_PERSON:
        return {}
    zh = labels_in(STANDARD_LOCALE, SUBJECT_KIND_LABELS)
    columns = spec.import_format.columns
    out = {c: subject.name for c in NAME_COLUMNS if c in columns}
    out.update({c: zh.get(subject.kind.value, "") for c in KIND_COLUMNS if c in columns})
    out.update({c: subject.uscc or "" for c in USCC_COLUMNS if c in columns})
    if SUBJECT_COLUMNS[0] in columns:  # the 双公示 subject block: the old codes and the legal representative too
        codes = (subject.reg_no, subject.org_code, subject.tax_no, subject.institution_no, subject.social_org_no)
        out.update({c: v or "" for c, v in zip(SUBJECT_COLUMNS[3:8], codes, strict=True)})
        out[SUBJECT_COLUMNS[8]] = subject.legal_rep or ""
    return out


def record_values(session: Session, spec: KindSpec, record: Any) -> dict[str, str]:
    """A stored record as the standard's cells (the upstream row of its kind), to prefill a correction."""
    subject = session.get(Subject, record.subject_id)
    row = spec.upstream_row(record, subject, standard_labels())
    values = {c: cell_text(v) for c, v in zip(spec.import_format.columns, row, strict=False)}
    for column, attribute in AS_GIVEN.items():
        if column in values and hasattr(record, attribute):
            values[column] = cell_text(getattr(record, attribute))
    return values


def load(session: Session, spec: KindSpec, record_id: int, department: str | None) -> Any:
    """The record, or None when it does not exist or belongs to another department than `department`."""
    if not 0 < record_id < 2**31:
        return None
    record = session.get(spec.model, record_id)
    if record is None or (department is not None and record.source_uscc != department):
        return None
    return record


def find_records(session: Session, spec: KindSpec, query: str, department: str | None) -> list[Any]:
    """Records of the kind whose 文号 (as normalised for keys) contains the query, newest first."""
    q = text.doc_no_key(query[:MAX_QUERY])
    if not q:
        return []
    model = spec.model
    where = [model.doc_key.contains(q, autoescape=True)]
    if department is not None:
        where.append(model.source_uscc == department)
    return list(session.scalars(sa.select(model).where(*where).order_by(model.id.desc()).limit(MAX_FOUND)))


def withdraw(session: Session, spec: KindSpec, record: Any, *, actor: str, actor_id: int | None, reason: str,
             now: datetime) -> bool:  # fmt: skip
    """撤销 by staff: the record leaves public view at once and stays with its history; False if already withdrawn."""
    if record.status is RecordStatus.WITHDRAWN:
        return False
    kind, old = spec.kind.value, record.status
    snapshot = {"status": old.value, "public_until": record.public_until}
    session.add(RecordHistory(record_kind=kind, record_id=record.id, version=record.version,
                              data=json.dumps(snapshot, default=str, ensure_ascii=False), from_status=old.value,
                              to_status=RecordStatus.WITHDRAWN.value, actor=actor[:256], reason=f"撤回：{reason}",
                              changed_at=now))  # fmt: skip
    record.status = RecordStatus.WITHDRAWN
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action=AuditAction.RECORD_WITHDRAWN,
                           target=f"{kind}:{record.id}", reason=reason, at=now))  # fmt: skip
    session.add(SearchOutbox(record_kind=kind, record_id=record.id, created_at=now))
    session.commit()
    return True


def history(session: Session, spec: KindSpec, record_id: int) -> list[RecordHistory]:
    query = sa.select(RecordHistory).where(RecordHistory.record_kind == spec.kind.value,
                                           RecordHistory.record_id == record_id)  # fmt: skip
    return list(session.scalars(query.order_by(RecordHistory.id.desc())))
