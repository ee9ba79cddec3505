"""Keeping the index in step with the database: outbox draining, the daily sweep, and a full rebuild."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.indexing import cursors
from portal.indexing.documents import (
    BATCH,
    document_for_row,
    iter_documents,
    public_rows,
    record_key,
    subject_documents,
)
from portal.kind_spec import KindSpec
from portal.models import SearchOutbox
from portal.models.base import utcnow
from portal.visibility import public_on
from search.contract import Document, SearchBackend, SearchUnavailable

log = logging.getLogger(__name__)

SWEEP_DAYS = 7  # the daily sweep re-checks records that became public this many days back (missed runs)
SUBJECT = "subject"  # the outbox kind of a subject change: every record of the subject is re-checked


@dataclass(slots=True)
class Changes:
    upserts: list[Document]
    deletes: list[str]


def changes_for(session: Session, kind: str, ids: Iterable[int], today: date) -> tuple[Changes, set[int]]:
    """What the index must do for records `ids` of `kind` on `today`, and the subjects they touch."""
    ids = sorted(set(ids))
    out = Changes([], [])
    if kind == SUBJECT:
        for spec in kinds.specs():
            model = spec.model
            record_ids = session.scalars(sa.select(model.id).where(model.subject_id.in_(ids))).all()
            more, _touched = changes_for(session, spec.kind, record_ids, today)
            out.upserts += more.upserts
            out.deletes += more.deletes
        return out, set(ids)
    return _record_changes(session, kinds.spec(kind), ids, today, out)


def _record_changes(
    session: Session, spec: KindSpec, ids: list[int], today: date, out: Changes
) -> tuple[Changes, set[int]]:
    model = spec.model
    subjects: set[int] = set()
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        found: set[int] = set()
        for record, subject in public_rows(session, spec, today, model.id.in_(chunk)):
            out.upserts.append(document_for_row(spec, record, subject))
            found.add(record.id)
            subjects.add(subject.id)
        hidden = [x for x in chunk if x not in found]
        out.deletes += [record_key(spec.kind, x) for x in hidden]
        if hidden:
            subjects.update(session.scalars(sa.select(model.subject_id).where(model.id.in_(hidden))).all())
    return out, subjects


def apply_changes(session: Session, backend: SearchBackend, by_kind: dict[str, set[int]], today: date) -> int:
    """Re-check visibility of the given records (and their subjects) and upsert or delete their documents."""
    total = Changes([], [])
    subjects: set[int] = set()
    for kind, ids in by_kind.items():
        if kind != SUBJECT and kinds.find(kind) is None:
            log.warning("search outbox: unknown record kind %s ignored", kind)
            continue
        changes, touched = changes_for(session, kind, ids, today)
        total.upserts += changes.upserts
        total.deletes += changes.deletes
        subjects |= touched
    subject_docs, subject_gone = subject_documents(session, today, subjects)
    backend.upsert(total.upserts + subject_docs)
    backend.delete(total.deletes + subject_gone)
    return len(total.upserts) + len(total.deletes) + len(subject_docs) + len(subject_gone)


def drain_outbox(
    session: Session, backend: SearchBackend, today: date, *, limit: int = 1_000, node: str | None = None
) -> int:
    """Apply up to `limit` outbox rows this node's index has not applied yet (in order) and move its cursor past
    them; returns the number of rows applied. `node` defaults to the backend's node (portal/indexing/cursors.py).

    Rows stay queued when the index is unavailable (missing, locked): nothing is lost, a later drain or a
    reindex catches up. Several processes of one node may poll at once: one drains, the others find the cursor
    locked (PostgreSQL) or apply the same rows twice, which leaves the same index (SQLite). Commits.
    """
    name = node or cursors.node_name(backend)
    top = cursors.horizon(session)  # before the cursor is locked: the lock gives this transaction an id
    cursor = cursors.claim(session, name)
    if cursor is None:
        session.rollback()
        return 0
    rows = session.execute(cursors.after(cursor, top).limit(limit)).all()
    if not rows:
        if cursors.touch(cursor, top, utcnow()):
            session.commit()
        else:
            session.rollback()
        return 0
    by_kind: dict[str, set[int]] = defaultdict(set)
    for _id, _txid, kind, record_id in rows:
        by_kind[kind].add(record_id)
    try:
        apply_changes(session, backend, by_kind, today)
    except SearchUnavailable as exc:
        session.rollback()
        log.warning("search outbox not drained: %s", exc)
        return 0
    cursors.advance(cursor, (rows[-1].txid, rows[-1].id), top, complete=len(rows) < limit)
    session.commit()
    cursors.prune(session, utcnow())
    return len(rows)


@dataclass(frozen=True, slots=True)
class SweepResult:
    purged: int
    refreshed: int


def sweep(session: Session, backend: SearchBackend, today: date, *, days: int = SWEEP_DAYS) -> SweepResult:
    """The daily job: drop documents whose publicity ended, and index records whose publicity began on their own.

    A record's publicity can start (public_from) or end (public_until) with no write at all; the query filter
    already hides ended ones, this keeps the index small and adds the newly started ones.
    """
    purged = backend.purge_expired(today)
    since = today - timedelta(days=days)
    by_kind = {
        s.kind.value: set(session.scalars(sa.select(s.model.id).where(public_on(s.model, today),
                                                                       s.model.public_from > since)).all())
        for s in kinds.specs()
    }  # fmt: skip
    refreshed = apply_changes(session, backend, {k: v for k, v in by_kind.items() if v}, today)
    session.rollback()  # read-only on the database
    return SweepResult(purged, refreshed)


def reindex(
    session: Session,
    backend: SearchBackend,
    today: date,
    *,
    progress: Callable[[int], None] | None = None,
    node: str | None = None,
) -> int:
    """Build a complete new index from the database and swap it in atomically; returns the documents written.

    Outbox rows queued before the build started are covered by it: the node's cursor moves past them (and they
    are deleted once every other node has passed them too); later ones stay for the worker.
    """
    top = cursors.horizon(session)
    covered = session.scalar(sa.select(sa.func.max(SearchOutbox.id))) or 0
    session.rollback()  # the build reads what is committed from here on
    written = 0
    with backend.rebuild() as builder:
        batch: list[Document] = []
        for doc in iter_documents(session, today):
            batch.append(doc)
            if len(batch) >= BATCH:
                builder.add(batch)
                written += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        builder.add(batch)
        written += len(batch)
        if progress:
            progress(len(batch))
    cursors.rebuilt(session, node or cursors.node_name(backend), top, covered)
    session.commit()
    cursors.prune(session, utcnow())
    log.info("search index rebuilt: backend=%s documents=%d", backend.name, written)
    return written
