"""Model -> search.Document: public fields only, through the presenter; record and subject documents, full scans.

Documents are built from portal.public.presenters output and only for records that portal.visibility.public_on
says are public on the given day, so masked names are all an index ever holds: no ID number, no legal
representative's ID, no unmasked personal name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds, urls
from portal.domain.kinds import SUBJECT_KIND_BY_ZH
from portal.kind_spec import KindSpec
from portal.models import Subject
from portal.public.presenters import PublicRecord, PublicSubject, present_subject
from portal.visibility import public_on
from search.contract import OPEN_ENDED, Document

BATCH = 2_000
_SUBJECT_KIND_ZH = {kind.value: zh for zh, kind in SUBJECT_KIND_BY_ZH.items()}


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
    """The index document of a presented (public, masked) record; `text` = its searchable text, in the body."""
    subject = record.subject
    fields = kinds.spec(record.kind).index_fields(record)
    return Document(
        key=record_key(record.kind, record.id),
        type=fields.type,
        id=str(record.id),
        title=record.title,
        subject_name=subject.name,
        uscc=subject.uscc,
        body=f"{record.summary}\n{text}" if text else record.summary,
        date=record.decided_on,
        url=record_url(record.kind, record.id),
        department=record.authority or None,
        year=record.decided_on.year,
        list_name=fields.list_name,
        category=fields.category,
        public_until=record.public_until,
        identifiers=fields.identifiers,
    )


def document_for_row(spec: KindSpec, record: Any, subject: Subject) -> Document:
    """The full index document of a public record row: presented, with its scrubbed free text in the body."""
    return document_for_record(spec.present(record, subject), spec.searchable_text(record, subject))


def document_for_subject(subject: PublicSubject, *, public_until: date | None, latest: date | None) -> Document:
    """A subject's document: public while any of its records is (until the last one ends)."""
    return Document(
        key=subject_key(subject.public_id),
        type="subject",
        id=subject.public_id,
        title=subject.name,
        subject_name=subject.name,
        uscc=subject.uscc,
        body=_SUBJECT_KIND_ZH.get(subject.kind, ""),
        date=latest,
        url=subject_url(subject),
        public_until=public_until,
    )


def public_rows(session: Session, spec: KindSpec, today: date, *where: Any) -> Iterator[tuple[Any, Subject]]:
    """(record, subject) of the kind's rows public on `today` (and matching `where`), by id, streamed."""
    model = spec.model
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


def _chunks(ids: list[int] | None) -> list[list[int] | None]:
    """Id lists in chunks that stay under SQLite's bound-parameter limit; [None] = no id filter."""
    return [ids[i : i + 900] for i in range(0, len(ids), 900)] if ids is not None else [None]


def _subject_spans(session: Session, today: date, subject_ids: Iterable[int] | None) -> dict[int, _SubjectSpan]:
    """For subjects with at least one public record today: their last publicity day and latest record date."""
    ids = None if subject_ids is None else sorted(set(subject_ids))
    until: dict[int, date] = {}
    latest: dict[int, date] = {}
    for spec in kinds.specs():
        model = spec.model
        ends = sa.func.max(sa.func.coalesce(model.public_until, sa.literal(OPEN_ENDED, sa.Date)))
        query = sa.select(model.subject_id, ends, sa.func.max(model.day)).where(public_on(model, today))
        for chunk in _chunks(ids):
            q = query if chunk is None else query.where(model.subject_id.in_(chunk))
            for subject_id, end, last in session.execute(q.group_by(model.subject_id)):
                end, last = _as_date(end), _as_date(last)
                until[subject_id] = max(until.get(subject_id, end), end)
                latest[subject_id] = max(latest.get(subject_id, last), last)
    return {sid: _SubjectSpan(None if end >= OPEN_ENDED else end, latest.get(sid)) for sid, end in until.items()}


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
    for chunk in _chunks(wanted):
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
    for spec in kinds.specs():
        for record, subject in public_rows(session, spec, today):
            yield document_for_row(spec, record, subject)
    docs, _gone = subject_documents(session, today, None)
    yield from docs


def count_public(session: Session, today: date) -> int:
    """How many record documents a full index holds (for the progress bar; subjects come on top)."""
    return sum(
        int(session.scalar(sa.select(sa.func.count()).select_from(s.model).where(public_on(s.model, today))) or 0)
        for s in kinds.specs()
    )
