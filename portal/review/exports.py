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
from portal.i18n import CATEGORY_LABELS, RECORD_STATUS_LABELS, SEVERITY_LABELS, SUBJECT_KIND_LABELS, labels_in
from portal.kind_outputs import UpstreamLabels
from portal.models import RecordHistory, Subject
from portal.tabular import safe_cell

STATUS_COLUMNS = ("状态", "状态变更日期", "办理编号")
# The file is defined as Chinese (the data standard's wording), whatever the language of the staff page.
EXPORT_LOCALE = "zh_CN"


def decision_rows(session: Session, kind: str, since: date) -> Iterator[list[str]]:
    """Header, then one row per record of `kind` changed by staff on or after `since` (China dates).

    Not a generator itself: the Chinese labels are rendered now, in the caller's app context, so rows streamed
    later need no context of their own.
    """
    zh = UpstreamLabels(labels_in(EXPORT_LOCALE, SUBJECT_KIND_LABELS), labels_in(EXPORT_LOCALE, SEVERITY_LABELS),
                        labels_in(EXPORT_LOCALE, CATEGORY_LABELS))  # fmt: skip
    return _rows(session, kinds.spec(kind), since, zh, labels_in(EXPORT_LOCALE, RECORD_STATUS_LABELS))


def _rows(session: Session, spec: kinds.KindSpec, since: date, zh: UpstreamLabels, status_zh: dict[str, str]
          ) -> Iterator[list[str]]:  # fmt: skip
    model, kind = spec.model, spec.kind.value
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
    yield [*spec.import_format.columns, *STATUS_COLUMNS]
    for record, subject, change in session.execute(query):
        reference = (change.reason or "").split("：", 1)[0]
        changed_on = change.changed_at.astimezone(CHINA_TZ).date()
        row = [*spec.upstream_row(record, subject, zh), status_zh[record.status.value], changed_on, reference]
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
