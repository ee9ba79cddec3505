"""The search use case shared by the search page and the API: query the index, then re-check visibility.

The index lags the database until the worker applies the outbox: a record withdrawn or repaired a moment ago is
still indexed. Two re-checks keep it out of every public answer: documents with a pending outbox change that are
no longer public are excluded inside the engine (so totals, facets, suggestions and the did-you-mean are exact,
at the cost of one small outbox query), and the hits, suggestions and did-you-mean that come back are checked
against the database once more (for changes that reach the database without an outbox row).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from portal import kinds
from portal.indexing import cursors
from portal.models import SearchOutbox, Subject
from portal.public.cache import TTLCache, request_data_version
from portal.visibility import public_on
from search.contract import Query, ResultPage, SearchBackend, Suggestion

_MODELS = {spec.kind.value: spec.model for spec in kinds.specs()}  # index keys are "<kind>:<id>"
STALE_SCAN = 1_000  # pending outbox rows looked at per search (the worker keeps the outbox near empty)


def search(session: Session, backend: SearchBackend, query: Query, *, today: date,
           cache: TTLCache | None = None) -> ResultPage:  # fmt: skip
    """One page of public results. Hits whose record stopped being public since it was indexed (a withdrawal the
    worker has not applied yet) are dropped, so only what is public at the moment of the request is shown.

    With a `cache` (SEARCH_CACHE_SECONDS > 0, off by default) the same page is answered from memory for that many
    seconds: busy sites trade that much staleness for throughput. A degraded (fallback) page is never cached.
    """
    if cache is None:
        return _search(session, backend, query, today)
    key = (query.text, query.type, tuple(sorted(query.filters.items())), query.page, query.per_page, today)
    page = cache.get_or_compute(key, lambda: _search(session, backend, query, today))
    if page.degraded:
        cache.discard(key)
    return page


def search_cache(app: Flask) -> TTLCache | None:
    """The application's result cache, or None when SEARCH_CACHE_SECONDS is 0 (the default)."""
    seconds = float(app.config.get("SEARCH_CACHE_SECONDS") or 0)
    if seconds <= 0:
        return None
    cache = TTLCache(ttl=seconds, size=4096, version=request_data_version)  # a change on any server: a miss
    return app.extensions.setdefault("search_cache", cache)  # type: ignore[no-any-return]


def _search(session: Session, backend: SearchBackend, query: Query, today: date) -> ResultPage:
    stale = stale_keys(session, today, cursors.node_name(backend))
    if stale:
        query = dataclasses.replace(query, exclude=query.exclude | stale)
    page = backend.search(query, today=today)
    if page.degraded:  # the fallback reads the database through public_on itself
        return page
    hidden = _hidden_hits(session, page, today)
    if hidden:  # changed without an outbox row: ask again without them, so totals and facets agree with the hits
        query = dataclasses.replace(query, exclude=query.exclude | hidden)
        page = backend.search(query, today=today)
        hidden = _hidden_hits(session, page, today)
        hits = [h for h in page.hits if h.key not in hidden]
        page = dataclasses.replace(page, hits=hits, total=max(0, page.total - len(hidden)))
    if page.suggestion and not _finds_public(session, backend, page.suggestion, query.exclude, today):
        page = dataclasses.replace(page, suggestion=None)
    return page


def _hidden_hits(session: Session, page: ResultPage, today: date) -> frozenset[str]:
    if not page.hits:
        return frozenset()
    keys = [h.key for h in page.hits]
    visible = visible_keys(session, keys, today)
    return frozenset(k for k in keys if k not in visible)


def _finds_public(session: Session, backend: SearchBackend, text: str, exclude: frozenset[str], today: date) -> bool:
    """True if searching `text` (a did-you-mean) finds a document that is public today."""
    hits = backend.search(Query(text, per_page=10, exclude=exclude), today=today).hits
    return bool(visible_keys(session, [h.key for h in hits], today))


def suggest(session: Session, backend: SearchBackend, prefix: str, *, today: date, limit: int = 10) -> list[Suggestion]:
    """Subject names for autocomplete, only of subjects public today (re-checked like search hits)."""
    # Twice as many as wanted, so the names the re-check drops leave room for others.
    stale = stale_keys(session, today, cursors.node_name(backend))
    found = backend.suggest(prefix, today=today, limit=min(50, limit * 2), exclude=stale)
    visible = visible_keys(session, [s.key for s in found], today)
    return [s for s in found if s.key in visible][:limit]


def _records_check() -> sa.CompoundSelect:
    """Built once: which of the given ids of each kind are public on :today (one UNION ALL round trip).

    A prebuilt statement with bound parameters skips building and compiling the expression on every search
    (it was a third of the request); empty id lists are fine with expanding IN.
    """
    today = sa.bindparam("today", type_=sa.Date)
    return sa.union_all(*(
        sa.select(sa.literal(kind).label("kind"), model.id.label("id"))
        .where(model.id.in_(sa.bindparam(f"{kind}_ids", expanding=True)), public_on(model, today))
        for kind, model in _MODELS.items()
    ))  # fmt: skip


def _subjects_check() -> sa.Select[tuple[str]]:
    """Built once: which of the given subjects have a public record on :today. A correlated EXISTS per kind lets
    SQLite and PostgreSQL seek each table's subject_id index (with the publicity filter in a plain join SQLite may
    pick the status index and scan the table)."""
    today = sa.bindparam("today", type_=sa.Date)
    has_public = [
        sa.exists().where(model.subject_id == Subject.id, public_on(model, today)) for model in _MODELS.values()
    ]
    return sa.select(Subject.public_id).where(
        Subject.public_id.in_(sa.bindparam("public_ids", expanding=True)), sa.or_(*has_public)
    )


def _subjects_of() -> sa.CompoundSelect:
    """Built once: the public ids of the subjects of the given records of each kind."""
    return sa.union_all(*(
        sa.select(Subject.public_id)
        .join(model, model.subject_id == Subject.id)
        .where(model.id.in_(sa.bindparam(f"{kind}_ids", expanding=True)))
        for kind, model in _MODELS.items()
    ))  # fmt: skip


_RECORDS_CHECK = _records_check()
_SUBJECTS_CHECK = _subjects_check()
_SUBJECTS_OF = _subjects_of()
_PENDING = sa.select(SearchOutbox.record_kind, SearchOutbox.record_id).order_by(SearchOutbox.id).limit(STALE_SCAN)


def stale_keys(session: Session, today: date, node: str) -> frozenset[str]:
    """Index keys that the database no longer shows but `node`'s index may still hold: records with an outbox
    row the node has not applied that are not public on `today`, and their subjects when no other record of
    theirs is public.

    One query when the outbox is empty (the usual case), three more otherwise. Only the oldest STALE_SCAN rows
    are looked at; whatever lies beyond is still caught on the page by the hit re-check.
    """
    pending: dict[str, set[int]] = defaultdict(set)
    for kind, record_id in session.execute(_PENDING.where(cursors.pending(node))):
        if kind in _MODELS:
            pending[kind].add(int(record_id))
    if not pending:
        return frozenset()
    ids = {f"{kind}_ids": sorted(pending.get(kind, ())) for kind in _MODELS}
    public = {f"{kind}:{record_id}" for kind, record_id in session.execute(_RECORDS_CHECK, {"today": today, **ids})}
    gone = {kind: [i for i in found if f"{kind}:{i}" not in public] for kind, found in pending.items()}
    stale = {f"{kind}:{i}" for kind, found in gone.items() for i in found}
    if not stale:
        return frozenset()
    subjects = sorted(set(session.scalars(_SUBJECTS_OF, {f"{k}_ids": gone.get(k, []) for k in _MODELS})))
    still = set(session.scalars(_SUBJECTS_CHECK, {"today": today, "public_ids": subjects}))
    return frozenset(stale | {f"subject:{p}" for p in subjects if p not in still})


def visible_keys(session: Session, keys: list[str], today: date) -> set[str]:
    """The subset of index keys ("penalty:12", "subject:<public_id>") that are public on `today`."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        kind, _sep, ident = key.partition(":")
        wanted[kind].append(ident)
    out: set[str] = set()
    ids = {f"{kind}_ids": [int(i) for i in wanted.get(kind, []) if i.isdigit()] for kind in _MODELS}
    if any(ids.values()):
        rows = session.execute(_RECORDS_CHECK, {"today": today, **ids})
        out.update(f"{kind}:{record_id}" for kind, record_id in rows)
    public_ids = wanted.get("subject", [])
    if public_ids:
        found = session.scalars(_SUBJECTS_CHECK, {"today": today, "public_ids": public_ids})
        out.update(f"subject:{public_id}" for public_id in found)
    return out
