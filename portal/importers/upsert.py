"""Writes parsed rows: insert new records, version changed ones (history kept), skip unchanged ones."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import publicity, text
from portal.domain.publicity import RecordStatus
from portal.importers.records import ParsedRow, automatic_hold
from portal.importers.subject_store import SubjectStore
from portal.kind_spec import KindSpec
from portal.models import Department, ImportBatch, RecordHistory, SearchOutbox
from portal.models.base import UTCDateTime, utcnow

AUTOMATIC_HOLDS = frozenset({"轻微", "未成年人", "待确认成年", "政务共享", "不公开"})


def _column(model: Any, attribute: str) -> str:
    """The column behind a shared attribute name (a synonym on some kinds), as parsed rows name their values."""
    return str(getattr(model, attribute).expression.key)


@dataclass
class ChunkOutcome:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: list[tuple[ParsedRow, int]] = field(default_factory=list)  # (row, first line with its key)


class RecordWriter:
    """One import batch's writer; every write happens in the caller's transaction."""

    def __init__(self, session: Session, spec: KindSpec, batch: ImportBatch, *, publish_minor_penalties: bool) -> None:
        self.session = session
        self.spec = spec
        self.kind = spec.kind.value
        self.model = spec.model
        self.key_columns = spec.key_columns
        self.authority_columns = (_column(spec.model, "authority_name"), _column(spec.model, "authority_uscc"))
        self.batch = batch
        self.publish_minor = publish_minor_penalties
        self.subjects = SubjectStore(session)
        self.seen: dict[tuple[object, ...], int] = {}  # db key -> line, catches merges of differently keyed rows
        self.departments: dict[str, str] = {}
        self._check = spec.import_check(session) if spec.import_check else None

    def check(self, row: ParsedRow) -> None:
        """Checks that need reference data, if the kind has any (list names against the catalogue)."""
        if self._check is not None:
            self._check(row)

    def write(self, rows: list[ParsedRow]) -> ChunkOutcome:
        outcome = ChunkOutcome()
        if not rows:
            return outcome
        subject_ids = self.subjects.resolve(rows)
        keyed: list[tuple[tuple[object, ...], ParsedRow]] = []
        for row, sid in zip(rows, subject_ids, strict=True):
            key = (*(row.values[c] for c in self.key_columns), sid)
            if key in self.seen:
                outcome.duplicates.append((row, self.seen[key]))
                continue
            self.seen[key] = row.line_no
            row.values["subject_id"] = sid
            keyed.append((key, row))
        existing = self._existing([k for k, _ in keyed])
        inserts: list[ParsedRow] = []
        for key, row in keyed:
            self._remember_departments(row)
            old = existing.get(key)
            if old is None:
                inserts.append(row)
            elif old["row_hash"] == row.row_hash and old["batch_id"] == self.batch.id:
                # written by this batch before it was interrupted (a resumed import, run.py): counted as then
                outcome.imported += old["version"] == 1
                outcome.updated += old["version"] != 1
            elif old["row_hash"] == row.row_hash:
                outcome.unchanged += 1
            else:
                self._update(old, row)
                outcome.updated += 1
        self._insert(inserts)
        outcome.imported += len(inserts)
        return outcome

    def _existing(self, keys: list[tuple[object, ...]]) -> dict[tuple[object, ...], dict[str, object]]:
        if not keys:
            return {}
        model = self.model
        columns = [getattr(model, c) for c in self.key_columns]
        first = {k[0] for k in keys}
        # the subjects too: a kind's first key column may take few values (a rating's 评价体系 and year)
        subjects = {k[-1] for k in keys}
        query = sa.select(*model.__table__.columns).where(  # Core rows: no identity map
            columns[0].in_(first), model.subject_id.in_(subjects)
        )
        found = {}
        wanted = set(keys)
        for record in self.session.execute(query).mappings():
            key = (*(record[c] for c in self.key_columns), record["subject_id"])
            if key in wanted:
                found[key] = dict(record)
        return found

    def _status(self, row: ParsedRow, old: dict[str, object] | None) -> tuple[RecordStatus, str | None]:
        """Automatic holds are recomputed; staff states (objection, withdrawal, repair, 不予公示) are kept."""
        if old is not None:
            status, hold = RecordStatus(str(old["status"])), old["hold_reason"]
            staff_state = status not in (RecordStatus.PUBLISHED, RecordStatus.NOT_PUBLIC)
            if staff_state or (status is RecordStatus.NOT_PUBLIC and hold not in AUTOMATIC_HOLDS):
                return status, hold  # type: ignore[return-value]
        hold = automatic_hold(row, publish_minor_penalties=self.publish_minor)
        return (RecordStatus.NOT_PUBLIC if hold else RecordStatus.PUBLISHED), hold

    def _common(self, row: ParsedRow, old: dict[str, object] | None) -> dict[str, object]:
        status, hold = self._status(row, old)
        values = dict(row.values)
        suspended = int(old["suspended_days"]) if old else 0  # type: ignore[call-overload]
        until = values["public_until"]
        if suspended and isinstance(until, date):
            values["public_until"] = publicity.shift_end(until, suspended)
        values.update(
            status=status,
            hold_reason=hold,
            row_hash=row.row_hash,
            batch_id=self.batch.id,
            line_no=row.line_no,
        )
        return values

    def _insert(self, rows: list[ParsedRow]) -> None:
        if not rows:
            return
        # Plain executemany: RETURNING with sorted parameters is very slow on SQLite; outbox rows are added
        # for the whole batch in finish().
        self.session.execute(sa.insert(self.model.__table__), [self._common(row, None) for row in rows])

    def _update(self, old: dict[str, object], row: ParsedRow) -> None:
        values = self._common(row, old)
        values["id"] = old["id"]
        values["version"] = int(old["version"]) + 1  # type: ignore[call-overload]
        self.session.add(
            RecordHistory(
                record_kind=self.kind,
                record_id=old["id"],
                version=old["version"],
                data=json.dumps(old, default=str, ensure_ascii=False),
                from_status=str(old["status"]),
                to_status=str(values["status"]),
                batch_id=self.batch.id,
                line_no=row.line_no,
                reason="数据来源单位重新报送，更新为新版本",
            )
        )
        self.session.execute(sa.update(self.model), [values])

    def _remember_departments(self, row: ParsedRow) -> None:
        name_col, uscc_col = self.authority_columns
        pairs = ((row.values[name_col], row.values[uscc_col]), (row.values["source_name"], row.values["source_uscc"]))
        for name, uscc in pairs:
            if uscc:
                self.departments[str(uscc)] = str(name)

    def finish(self) -> None:
        """Queues every record this batch inserted or changed for indexing, and upserts its departments."""
        if self.spec.after_import is not None:
            self.spec.after_import(self.session, self.batch.id)  # queues the other records it changes itself
        table = self.model.__table__
        changed = sa.select(sa.literal(self.kind), table.c.id, sa.literal(utcnow(), UTCDateTime())).where(
            table.c.batch_id == self.batch.id
        )
        outbox = SearchOutbox.__table__
        self.session.execute(
            outbox.insert().from_select([outbox.c.record_kind, outbox.c.record_id, outbox.c.created_at], changed)
        )
        query = sa.select(Department).where(Department.uscc.in_(self.departments))
        known = {d.uscc: d for d in self.session.scalars(query)}
        for uscc, name in self.departments.items():
            if uscc in known:
                if known[uscc].name != name:
                    known[uscc].name = name
            else:
                self.session.add(Department(uscc=uscc, name=text.clean(name)))
