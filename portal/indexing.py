"""Model → search.Document (public fields only, through the presenter); outbox draining; sweep; the backend accessor.

Documents are built from portal.public.presenters output and only for records that portal.visibility.public_on
says are public on the given day, so masked names are all an index ever holds: no ID number, no legal
representative's ID, no unmasked personal name.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from portal import kinds, urls
from portal.domain.kinds import SUBJECT_KIND_BY_ZH
from portal.models import ListEntry, Penalty, Permit, SearchOutbox, Subject
from portal.public.presenters import (
    PublicRecord,
    PublicSubject,
    present_list_entry,
    present_penalty,
    present_permit,
    present_subject,
    searchable_text,
)
from portal.visibility import public_on
from search import analysis
from search.contract import OPEN_ENDED, Document, SearchBackend, SearchUnavailable
from search.factory import open_backend

log = logging.getLogger(__name__)

DEFAULT_BACKEND = "tantivy"  # met every target of benchmarks/search_bench.py (issue #5 note); whoosh did not
EXTENSION = "search"
BATCH = 2_000
SWEEP_DAYS = 7  # the daily sweep re-checks records that became public this many days back (missed runs)

RECORD_MODELS: dict[str, Any] = {"penalty": Penalty, "permit": Permit, "list": ListEntry}
PRESENTERS: dict[str, Callable[[Any, Subject], PublicRecord]] = {
    "penalty": present_penalty,
    "permit": present_permit,
    "list": present_list_entry,
}
_DATE_COLUMNS = {"penalty": Penalty.decided_on, "permit": Permit.decided_on, "list": ListEntry.listed_on}
_KIND_LABELS = {kind.value: zh for zh, kind in SUBJECT_KIND_BY_ZH.items()}


# -- URLs as the public blueprint's table has them (a test resolves them against the URL map) ------------------
def record_url(kind: str, record_id: int) -> str:
    return kinds.spec(kind).record_path(record_id)


def subject_url(subject: PublicSubject) -> str:
    """By USCC; natural persons and subjects without one by their opaque public id, never by an ID number."""
    if subject.uscc and subject.kind != "natural_person":
        return urls.path("public.subject", uscc=subject.uscc)
    return urls.path("public.subject_by_id", public_id=subject.public_id)


def record_key(kind: str, record_id: int) -> str:
    return f"{kind}:{record_id}"


def subject_key(public_id: str) -> str:
    return f"subject:{public_id}"


# -- documents ---------------------------------------------------------------------------------------------
def document_for_record(record: PublicRecord, text: str = "") -> Document:
    """The index document of a presented (public, masked) record; `text` = its searchable_text, in the body."""
    subject = record.subject
    if record.kind == "list":
        doc_type, list_name, identifiers = str(record.category), record.title, ()
    else:
        doc_type, list_name, identifiers = record.kind, None, (record.title,)
    return Document(
        key=record_key(record.kind, record.id),
        type=doc_type,
        id=str(record.id),
        title=record.title,
        subject_name=subject.name,
        uscc=subject.uscc,
        body=f"{record.summary}\n{text}" if text else record.summary,
        date=record.decided_on,
        url=record_url(record.kind, record.id),
        department=record.authority or None,
        year=record.decided_on.year,
        list_name=list_name,
        category=record.category if record.kind != "list" else None,
        public_until=record.public_until,
        identifiers=identifiers,
    )


def document_for_subject(subject: PublicSubject, *, public_until: date | None, latest: date | None) -> Document:
    """A subject's document: public while any of its records is (until the last one ends)."""
    return Document(
        key=subject_key(subject.public_id),
        type="subject",
        id=subject.public_id,
        title=subject.name,
        subject_name=subject.name,
        uscc=subject.uscc,
        body=_KIND_LABELS.get(subject.kind, ""),
        date=latest,
        url=subject_url(subject),
        public_until=public_until,
    )


def _public_rows(session: Session, kind: str, today: date, *where: Any) -> Iterator[tuple[Any, Subject]]:
    model = RECORD_MODELS[kind]
    query = (
        sa.select(model, Subject)
        .join(Subject, Subject.id == model.subject_id)
        .where(public_on(model, today), *where)
        .order_by(model.id)
        .execution_options(yield_per=BATCH)
    )
    yield from ((row[0], row[1]) for row in session.execute(query))


@dataclass(frozen=True, slots=True)
class _SubjectSpan:
    until: date | None  # None: a record is public with no end
    latest: date | None


def _subject_spans(session: Session, today: date, subject_ids: Iterable[int] | None) -> dict[int, _SubjectSpan]:
    """For subjects with at least one public record today: their last publicity day and latest record date."""
    ids = None if subject_ids is None else sorted(set(subject_ids))
    until: dict[int, date] = {}
    latest: dict[int, date] = {}
    for kind, model in RECORD_MODELS.items():
        ends = sa.func.max(sa.func.coalesce(model.public_until, sa.literal(OPEN_ENDED, sa.Date)))
        query = sa.select(model.subject_id, ends, sa.func.max(_DATE_COLUMNS[kind])).where(public_on(model, today))
        chunks = [ids[i : i + 900] for i in range(0, len(ids), 900)] if ids is not None else [None]
        for chunk in chunks:
            q = query if chunk is None else query.where(model.subject_id.in_(chunk))
            for subject_id, end, last in session.execute(q.group_by(model.subject_id)):
                end, last = _as_date(end), _as_date(last)
                until[subject_id] = max(until.get(subject_id, end), end)
                latest[subject_id] = max(latest.get(subject_id, last), last)
    return {
        sid: _SubjectSpan(None if end >= OPEN_ENDED else end, latest.get(sid)) for sid, end in until.items()
    }


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])  # SQLite returns text


def subject_documents(
    session: Session, today: date, subject_ids: Iterable[int] | None
) -> tuple[list[Document], list[str]]:
    """(documents of subjects with public records, keys of the given subjects that have none)."""
    spans = _subject_spans(session, today, subject_ids)
    docs: list[Document] = []
    gone: list[str] = []
    wanted = None if subject_ids is None else sorted(set(subject_ids))
    query = sa.select(Subject).order_by(Subject.id).execution_options(yield_per=BATCH)
    chunks = [wanted[i : i + 900] for i in range(0, len(wanted), 900)] if wanted is not None else [None]
    for chunk in chunks:
        q = query if chunk is None else query.where(Subject.id.in_(chunk))
        for subject in session.scalars(q):
            span = spans.get(subject.id)
            if span is None:
                gone.append(subject_key(subject.public_id))
            else:
                docs.append(document_for_subject(present_subject(subject), public_until=span.until, latest=span.latest))
    return docs, gone


def iter_documents(session: Session, today: date) -> Iterator[Document]:
    """Every document of a full index on `today`: public records, then subjects that have any."""
    for kind, present in PRESENTERS.items():
        for record, subject in _public_rows(session, kind, today):
            yield document_for_record(present(record, subject), searchable_text(kind, record, subject))
    docs, _gone = subject_documents(session, today, None)
    yield from docs


def count_public(session: Session, today: date) -> int:
    """How many record documents a full index holds (for the progress bar; subjects come on top)."""
    return sum(
        int(session.scalar(sa.select(sa.func.count()).select_from(m).where(public_on(m, today))) or 0)
        for m in RECORD_MODELS.values()
    )


# -- applying changes --------------------------------------------------------------------------------------
@dataclass(slots=True)
class Changes:
    upserts: list[Document]
    deletes: list[str]


def changes_for(session: Session, kind: str, ids: Iterable[int], today: date) -> tuple[Changes, set[int]]:
    """What the index must do for records `ids` of `kind` on `today`, and the subjects they touch."""
    ids = sorted(set(ids))
    out = Changes([], [])
    subjects: set[int] = set()
    if kind == "subject":
        for other in RECORD_MODELS:
            model = RECORD_MODELS[other]
            record_ids = session.scalars(sa.select(model.id).where(model.subject_id.in_(ids))).all()
            more, _touched = changes_for(session, other, record_ids, today)
            out.upserts += more.upserts
            out.deletes += more.deletes
        return out, set(ids)
    model, present = RECORD_MODELS[kind], PRESENTERS[kind]
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        found: set[int] = set()
        for record, subject in _public_rows(session, kind, today, model.id.in_(chunk)):
            out.upserts.append(document_for_record(present(record, subject), searchable_text(kind, record, subject)))
            found.add(record.id)
            subjects.add(subject.id)
        hidden = [x for x in chunk if x not in found]
        out.deletes += [record_key(kind, x) for x in hidden]
        if hidden:
            subjects.update(session.scalars(sa.select(model.subject_id).where(model.id.in_(hidden))).all())
    return out, subjects


def apply_changes(session: Session, backend: SearchBackend, by_kind: dict[str, set[int]], today: date) -> int:
    """Re-check visibility of the given records (and their subjects) and upsert or delete their documents."""
    total = Changes([], [])
    subjects: set[int] = set()
    for kind, ids in by_kind.items():
        if kind not in RECORD_MODELS and kind != "subject":
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


def drain_outbox(session: Session, backend: SearchBackend, today: date, *, limit: int = 1_000) -> int:
    """Apply up to `limit` outbox rows (oldest first) and delete them; returns the number of rows applied.

    Rows stay queued when the index is unavailable (missing, locked): nothing is lost, a later drain or a
    reindex catches up. On PostgreSQL several workers may drain at once (SKIP LOCKED). Commits.
    """
    query = sa.select(SearchOutbox.id, SearchOutbox.record_kind, SearchOutbox.record_id).order_by(SearchOutbox.id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = session.execute(query.limit(limit)).all()
    if not rows:
        session.rollback()
        return 0
    by_kind: dict[str, set[int]] = defaultdict(set)
    for _id, kind, record_id in rows:
        by_kind[kind].add(record_id)
    try:
        apply_changes(session, backend, by_kind, today)
    except SearchUnavailable as exc:
        session.rollback()
        log.warning("search outbox not drained: %s", exc)
        return 0
    row_ids = [row[0] for row in rows]
    for i in range(0, len(row_ids), 900):
        session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id.in_(row_ids[i : i + 900])))
    session.commit()
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
        kind: set(session.scalars(sa.select(m.id).where(public_on(m, today), m.public_from > since)).all())
        for kind, m in RECORD_MODELS.items()
    }
    refreshed = apply_changes(session, backend, {k: v for k, v in by_kind.items() if v}, today)
    session.rollback()  # read-only on the database
    return SweepResult(purged, refreshed)


def reindex(
    session: Session, backend: SearchBackend, today: date, *, progress: Callable[[int], None] | None = None
) -> int:
    """Build a complete new index from the database and swap it in atomically; returns the documents written.

    Outbox rows queued before the build started are covered by it and deleted; later ones stay for the worker.
    """
    covered = session.scalar(sa.select(sa.func.max(SearchOutbox.id))) or 0
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
    session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id <= covered))
    session.commit()
    log.info("search index rebuilt: backend=%s documents=%d", backend.name, written)
    return written


# -- the Flask side ----------------------------------------------------------------------------------------
def backend_name(app: Flask) -> str:
    return str(app.config.get("SEARCH_BACKEND") or DEFAULT_BACKEND)


def make_backend(app: Flask, name: str | None = None, *, with_fallback: bool = True) -> SearchBackend:
    """The configured backend (or `name`), guarded by the degraded SQL search unless `with_fallback` is False."""
    from portal.config import ConfigError
    from portal.extensions import db
    from portal.search_fallback import FallbackSearch

    name = name or backend_name(app)
    uri = str(app.config["SQLALCHEMY_DATABASE_URI"])
    if name == "postgres" and not uri.startswith("postgresql"):
        raise ConfigError("PORTAL_SEARCH_BACKEND=postgres needs a PostgreSQL PORTAL_SQLALCHEMY_DATABASE_URI")
    fallback = (  # the document builders are passed in, so the fallback never imports this module back
        (lambda: FallbackSearch(lambda: db.session, document_for_record, subject_documents)) if with_fallback else None
    )
    return open_backend(name, directory=app.config["SEARCH_DIR"], dsn=uri if name == "postgres" else None,
                        fallback=fallback)  # fmt: skip


def get_backend(app: Flask | None = None) -> SearchBackend:
    """The application's search backend (built by init_app)."""
    target = app or current_app
    return target.extensions[EXTENSION]  # type: ignore[no-any-return]


def init_app(app: Flask) -> None:
    """Load jieba once (cache under the instance folder), build the backend, and in development drain after requests."""
    analysis.configure_jieba(Path(app.instance_path) / "jieba")
    app.extensions[EXTENSION] = make_backend(app)
    if app.config.get("SEARCH_DRAIN_AFTER_REQUEST"):
        app.after_request(_drain_after_request)


def _drain_after_request(response: Any) -> Any:
    """Development convenience: apply pending index changes after each request (the worker does it elsewhere)."""
    from portal import clock
    from portal.extensions import db

    try:
        with Session(db.engine) as session:
            if session.scalar(sa.select(SearchOutbox.id).limit(1)) is not None:
                drain_outbox(session, get_backend(), clock.today(), limit=500)
    except Exception:  # a failed drain must not fail the page; the rows stay queued
        log.warning("search outbox drain after request failed", exc_info=True)
    return response
