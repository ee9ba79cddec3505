"""Export for the provincial / national platform (data-standard §16): one CSV per kind with exactly the standard's
header, one row per current record version changed since the last export (or since a date, or all), a manifest
line `kind,rows,from,to,sha256`, the cursor stored and every export audited with who, when and which records.

The rows are each kind's upstream row (KindSpec.upstream_row, the one definition of "a record as the standard's
columns"), with the identifiers as delivered — full ID numbers included: this file goes to the government
platform, never to the public. Withdrawn records are left out (their withdrawal reaches the platform through the
decisions export, portal/review/exports.py, which carries a status column).
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.clock import CHINA_TZ
from portal.domain.audit_actions import AuditAction
from portal.domain.publicity import RecordStatus
from portal.entry.services import cell_text, standard_labels
from portal.kind_spec import KindSpec
from portal.models import AuditEntry, Subject, UpstreamExport

MANIFEST = "manifest.csv"
MANIFEST_HEADER = ("kind", "rows", "from", "to", "sha256")
CHUNK = 1000


class SinceError(ValueError):
    """--since is neither last, all nor a date YYYY-MM-DD."""


@dataclass(frozen=True, slots=True)
class Since:
    start: datetime | None  # None: every record
    inclusive: bool  # a date includes its first moment; a cursor excludes the moment already exported


@dataclass(frozen=True, slots=True)
class ExportResult:
    export_id: int
    kind: str
    rows: int
    path: Path
    manifest: Path
    since: datetime | None
    until: datetime
    sha256: str


def parse_since(session: Session, kind: str, value: str) -> Since:
    """`last` (where the previous export of the kind ended; all when there was none), `all`, or a China date."""
    value = (value or "last").strip().lower()
    if value == "last":
        query = sa.select(sa.func.max(UpstreamExport.until)).where(UpstreamExport.kind == kind)
        last = session.scalar(query)
        return Since(last.replace(tzinfo=UTC) if last and last.tzinfo is None else last, False)
    if value == "all":
        return Since(None, True)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise SinceError(value) from None
    if len(value) != 10 or not date(1949, 10, 1) <= day <= date(2099, 12, 31):
        raise SinceError(value)
    return Since(datetime.combine(day, time.min, CHINA_TZ).astimezone(UTC), True)


def stamp(moment: datetime | None) -> str:
    return moment.astimezone(CHINA_TZ).isoformat(timespec="seconds") if moment else ""


def _records(session: Session, spec: KindSpec, since: Since, until: datetime) -> Iterator[Any]:
    model = spec.model
    where = [model.updated_at <= until, model.status != RecordStatus.WITHDRAWN]
    if since.start is not None:
        where.append(model.updated_at >= since.start if since.inclusive else model.updated_at > since.start)
    query = (sa.select(model, Subject).join(Subject, Subject.id == model.subject_id).where(*where)
             .order_by(model.updated_at, model.id).execution_options(yield_per=CHUNK))  # fmt: skip
    yield from session.execute(query)  # rows unpack as (record, subject)


def _ranges(ids: list[int]) -> str:
    """1,2,3,7 -> "1-3,7": which records, compactly enough for the audit entry of a large export."""
    out: list[str] = []
    for value in sorted(ids):
        if out and "-" in out[-1] and int(out[-1].split("-")[1]) == value - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{value}"
        elif out and "-" not in out[-1] and int(out[-1]) == value - 1:
            out[-1] = f"{out[-1]}-{value}"
        else:
            out.append(str(value))
    return ",".join(out)


def export_kind(session: Session, spec: KindSpec, out_dir: Path, since: Since, *, now: datetime, actor: str,
                actor_id: int | None = None) -> ExportResult:  # fmt: skip
    """Write the kind's CSV and its manifest line into `out_dir`, store the cursor, audit, commit."""
    kind = spec.kind.value
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{kind}-{now.astimezone(CHINA_TZ):%Y%m%d-%H%M%S}"
    path, n = out_dir / f"{stem}.csv", 1
    while path.exists():  # two exports within one second: never overwrite a file the platform may have fetched
        n += 1
        path = out_dir / f"{stem}-{n}.csv"
    part = path.with_name(path.name + ".part")
    zh = standard_labels()
    ids: list[int] = []
    digest = hashlib.sha256()
    with part.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(spec.import_format.columns)
        for record, subject in _records(session, spec, since, now):
            writer.writerow([cell_text(v) for v in spec.upstream_row(record, subject, zh)])
            ids.append(record.id)  # type: ignore[attr-defined]
    with part.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    os.replace(part, path)
    sha = digest.hexdigest()
    manifest = out_dir / MANIFEST
    is_new = not manifest.exists()
    with manifest.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        if is_new:
            writer.writerow(MANIFEST_HEADER)
        writer.writerow([kind, len(ids), stamp(since.start), stamp(now), sha])
    row = UpstreamExport(kind=kind, since=since.start, until=now, rows=len(ids), sha256=sha, path=str(path)[:1024],
                         actor=actor[:254], actor_id=actor_id)  # fmt: skip
    session.add(row)
    session.flush()
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action=AuditAction.UPSTREAM_EXPORT,
                           target=f"{kind}:export:{row.id}", at=now,
                           reason=f"rows={len(ids)} from={stamp(since.start)} to={stamp(now)} sha256={sha} "
                                  f"records={_ranges(ids)}"))  # fmt: skip
    session.commit()
    return ExportResult(row.id, kind, len(ids), path, manifest, since.start, now, sha)


def recent(session: Session, limit: int = 50) -> list[UpstreamExport]:
    return list(session.scalars(sa.select(UpstreamExport).order_by(UpstreamExport.id.desc()).limit(limit)))
