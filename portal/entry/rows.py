"""Rows without a file (data-standard §15): staff entry and department push, through the importer's own rules.

Each item becomes the cells of one file row in the kind's standard column order and goes through exactly what a
file row goes through — RowReader (§2 value rules), the kind's row parser, its reference checks and RecordWriter
(upsert on the natural key, versions, publicity, search outbox, departments) — so it gets the same reasons and
the same idempotency: the same item twice is `unchanged`. Items of one call form one ImportBatch and one
transaction; each answers with its own outcome.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import entry
from portal.domain.audit_actions import AuditAction
from portal.importers.cells import RowReader
from portal.importers.formats import HeaderMap
from portal.importers.records import ParsedRow
from portal.importers.upsert import RecordWriter
from portal.kind_spec import KindSpec
from portal.models import AuditEntry, ImportBatch, RecordHistory, RejectedRow
from portal.models.base import utcnow

IMPORTED, UPDATED, UNCHANGED, REJECTED = "imported", "updated", "unchanged", "rejected"


@dataclass(frozen=True, slots=True)
class Submitter:
    """Who sends the rows: a staff member (channel "entry") or a department key (channel "api")."""

    actor: str  # staff e-mail or "apikey:<prefix>"
    actor_id: int | None
    department_uscc: str | None  # rows must name it as 数据来源单位; None = any department (信用办 staff)
    channel: str


@dataclass(slots=True)
class ItemOutcome:
    index: int
    status: str
    reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    record_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "status": self.status, "reasons": self.reasons,
                               "warnings": self.warnings}  # fmt: skip
        if self.record_id is not None:
            out["record_id"] = self.record_id
        return out


@dataclass(slots=True)
class Outcome:
    batch_id: int | None
    items: list[ItemOutcome]

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    @property
    def summary(self) -> str:
        return " ".join(f"{s}={self.count(s)}" for s in (IMPORTED, UPDATED, REJECTED, UNCHANGED))


@dataclass(frozen=True, slots=True)
class Correction:
    """A staff correction of one stored record: the row must keep its natural key; the reason goes in the history."""

    record_id: int
    reason: str


def header_of(spec: KindSpec) -> HeaderMap:
    columns = spec.import_format.columns
    return HeaderMap({c: i for i, c in enumerate(columns)}, len(columns), ())


def _cells(spec: KindSpec, item: object, out: ItemOutcome) -> list[object] | None:
    """The item's values in the standard's column order; None (with reasons) when it cannot be a row at all."""
    if not isinstance(item, dict):
        out.reasons.append(entry.NOT_AN_OBJECT)
        return None
    columns = spec.import_format.columns
    cells: list[object] = []
    for column in columns:
        value, ok = entry.json_cell(item.get(column))
        if not ok:
            out.reasons.append(entry.wrong_type(column))
        cells.append(value)
    unknown = entry.unknown_keys_warning(str(k) for k in item if k not in columns)
    if unknown:
        out.warnings.append(unknown)
    return None if out.reasons else cells


def _record_id(session: Session, spec: KindSpec, row: ParsedRow) -> int | None:
    model = spec.model
    where = [getattr(model, c) == row.values[c] for c in spec.key_columns]
    return session.scalar(sa.select(model.id).where(*where, model.subject_id == row.values["subject_id"]))


def apply_items(session: Session, spec: KindSpec, items: list[object], *, submitter: Submitter, today: date,
                now: datetime, publish_minor_penalties: bool,
                correction: Correction | None = None) -> Outcome:  # fmt: skip
    """Check and write the items as one batch, audit it and commit. Nothing is written when every item is
    rejected, or when a correction would not update its own record (then its reason says why)."""
    kind = spec.kind.value
    batch = ImportBatch(kind=kind, filename=f"{submitter.channel}:{submitter.actor}"[:512],
                        source_label=f"{submitter.channel}:{submitter.actor}"[:256], started_at=now)  # fmt: skip
    session.add(batch)
    session.flush()
    writer = RecordWriter(session, spec, batch, publish_minor_penalties=publish_minor_penalties)
    hmap = header_of(spec)
    seen: dict[tuple[str, ...], int] = {}
    results: list[ItemOutcome] = []
    for index, item in enumerate(items):
        out = ItemOutcome(index, REJECTED)
        results.append(out)
        cells = _cells(spec, item, out)
        if cells is None:
            continue
        r = RowReader(hmap, cells, index + 1, today)
        if r.ok and r.is_blank_row():
            out.reasons.append(entry.EMPTY_ITEM)
            continue
        if submitter.department_uscc is not None and r.code(entry.SOURCE_USCC_COLUMN) != submitter.department_uscc:
            r.reasons.append(entry.WRONG_DEPARTMENT)
        parsed = spec.parse_row(r)
        if parsed is not None and parsed.key in seen:
            r.reasons.append(f"请求内重复：与第{seen[parsed.key]}项自然键相同")
        if parsed is None or not r.ok:
            out.reasons.extend(dict.fromkeys(r.reasons or ["数据无效"]))
            continue
        seen[parsed.key] = index
        parsed.cells = cells
        writer.check(parsed)
        written = writer.write([parsed])
        out.warnings.extend([*r.warnings, *parsed.warnings])
        if written.duplicates:
            out.reasons.append(f"请求内重复：与第{written.duplicates[0][1] - 1}项自然键相同")
            continue
        out.status = IMPORTED if written.imported else UPDATED if written.updated else UNCHANGED
        out.record_id = _record_id(session, spec, parsed)
    outcome = Outcome(batch.id, results)
    if correction is not None and not _fits(session, outcome, correction, submitter, now):
        session.rollback()
        outcome.batch_id = None
        return outcome
    if all(item.status == REJECTED for item in results) and submitter.channel == "entry":
        session.rollback()  # a form that was refused leaves no trace but the answer
        outcome.batch_id = None
        return outcome
    _finish(session, writer, batch, outcome, submitter, kind, now)
    return outcome


def _fits(session: Session, outcome: Outcome, correction: Correction, submitter: Submitter, now: datetime) -> bool:
    """A correction must update (or leave unchanged) the record it corrects: the natural key stays."""
    item = outcome.items[0]
    if item.status == REJECTED:
        return False
    if item.record_id != correction.record_id or item.status == IMPORTED:
        item.status, item.record_id = REJECTED, None
        item.reasons.append("更正不得改变自然键（文号、主体等）；如需更改，请撤回本记录后重新录入")
        return False
    superseded = sa.select(RecordHistory).where(RecordHistory.batch_id == outcome.batch_id,
                                                 RecordHistory.record_id == correction.record_id)  # fmt: skip
    for version in session.scalars(superseded):  # the version the writer just kept: who corrected it and why
        version.actor, version.reason, version.changed_at = submitter.actor[:256], f"更正：{correction.reason}", now
    return True


def _finish(session: Session, writer: RecordWriter, batch: ImportBatch, outcome: Outcome, submitter: Submitter,
            kind: str, now: datetime) -> None:  # fmt: skip
    writer.finish()
    session.execute(sa.update(RecordHistory).where(RecordHistory.batch_id == batch.id, RecordHistory.actor.is_(None))
                    .values(actor=submitter.actor[:256]))  # fmt: skip
    for item in outcome.items:
        if item.status == REJECTED:
            session.add(RejectedRow(batch_id=batch.id, line_no=item.index + 1, reasons="；".join(item.reasons)))
    batch.imported, batch.updated = outcome.count(IMPORTED), outcome.count(UPDATED)
    batch.rejected, batch.unchanged = outcome.count(REJECTED), outcome.count(UNCHANGED)
    warnings = [f"第{i.index + 1}项 警告：{w}" for i in outcome.items for w in i.warnings]
    batch.warnings = "\n".join(warnings) or None
    batch.finished_at = utcnow()
    changed = [f"{i.index}:{i.status}:{i.record_id}" for i in outcome.items if i.record_id is not None]
    action = AuditAction.RECORD_ENTRY if submitter.channel == "entry" else AuditAction.API_PUSH
    session.add(AuditEntry(actor=submitter.actor[:254], actor_id=submitter.actor_id, action=action,
                           target=f"{kind}:batch:{batch.id}",
                           reason=f"{outcome.summary} {json.dumps(changed)}"[:10000], at=now))  # fmt: skip
    session.commit()
