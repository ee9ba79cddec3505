"""Idempotent import of one file: streams rows, writes the rejects file, returns the summary counts."""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.importers.cells import RowReader
from portal.importers.formats import HeaderError
from portal.importers.headers import recognise
from portal.importers.readers import Cell, UnreadableFile, open_table
from portal.importers.records import ParsedRow
from portal.importers.upsert import RecordWriter
from portal.models import ImportBatch, RejectedRow
from portal.models.base import utcnow

log = logging.getLogger(__name__)
CHUNK_ROWS = 1000


class ImportFileError(Exception):
    """The file as a whole cannot be imported (exit 2); nothing was written."""


@dataclass
class ImportResult:
    batch_id: int
    imported: int = 0
    updated: int = 0
    rejected: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    rejects_path: Path | None = None
    dry_run: bool = False  # the counts of a dry run: nothing was saved, batch_id names no stored batch

    @property
    def summary(self) -> str:
        return f"imported={self.imported} updated={self.updated} rejected={self.rejected}"


def rejects_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- Transactions (issue 23) -----------------------------------------------------------------------------------
# An import commits after every chunk of CHUNK_ROWS rows, so that a long import never holds the database's write
# lock for long (SQLite has one writer) and never builds a huge transaction. It is *resumable*, not rolled back:
# a killed or failed import leaves the chunks it committed, under its ImportBatch with finished_at unset (records
# are upserted on their natural key, so they are complete and valid rows). Running the same file again (same kind,
# file name and source) resumes that batch: committed rows are found unchanged, the rest is written, and the end
# state is the one a clean import gives — the same records, history, batch counts, rejected rows and search outbox
# (finish() queues every record of the batch). Until the re-run, the committed part is visible on public pages
# but not yet in search. The last chunk commits together with finish() (counts, outbox): a file of fewer than
# CHUNK_ROWS rows is still imported all or nothing.


def start_batch(session: Session, kind: str, filename: str, source_label: str | None) -> ImportBatch:
    """The unfinished batch of an earlier run of this file, emptied of its rejected rows; else a new batch."""
    unfinished = sa.select(ImportBatch).where(
        ImportBatch.kind == kind,
        ImportBatch.filename == filename,
        ImportBatch.source_label.is_(None) if source_label is None else ImportBatch.source_label == source_label,
        ImportBatch.finished_at.is_(None),
    )
    batch = session.scalars(unfinished.order_by(ImportBatch.id.desc()).limit(1)).first()
    if batch is None:
        batch = ImportBatch(kind=kind, filename=filename, source_label=source_label)
        session.add(batch)
    else:
        log.info("resuming unfinished import", extra={"batch_id": batch.id, "kind": kind})
        session.execute(sa.delete(RejectedRow).where(RejectedRow.batch_id == batch.id))  # the re-run finds them again
    session.flush()  # committed with the first full chunk: a file of one chunk stays all or nothing
    return batch


def import_file(
    session: Session,
    path: Path,
    kind: str,
    *,
    today: date,
    source_label: str | None = None,
    publish_minor_penalties: bool = False,
    progress: Callable[[int], None] | None = None,
    on_size: Callable[[int], None] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import `path` as `kind`, committing every CHUNK_ROWS rows; resumable (see "Transactions" above).

    Raises ImportFileError for an unreadable file or an unknown header (data-standard §1), ValueError for a kind
    that is not in the registry. A dry run reads and checks every row and writes the rejects file, then rolls the
    transaction back: the counts say what an import would do, and the database is unchanged.
    """
    spec = kinds.spec(kind)
    fmt = spec.import_format
    try:
        table = open_table(path, progress)
    except (UnreadableFile, OSError) as exc:
        raise ImportFileError(str(exc)) from None
    rejects_final = rejects_path_for(path)
    rejects_tmp = rejects_final.with_name(rejects_final.name + ".part")
    try:
        try:
            header = recognise(fmt, table)
        except HeaderError as exc:
            raise ImportFileError(str(exc)) from None
        if on_size:
            on_size(table.size)
        batch = start_batch(session, spec.kind.value, path.name[:512], source_label)  # see "Transactions" above
        result = ImportResult(batch_id=batch.id, dry_run=dry_run)
        hmap = header.map
        result.warnings.extend(header.warnings)
        writer = RecordWriter(session, spec, batch, publish_minor_penalties=publish_minor_penalties)
        parse = spec.parse_row
        seen: dict[tuple[str, ...], int] = {}
        with rejects_tmp.open("w", encoding="utf-8-sig", newline="") as out:
            rejects = csv.writer(out)
            rejects.writerow(["行号", "原因", *header.cells])

            def reject(line_no: int, reasons: list[str], cells: list[Cell]) -> None:
                result.rejected += 1
                joined = "；".join(dict.fromkeys(reasons))
                rejects.writerow([line_no, joined, *(_cell_text(c) for c in cells)])
                session.add(RejectedRow(batch_id=batch.id, line_no=line_no, reasons=joined))

            def flush(chunk: list[ParsedRow]) -> None:
                outcome = writer.write(chunk)
                result.imported += outcome.imported
                result.updated += outcome.updated
                result.unchanged += outcome.unchanged
                duplicates = {id(row) for row, _first in outcome.duplicates}
                for row, first in outcome.duplicates:
                    reject(row.line_no, [f"文件内重复：与第{first}行自然键相同"], row.cells)
                for row in chunk:
                    if id(row) not in duplicates:
                        result.warnings.extend(f"第{row.line_no}行 警告：{w}" for w in row.warnings)

            chunk: list[ParsedRow] = []
            for line_no, cells in header.rows:
                r = RowReader(hmap, cells, line_no, today)
                if r.ok and r.is_blank_row():
                    continue
                parsed = parse(r)
                if parsed is not None and parsed.key in seen:
                    r.reasons.append(f"文件内重复：与第{seen[parsed.key]}行自然键相同")
                if parsed is None or not r.ok:
                    reject(line_no, r.reasons or ["数据无效"], cells)
                    continue
                seen[parsed.key] = line_no
                parsed.cells = cells
                parsed.warnings[:0] = r.warnings
                writer.check(parsed)
                chunk.append(parsed)
                if len(chunk) >= CHUNK_ROWS:
                    flush(chunk)
                    if not dry_run:  # a dry run stays one transaction, rolled back at the end
                        session.commit()  # one chunk per transaction: readers and other writers get their turn
                    chunk = []
            flush(chunk)
            result.warnings.extend(header.trailing_warnings)
        writer.finish()
        batch.imported, batch.updated = result.imported, result.updated
        batch.rejected, batch.unchanged = result.rejected, result.unchanged
        batch.warnings = "\n".join(result.warnings) or None
        batch.finished_at = utcnow()
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        rejects_tmp.unlink(missing_ok=True)
        raise
    finally:
        table.close()
    os.replace(rejects_tmp, rejects_final)
    result.rejects_path = rejects_final
    log.info(
        "import finished",
        extra={
            "batch_id": result.batch_id,
            "dry_run": dry_run,
            "kind": spec.kind.value,
            "imported": result.imported,
            "updated": result.updated,
            "rejected": result.rejected,
            "unchanged": result.unchanged,
        },
    )
    return result
