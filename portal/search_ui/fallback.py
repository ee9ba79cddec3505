"""Degraded search straight from the database, used while the index is missing, corrupt or being built first.

LIKE on subject names, 文号 keys, summaries and exact USCC, always through portal.visibility.public_on, then the
rows go through the public presenter and a hit is kept only if a *presented* field holds the query: a masked name
(王**) is never found by the full name it hides. At most CAP rows per record kind are looked at, so totals are
exact only below that; pages built from it say `degraded`, and the page shows a notice.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.text import doc_no_key, nfkc
from portal.indexing.documents import document_for_record, subject_documents
from portal.models import ListEntry, Penalty, Permit, Subject
from portal.visibility import public_on
from search.analysis import analyze_query, ident_key, normalize, to_simplified
from search.base import (
    FILTER_KEYS,
    Document,
    IndexBuilder,
    Query,
    RawPage,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
    Suggestion,
    make_hit,
    sort_facet,
)
from search.highlight import needles

CAP = 200  # rows per record kind a degraded query looks at
_KEY_COLUMNS: dict[str, Any] = {"penalty": Penalty.decision_key, "permit": Permit.doc_key, "list": ListEntry.doc_key}
_TEXT_COLUMNS: dict[str, Any] = {
    "penalty": Penalty.violation_type,
    "permit": Permit.doc_title,
    "list": ListEntry.list_name,
}
_DATE_COLUMNS: dict[str, Any] = {
    "penalty": Penalty.decided_on,
    "permit": Permit.decided_on,
    "list": ListEntry.listed_on,
}
_LIST_TYPES = ("redlist", "blacklist", "watchlist")


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _squash(text: str) -> str:
    return "".join(normalize(text).split())


class FallbackSearch(SearchBackend):
    """Read-only SearchBackend over the database; writes raise SearchUnavailable (the outbox keeps them)."""

    name = "fallback"

    def __init__(self, session: Callable[[], Session]) -> None:
        self._session = session

    def search(self, query: Query, *, today: date) -> ResultPage:
        started = time.perf_counter()
        analysed = analyze_query(query.text)
        if analysed.is_empty:
            return ResultPage.empty(query, degraded=True)
        docs = self._candidates(query.text, query.type, today)
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

    def suggest(self, prefix: str, *, today: date, limit: int = 10) -> list[Suggestion]:
        if analyze_query(prefix).is_empty:
            return []
        subjects = [d for d in self._candidates(prefix, "subject", today) if d.type == "subject"]
        return [Suggestion(d.title, d.uscc, d.url) for d in subjects[:limit]]

    def _candidates(self, text: str, wanted: str, today: date) -> list[Document]:
        session = self._session()
        variants = {v for v in (nfkc("".join(text.split())), to_simplified(nfkc("".join(text.split())))) if v}
        needle = _squash(text)
        out: list[Document] = []
        for spec in kinds.specs():
            kind, model = spec.kind.value, spec.model
            if wanted not in ("all", kind) and not (kind == "list" and wanted in _LIST_TYPES):
                continue
            conditions = [Subject.uscc == v.upper() for v in variants]
            for v in variants:
                conditions += [
                    Subject.name_norm.like(_like(v), escape="\\"),
                    _KEY_COLUMNS[kind].like(_like(doc_no_key(v)), escape="\\"),
                    _TEXT_COLUMNS[kind].like(_like(v), escape="\\"),
                ]
            rows = session.execute(
                sa.select(model, Subject)
                .join(Subject, Subject.id == model.subject_id)
                .where(public_on(model, today), sa.or_(*conditions))
                .order_by(_DATE_COLUMNS[kind].desc(), model.id.desc())
                .limit(CAP)
            )
            out += [d for d in (document_for_record(spec.present(r, s)) for r, s in rows) if _holds(d, needle)]
        if wanted in ("all", "subject"):
            subject_ids = session.scalars(
                sa.select(Subject.id)
                .where(sa.or_(*[Subject.name_norm.like(_like(v), escape="\\") for v in variants],
                              *[Subject.uscc == v.upper() for v in variants]))
                .order_by(Subject.id)
                .limit(CAP)
            ).all()  # fmt: skip
            docs, _gone = subject_documents(session, today, subject_ids)
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

    def _execute(self, q: Any, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        return RawPage([], 0, {})

    def _suggest(self, q: Any, today: date, limit: int) -> list[dict[str, Any]]:
        return []

    def _begin_rebuild(self) -> IndexBuilder:
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
