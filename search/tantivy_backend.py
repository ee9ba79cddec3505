"""Embedded tantivy index: pre-tokenized bigram/word fields (search.analysis), facets by tantivy aggregations."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur
from tantivy import Query as TQ  # noqa: N814 - tantivy's Query next to ours

from search import tantivy_health as health
from search.analysis import AnalyzedQuery
from search.contract import IndexBuilder, Query, SearchUnavailable
from search.engine import IndexedBackend, RawPage
from search.sync import Generations
from search.tantivy_schema import (
    SCHEMA,
    WORDS_MAX_TOTAL,
    Clauses,
    _bool,
    _document,
    _facets,
    _filters,
    _live,
    _page,
    _prepare,
    _term,
    _terms,
    _tiers,
    _to_tantivy,
)


class _Builder(IndexBuilder):
    """Writes a new generation. Past PARALLEL_AFTER documents, the Python side (analysis, JSON) moves to worker
    processes, one per core, while this process feeds tantivy: a full reindex is CPU-bound on that side."""

    PARALLEL_AFTER = 100_000
    CHUNK = 2_000
    MAX_PENDING = 8

    def __init__(self, backend: TantivyBackend) -> None:
        self.backend = backend
        self.path = backend.generations.new()
        self.index = tantivy.Index(SCHEMA, path=str(self.path))
        self.writer = self.index.writer(heap_size=backend.build_heap, num_threads=backend.build_threads)
        self.seen = 0
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[Future[list[tuple[Any, ...]]]] = deque()

    def add(self, docs: Iterable[Any]) -> None:
        batch = list(docs)
        self.seen += len(batch)
        workers = os.cpu_count() or 1
        if self.pool is None and self.seen > self.PARALLEL_AFTER and workers > 1:
            self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        if self.pool is None:
            for doc in batch:
                self.writer.add_document(_to_tantivy(doc))
            return
        for i in range(0, len(batch), self.CHUNK):
            self.pending.append(self.pool.submit(_prepare, batch[i : i + self.CHUNK]))
            while len(self.pending) > self.MAX_PENDING:
                self._drain_one()

    def _drain_one(self) -> None:
        for fields in self.pending.popleft().result():
            self.writer.add_document(_document(fields))

    def _stop_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def commit(self) -> None:
        try:
            while self.pending:
                self._drain_one()
        finally:
            self._stop_pool()
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.backend.generations.swap(self.path)
        self.backend._reopen()

    def abort(self) -> None:
        self.pending.clear()
        try:
            self._stop_pool()
            self.writer.rollback()
        finally:
            self.backend.generations.discard(self.path)


class TantivyBackend(IndexedBackend):
    name = "tantivy"

    def __init__(
        self, root: str | Path, *, build_heap: int = 400_000_000, build_threads: int = 2, cache_size: int = 1024
    ) -> None:
        self.generations = Generations(Path(root))
        self.build_heap = build_heap
        self.build_threads = build_threads
        self._lock = threading.RLock()
        self._gen: Path | None = None
        self._index: tantivy.Index | None = None
        self._cache = _Cache(cache_size)
        self._writes = 0  # in-process commits, part of the cache key
        self._seen: tuple[Any, ...] = ()
        self._health = health.Watch(self._lock, self._reopen, self._open)

    # -- opening -------------------------------------------------------------------------------------------
    def _reopen(self) -> None:
        with self._lock:
            self._gen = None
            self._index = None

    def _open(self) -> tantivy.Index:
        """The live generation's index, reopened when `current` points elsewhere (a reindex swapped it)."""
        gen = self.generations.current()
        if gen is None:
            raise SearchUnavailable("no tantivy index has been built")
        with self._lock:
            if self._index is None or gen != self._gen:
                try:
                    index = tantivy.Index.open(str(gen))
                except ValueError as exc:
                    raise SearchUnavailable(f"tantivy index unreadable: {exc}") from exc
                self._index, self._gen = index, gen
            return self._index

    def healthy(self) -> bool:
        """The live generation can be read (search.tantivy_health), not only opened."""
        return self._health.healthy(self.generations.current())

    def mark_unhealthy(self, reason: str) -> bool:
        return self._health.mark_unhealthy(self.generations.current(), reason)

    # -- writing -------------------------------------------------------------------------------------------
    def _write(self, work: Any) -> None:
        index = self._open()
        with self._lock:
            try:
                writer = index.writer(heap_size=50_000_000, num_threads=1)
            except ValueError as exc:  # LockBusy: another process is writing; the outbox keeps the change
                raise SearchUnavailable(f"tantivy index is locked: {exc}") from exc
            try:
                work(writer)
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()
            index.reload()
            self._writes += 1

    def upsert(self, docs: Iterable[Any]) -> None:
        prepared = [(doc.key, _to_tantivy(doc)) for doc in docs]
        if not prepared:
            return

        def work(writer: tantivy.IndexWriter) -> None:
            for key, doc in prepared:
                writer.delete_documents_by_term("key", key)
                writer.add_document(doc)

        self._write(work)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return

        def work(writer: tantivy.IndexWriter) -> None:
            for key in keys:
                writer.delete_documents_by_term("key", key)

        self._write(work)

    def purge_expired(self, today: date) -> int:
        before = self.count()
        expired = TQ.range_query(SCHEMA, "until", tantivy.FieldType.Integer, 0, today.toordinal() - 1)
        self._write(lambda writer: writer.delete_documents_by_query(expired))
        return before - self.count()

    def count(self) -> int:
        return int(self._open().searcher().num_docs)

    def _begin_rebuild(self) -> IndexBuilder:
        return _Builder(self)

    # -- reading -------------------------------------------------------------------------------------------
    def _execute(self, q: AnalyzedQuery, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        index = self._open()
        version = self._version()
        if version != self._seen:  # another process committed: read its commit before caching anything
            index.reload()
            self._seen = version
        key = (version, q.terms, q.ident, query.type, tuple(sorted(query.filters.items())), today,
               query.offset, query.limit, match_any, query.exclude)  # fmt: skip
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        searcher = index.searcher()
        filters = _filters(query, today, with_type=True)
        if match_any:
            anyterm = TQ.boolean_query(_terms(q, "sname", Occur.Should))
            found = searcher.search(_bool([(Occur.Must, anyterm)], filters), query.limit, count=False)
            page = RawPage([self._stored(searcher, addr) for _s, addr in found.hits], len(found.hits), {})
        else:
            total, facets = _facets(searcher, q, query, today)
            hits: list[Any] = []
            if total:
                tiers = _tiers(q, filters, with_words=total <= WORDS_MAX_TOTAL)
                hits = _page(searcher, tiers, query.offset, query.limit)
            page = RawPage([self._stored(searcher, addr) for addr in hits], total, facets)
        self._cache.put(key, page)
        return page

    @staticmethod
    def _stored(searcher: tantivy.Searcher, addr: Any) -> dict[str, Any]:
        return json.loads(bytes(searcher.doc(addr).get_first("data")))  # type: ignore[no-any-return]

    def _version(self) -> tuple[Any, ...]:
        """Changes with every commit, here or in another process (tantivy replaces meta.json: a new inode)."""
        gen = self._gen
        try:
            meta = os.stat(gen / "meta.json") if gen else None
        except OSError:
            meta = None
        return (str(gen), meta.st_ino if meta else -1, meta.st_mtime_ns if meta else -1, self._writes)

    def _suggest(
        self, q: AnalyzedQuery, today: date, limit: int, exclude: frozenset[str] = frozenset()
    ) -> list[dict[str, Any]]:
        searcher = self._open().searcher()
        options: Clauses = []
        if q.pinyin:
            options.append((Occur.Should, _term("py", q.pinyin, prefix=True)))
        if q.terms:
            options.append((Occur.Should, _bool(_terms(q, "sname"))))
        query = _bool([(Occur.Must, TQ.boolean_query(options))], _live(today, exclude))
        result = searcher.search(query, limit, count=False)
        return [self._stored(searcher, addr) for _score, addr in result.hits]


class _Cache:
    """A small LRU of result pages; keys carry the index version, so a commit makes old entries unreachable."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self.data: OrderedDict[Any, RawPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> RawPage | None:
        with self.lock:
            page = self.data.get(key)
            if page is not None:
                self.data.move_to_end(key)
            return page

    def put(self, key: Any, page: RawPage) -> None:
        with self.lock:
            self.data[key] = page
            while len(self.data) > self.size:
                self.data.popitem(last=False)
