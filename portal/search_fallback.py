"""Degraded search straight from the database, used while the index is missing, corrupt or being built first.

LIKE on subject names, 文号 keys, each kind's text column (portal/kinds.py) and exact USCC, always through
portal.visibility.public_on, then the rows go through the kind's public presenter and a hit is kept only if a
*presented* field holds the query: a masked name (王**) is never found by the full name it hides. At most CAP rows
per record kind are looked at, so totals are exact only below that; pages built from it say `degraded`, and the
page shows a notice.

How a presented record or a subject becomes a search.Document is passed in by the wiring (portal/indexing.py), so
this module never imports the module that builds it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.kinds import ListCategory, RecordKind
from portal.domain.text import doc_no_key, nfkc
from portal.models import Subject
from portal.public.presenters import PublicRecord
from portal.visibility import public_on
from search.analysis import analyze_query, ident_key, normalize, to_simplified
from search.contract import (
    FILTER_KEYS,
    Document,
    IndexBuilder,
    Query,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
    Suggestion,
)
from search.engine import make_hit, sort_facet
from search.highlight import needles

CAP = 200  # rows per record kind a degraded query looks at
_LIST_TYPES = frozenset(c.value for c in ListCategory)  # list entries are typed by their category in search

RecordDocument = Callable[[PublicRecord], Document]
SubjectDocuments = Callable[[Session, date, list[int]], tuple[list[Document], list[str]]]


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _squash(text: str) -> str:
    return "".join(normalize(text).split())


class FallbackSearch(SearchBackend):
    """Read-only SearchBackend over the database; writes raise SearchUnavailable (the outbox keeps them)."""

    name = "fallback"

    def __init__(
        self, session: Callable[[], Session], record_document: RecordDocument, subject_documents: SubjectDocuments
    ) -> None:
        """`record_document`: the index document of a presented record; `subject_documents`: (documents of the
        given subjects that have a public record on the day, keys of those that have none)."""
        self._session = session
        self._record_document = record_document
        self._subject_documents = subject_documents

    def search(self, query: Query, *, today: date) -> ResultPage:
        started = time.perf_counter()
        analysed = analyze_query(query.text)
        if analysed.is_empty:
            return ResultPage.empty(query, degraded=True)
        docs = [d for d in self._candidates(query.text, query.type, today) if d.key not in query.exclude]
        filtered = [d for d in docs if _passes(d, query.filters)]
        of_type = [d for d in filtered if query.type == "all" or d.type == query.type]
        ident = ident_key(query.text)
        needle = _squash(query.text)
        of_type.sort(key=lambda d: _rank(d, ident, needle), reverse=True)
        terms = needles(analysed)
        hits = [make_hit(d.stored(), terms) for d in of_type[query.offset : query.offset + query.limit]]
        facets: dict[str, dict[str, int]] = {"type": sort_facet(Counter(d.type for d in filtered))}
        for key in FILTER_KEYS:
            facets[key] = sort_facet(Counter(str(v) for d in of_type if (v := getattr(d, key)) is not None))
        took = round((time.perf_counter() - started) * 1000, 2)
        return ResultPage(hits, len(of_type), facets, max(1, query.page), query.limit, took, None, degraded=True)

    def suggest(
        self, prefix: str, *, today: date, limit: int = 10, exclude: frozenset[str] = frozenset()
    ) -> list[Suggestion]:
        if analyze_query(prefix).is_empty:
            return []
        found = self._candidates(prefix, "subject", today)
        subjects = [d for d in found if d.type == "subject" and d.key not in exclude]
        return [Suggestion(d.title, d.uscc, d.url, d.key) for d in subjects[:limit]]

    def _candidates(self, text: str, wanted: str, today: date) -> list[Document]:
        session = self._session()
        variants = {v for v in (nfkc("".join(text.split())), to_simplified(nfkc("".join(text.split())))) if v}
        needle = _squash(text)
        out: list[Document] = []
        for spec in kinds.specs():
            if wanted not in ("all", spec.kind) and not (spec.kind is RecordKind.LIST_ENTRY and wanted in _LIST_TYPES):
                continue
            model, text_column = spec.model, getattr(spec.model, spec.text_column)
            conditions = [Subject.uscc == v.upper() for v in variants]
            for v in variants:
                conditions += [
                    Subject.name_norm.like(_like(v), escape="\\"),
                    model.doc_key.like(_like(doc_no_key(v)), escape="\\"),
                    text_column.like(_like(v), escape="\\"),
                ]
            rows = session.execute(
                sa.select(model, Subject)
                .join(Subject, Subject.id == model.subject_id)
                .where(public_on(model, today), sa.or_(*conditions))
                .order_by(model.day.desc(), model.id.desc())
                .limit(CAP)
            )
            found = (self._record_document(spec.present(r, s)) for r, s in rows)
            out += [d for d in found if _holds(d, needle)]
        if wanted in ("all", "subject"):
            subject_ids = session.scalars(
                sa.select(Subject.id)
                .where(sa.or_(*[Subject.name_norm.like(_like(v), escape="\\") for v in variants],
                              *[Subject.uscc == v.upper() for v in variants]))
                .order_by(Subject.id)
                .limit(CAP)
            ).all()  # fmt: skip
            docs, _gone = self._subject_documents(session, today, list(subject_ids))
            out += [d for d in docs if d.until >= today and _holds(d, needle)]
        return out

    # -- the index-only parts of the contract ----------------------------------------------------------------
    def upsert(self, docs: Iterable[Document]) -> None:
        raise SearchUnavailable("the degraded search has no index")

    def delete(self, keys: Iterable[str]) -> None:
        raise SearchUnavailable("the degraded search has no index")

    def purge_expired(self, today: date) -> int:
        raise SearchUnavailable("the degraded search has no index")

    def count(self) -> int:
        return 0

    def rebuild(self) -> AbstractContextManager[IndexBuilder]:
        raise SearchUnavailable("the degraded search cannot be rebuilt")


def _holds(doc: Document, needle: str) -> bool:
    """True if a public (presented, masked) field of the document contains the query."""
    fields = (doc.subject_name, doc.title, doc.body, doc.uscc or "", *doc.identifiers)
    return any(needle in _squash(f) or ident_key(needle) == ident_key(f) for f in fields if f)


def _passes(doc: Document, filters: Any) -> bool:
    return all(str(getattr(doc, k) or "") == str(v) for k, v in filters.items() if v)


def _rank(doc: Document, ident: str, needle: str) -> tuple[int, int, date]:
    exact = any(ident_key(x) == ident for x in (doc.uscc or "", *doc.identifiers) if x)
    named = needle in _squash(doc.subject_name)
    return (int(exact), int(named) * 2 + int(doc.type == "subject"), doc.date or date.min)
