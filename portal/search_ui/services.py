"""The search use case shared by the search page and the API: query the index, then re-check visibility."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from portal import kinds
from portal.models import Subject
from portal.public.cache import TTLCache
from portal.visibility import public_on
from search.base import Query, ResultPage, SearchBackend, Suggestion

_MODELS = {spec.kind.value: spec.model for spec in kinds.specs()}  # index keys are "<kind>:<id>"


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
    return app.extensions.setdefault("search_cache", TTLCache(ttl=seconds, size=4096))  # type: ignore[no-any-return]


def _search(session: Session, backend: SearchBackend, query: Query, today: date) -> ResultPage:
    page = backend.search(query, today=today)
    if page.degraded or not page.hits:
        return page
    visible = visible_keys(session, [h.key for h in page.hits], today)
    hits = [h for h in page.hits if h.key in visible]
    if len(hits) == len(page.hits):
        return page
    return dataclasses.replace(page, hits=hits, total=max(0, page.total - (len(page.hits) - len(hits))))


def suggest(backend: SearchBackend, prefix: str, *, today: date, limit: int = 10) -> list[Suggestion]:
    return backend.suggest(prefix, today=today, limit=limit)


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


_RECORDS_CHECK = _records_check()
_SUBJECTS_CHECK = _subjects_check()


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
