"""whoosh (the maintained whoosh3 fork) with the terms of search.analysis stored as space-separated keywords.

whoosh's own analysers never run: jieba words and character bigrams come pre-cut from search.analysis, so this
backend finds exactly what the others find. It is the slowest of the three (see benchmarks/search_bench.py).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from whoosh import fields, index, sorting
from whoosh import query as wq
from whoosh.index import LockError

from search.analysis import AnalyzedQuery
from search.contract import FILTER_KEYS, IndexBuilder, Query, SearchUnavailable
from search.engine import FACET_SIZE, IndexedBackend, RawPage, index_terms, sort_facet, stored_json
from search.sync import Generations

IDENT_BOOST = 100_000.0
NAME_BOOST = 1_000.0
WORD_BOOST = 2.0
SUBJECT_BOOST = 50.0
KEYWORD_FIELDS = ("type", *FILTER_KEYS)


def _schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True),
        type=fields.ID(sortable=True),
        department=fields.ID(sortable=True),
        list_name=fields.ID(sortable=True),
        category=fields.ID(sortable=True),
        year=fields.ID(sortable=True),
        until=fields.NUMERIC(int, bits=32, signed=False),
        name=fields.KEYWORD(scorable=True),
        all=fields.KEYWORD(scorable=True),
        words=fields.KEYWORD(scorable=True),
        ident=fields.KEYWORD(),
        py=fields.KEYWORD(),
        data=fields.STORED(),
    )


def _fields(doc: Any) -> dict[str, Any]:
    t = index_terms(doc)
    out: dict[str, Any] = {
        "key": doc.key, "type": doc.type, "until": doc.until.toordinal(),
        "name": " ".join(t.name), "all": " ".join(t.all), "words": " ".join(t.words),
        "ident": " ".join(t.ident), "py": " ".join(t.pinyin), "data": stored_json(doc),
    }  # fmt: skip
    for name, value in (
        ("department", doc.department), ("list_name", doc.list_name), ("category", doc.category),
        ("year", str(doc.year) if doc.year else None),
    ):  # fmt: skip
        if value:
            out[name] = value
    return out


def _term(field: str, value: str, *, prefix: bool = False) -> wq.Query:
    return wq.Prefix(field, value) if prefix else wq.Term(field, value)


def _hidden(today: date, exclude: frozenset[str] = frozenset()) -> wq.Query:
    """Documents past their publicity, and the `exclude`d keys: few (the sweep purges expired ones daily, the
    worker applies pending changes), so masking them is cheap."""
    expired = wq.NumericRange("until", 0, today.toordinal() - 1)
    return wq.Or([expired, *(wq.Term("key", key) for key in sorted(exclude))]) if exclude else expired


def _filter(query: Query, today: date, *, with_type: bool) -> wq.Query | None:
    parts: list[wq.Query] = []
    if with_type and query.type != "all":
        parts.append(wq.Term("type", query.type))
    for key in FILTER_KEYS:
        value = query.filters.get(key)
        if value:
            parts.append(wq.Term(key, str(value)))
    return wq.And(parts) if parts else None


def _text_query(q: AnalyzedQuery, *, match_any: bool = False) -> wq.Query:
    if match_any:  # "did you mean": any term of a subject's name, nothing else to score
        return wq.Or([_term("name", t, prefix=t in q.prefix_terms) for t in q.terms])
    every = wq.And([_term("all", t, prefix=t in q.prefix_terms) for t in q.terms])
    name = wq.And([_term("name", t, prefix=t in q.prefix_terms) for t in q.terms])
    extras: list[wq.Query] = [wq.ConstantScoreQuery(name, NAME_BOOST)]
    if q.words:
        extras.append(wq.Or([wq.Term("words", w) for w in q.words], boost=WORD_BOOST))
    text: wq.Query = wq.AndMaybe(every, wq.Or(extras)) if q.terms else wq.NullQuery
    options = [text]
    if q.ident:
        options.append(wq.ConstantScoreQuery(wq.Term("ident", q.ident), IDENT_BOOST))
    return wq.AndMaybe(wq.Or(options), wq.ConstantScoreQuery(wq.Term("type", "subject"), SUBJECT_BOOST))


def _counts(results: Any, name: str) -> dict[str, int]:
    try:
        groups = results.groups(name)
    except KeyError:
        return {}
    return sort_facet({str(k): int(v) for k, v in groups.items() if k}, FACET_SIZE)


def _facets(names: Iterable[str]) -> dict[str, sorting.FieldFacet]:
    return {n: sorting.FieldFacet(n, maptype=sorting.Count) for n in names}


class _Builder(IndexBuilder):
    def __init__(self, backend: WhooshBackend) -> None:
        self.backend = backend
        self.path = backend.generations.new()
        self.index = index.create_in(str(self.path), _schema())
        self.writer = self.index.writer(limitmb=256)

    def add(self, docs: Iterable[Any]) -> None:
        for doc in docs:
            self.writer.add_document(**_fields(doc))

    def commit(self) -> None:
        self.writer.commit()
        self.backend.generations.swap(self.path)
        self.backend._reopen()

    def abort(self) -> None:
        try:
            self.writer.cancel()
        finally:
            self.backend.generations.discard(self.path)


class WhooshBackend(IndexedBackend):
    name = "whoosh"

    def __init__(self, root: str | Path) -> None:
        self.generations = Generations(Path(root))
        self._lock = threading.RLock()
        self._gen: Path | None = None
        self._index: Any = None

    def _reopen(self) -> None:
        with self._lock:
            self._gen, self._index = None, None

    def _open(self) -> Any:
        gen = self.generations.current()
        if gen is None:
            raise SearchUnavailable("no whoosh index has been built")
        with self._lock:
            if self._index is None or gen != self._gen:
                try:
                    self._index = index.open_dir(str(gen))
                except (index.EmptyIndexError, OSError, ValueError) as exc:
                    raise SearchUnavailable(f"whoosh index unreadable: {exc}") from exc
                self._gen = gen
            return self._index

    def healthy(self) -> bool:
        try:
            self._open()
        except SearchUnavailable:
            return False
        return True

    def _write(self, work: Any) -> None:
        ix = self._open()
        with self._lock:
            try:
                writer = ix.writer(timeout=5.0)
            except LockError as exc:
                raise SearchUnavailable("whoosh index is locked by another writer") from exc
            try:
                work(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def upsert(self, docs: Iterable[Any]) -> None:
        prepared = [_fields(doc) for doc in docs]
        if prepared:
            self._write(lambda w: [w.update_document(**f) for f in prepared])

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            self._write(lambda w: [w.delete_by_term("key", k) for k in keys])

    def purge_expired(self, today: date) -> int:
        before = self.count()
        self._write(lambda w: w.delete_by_query(wq.NumericRange("until", 0, today.toordinal() - 1)))
        return before - self.count()

    def count(self) -> int:
        return int(self._open().doc_count())

    def _begin_rebuild(self) -> IndexBuilder:
        return _Builder(self)

    def _execute(self, q: AnalyzedQuery, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        text = _text_query(q, match_any=match_any)
        end = query.offset + query.limit
        with self._open().searcher() as searcher:
            mask = _hidden(today, query.exclude)
            if match_any:
                results = searcher.search(text, limit=end, filter=_filter(query, today, with_type=True), mask=mask)
                return RawPage([json.loads(h["data"]) for h in results[query.offset : end]], len(results), {})
            names = FILTER_KEYS if query.type != "all" else ("type", *FILTER_KEYS)
            results = searcher.search(
                text, limit=end, filter=_filter(query, today, with_type=True), mask=mask, groupedby=_facets(names)
            )
            stored = [json.loads(h["data"]) for h in results[query.offset : end]]
            facets = {n: _counts(results, n) for n in names}
            if query.type != "all":
                types = searcher.search(
                    text, limit=1, filter=_filter(query, today, with_type=False), mask=mask,
                    groupedby=_facets(["type"]),
                )  # fmt: skip
                facets["type"] = _counts(types, "type")
            return RawPage(stored, len(results), facets)

    def _suggest(
        self, q: AnalyzedQuery, today: date, limit: int, exclude: frozenset[str] = frozenset()
    ) -> list[dict[str, Any]]:
        options: list[wq.Query] = []
        if q.pinyin:
            options.append(wq.Prefix("py", q.pinyin))
        if q.terms:
            options.append(wq.And([_term("name", t, prefix=t in q.prefix_terms) for t in q.terms]))
        with self._open().searcher() as searcher:
            results = searcher.search(
                wq.Or(options), limit=limit, filter=_filter(Query("", type="subject"), today, with_type=True),
                mask=_hidden(today, exclude),
            )  # fmt: skip
            return [json.loads(h["data"]) for h in results]
