"""Decisions for upstream sync: the records whose status staff changed, as CSV in the data standard + 状态.

One file per record kind, with the columns of data-standard §4–§6 followed by 状态 (the record's status now),
状态变更日期 and 办理编号, so 信用中国 and provincial sites can apply withdrawals, repairs and objection marks.
It is a staff-only file for a government platform: it carries the identifiers that form the natural key,
including ID numbers of natural persons, exactly as the source department delivered them. 公示截止期 holds the
effective end (after any shift for a rejected objection), not the source's original value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.clock import CHINA_TZ
from portal.models import ListEntry, Penalty, Permit, RecordHistory, Subject
from portal.review.effects import MODELS
from portal.tabular import safe_cell

STATUS_COLUMNS = ("状态", "状态变更日期", "办理编号")
STATUS_ZH = {
    "published": "公示中",
    "not_public": "不予公示",
    "under_objection": "异议处理中",
    "withdrawn": "已撤销",
    "repaired": "已修复",
}
KIND_ZH = {"legal": "法人及非法人组织", "individual_business": "个体工商户", "natural_person": "自然人"}
SEVERITY_ZH = {"minor": "轻微", "general": "一般", "serious": "严重"}
CATEGORY_ZH = {"redlist": "红名单", "blacklist": "严重失信主体名单", "watchlist": "重点关注名单"}


def _subject(s: Subject) -> list[object]:
    return [s.name, KIND_ZH.get(s.kind.value, s.kind.value), s.uscc, s.reg_no, s.org_code, s.tax_no,
            s.institution_no, s.social_org_no, s.legal_rep, s.legal_rep_id_type, s.legal_rep_id_number,
            s.id_type, s.id_number]  # fmt: skip


def _penalty(r: Penalty, s: Subject) -> list[object]:
    return [*_subject(s), r.decision_no, r.violation_type, r.facts, r.basis, r.punishment_types, r.content,
            r.fine_amount, r.confiscated_amount, r.licence_info, r.decided_on, r.effective_until, r.public_until,
            r.authority_name, r.authority_uscc, r.source_name, r.source_uscc, SEVERITY_ZH[r.severity.value],
            r.remarks]  # fmt: skip


def _permit(r: Permit, s: Subject) -> list[object]:
    return [*_subject(s), r.doc_title, r.doc_no, r.category, r.certificate_name, r.certificate_no, r.content,
            r.decided_on, r.valid_from, r.valid_until, r.authority_name, r.authority_uscc, r.state.value,
            r.source_name, r.source_uscc, r.remarks]  # fmt: skip


def _list_entry(r: ListEntry, s: Subject) -> list[object]:
    person = s.kind.value != "legal"
    return [CATEGORY_ZH[r.category.value], r.list_name, s.name, KIND_ZH[s.kind.value], s.uscc, s.legal_rep,
            s.id_type if person else s.legal_rep_id_type, s.id_number if person else s.legal_rep_id_number,
            r.reason, r.basis, r.doc_no, r.recognised_by, r.recognised_by_uscc, r.listed_on, r.valid_until,
            r.removed_on, r.removal_reason, r.source_name, r.source_uscc, r.remarks]  # fmt: skip


ROWS = {"penalty": _penalty, "permit": _permit, "list": _list_entry}


def decision_rows(session: Session, kind: str, since: date) -> Iterator[list[str]]:
    """Header, then one row per record of `kind` changed by staff on or after `since` (China dates)."""
    model = MODELS[kind]
    start = datetime.combine(since, time.min, CHINA_TZ).astimezone(UTC)
    changes = (
        sa.select(RecordHistory.record_id, sa.func.max(RecordHistory.id).label("last"))
        .where(RecordHistory.record_kind == kind, RecordHistory.batch_id.is_(None), RecordHistory.changed_at >= start)
        .group_by(RecordHistory.record_id)
        .subquery()
    )
    query = (
        sa.select(model, Subject, RecordHistory)
        .join(changes, changes.c.record_id == model.id)
        .join(RecordHistory, RecordHistory.id == changes.c.last)
        .join(Subject, Subject.id == model.subject_id)
        .order_by(RecordHistory.changed_at, model.id)
    )
    yield [*kinds.spec(kind).import_format.columns, *STATUS_COLUMNS]
    for record, subject, change in session.execute(query):
        reference = (change.reason or "").split("：", 1)[0]
        changed_on = change.changed_at.astimezone(CHINA_TZ).date()
        row = [*ROWS[kind](record, subject), STATUS_ZH[record.status.value], changed_on, reference]
        yield [safe_cell(v) for v in row]


def to_csv(rows: Iterator[list[str]]) -> Iterator[str]:
    """UTF-8 with BOM (data-standard §1, and Excel opens it), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff"
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
