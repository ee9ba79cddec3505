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

from search.analysis import AnalyzedQuery
from search.base import (
    FACET_SIZE,
    FILTER_KEYS,
    IndexBuilder,
    Query,
    RawPage,
    SearchBackend,
    SearchUnavailable,
    index_terms,
    sort_facet,
    stored_json,
)
from search.sync import Generations

WORD_BOOST = 2.0
KEYWORD_FIELDS = ("type", *FILTER_KEYS)


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", tokenizer_name="raw", index_option="basic")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_integer_field("until", indexed=True, fast=True)
    for name in ("sname", "name", "all", "words"):  # sname: a subject's own name; name: a record's subject
        sb.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in ("ident", "py"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    sb.add_bytes_field("data", stored=True, indexed=False)
    return sb.build()


SCHEMA = _schema()


def _fields(doc: Any) -> tuple[Any, ...]:
    """Everything a tantivy document needs, as plain values (picklable: built in worker processes)."""
    t = index_terms(doc)
    return (
        doc.key, doc.type, doc.department, doc.list_name, doc.category, str(doc.year) if doc.year else None,
        doc.until.toordinal(), " ".join(t.name), " ".join(t.all), " ".join(t.words), t.ident, t.pinyin,
        stored_json(doc).encode(),
    )  # fmt: skip


def _prepare(docs: list[Any]) -> list[tuple[Any, ...]]:
    return [_fields(doc) for doc in docs]


def _document(fields: tuple[Any, ...]) -> tantivy.Document:
    key, kind, department, list_name, category, year, until, name, every, words, ident, pinyin, data = fields
    d = tantivy.Document()
    d.add_text("key", key)
    d.add_text("type", kind)
    for field, value in (("department", department), ("list_name", list_name), ("category", category),
                         ("year", year)):  # fmt: skip
        if value:
            d.add_text(field, value)
    d.add_integer("until", until)
    d.add_text("sname" if kind == "subject" else "name", name)
    d.add_text("all", every)
    d.add_text("words", words)
    for value in ident:
        d.add_text("ident", value)
    for value in pinyin:
        d.add_text("py", value)
    d.add_bytes("data", data)
    return d


def _to_tantivy(doc: Any) -> tantivy.Document:
    return _document(_fields(doc))


def _term(field: str, value: str, *, prefix: bool = False, option: str = "freq") -> TQ:
    if prefix:
        return TQ.fuzzy_term_query(SCHEMA, field, value, distance=0, transposition_cost_one=True, prefix=True)
    return TQ.term_query(SCHEMA, field, value, index_option=option)


Clauses = list[tuple[Occur, TQ]]
WORDS_MAX_TOTAL = 50_000  # above this many matches the jieba-word ranking is skipped (it costs a pass)


def _live(today: date) -> Clauses:
    """Excludes documents past their publicity. Few after the daily sweep, so MustNot is cheaper than a range
    over every live document."""
    expired = TQ.range_query(SCHEMA, "until", tantivy.FieldType.Integer, 0, today.toordinal() - 1)
    return [(Occur.MustNot, expired)]


def _filters(query: Query, today: date, *, with_type: bool) -> Clauses:
    out: Clauses = []
    if with_type and query.type != "all":
        out.append((Occur.Must, TQ.const_score_query(_term("type", query.type, option="basic"), 0.0)))
    for key in FILTER_KEYS:
        value = query.filters.get(key)
        if value:
            out.append((Occur.Must, TQ.const_score_query(_term(key, str(value), option="basic"), 0.0)))
    return out + _live(today)


def _terms(q: AnalyzedQuery, field: str, occur: Occur = Occur.Must) -> Clauses:
    return [(occur, _term(field, t, prefix=t in q.prefix_terms)) for t in q.terms]


def _bool(*groups: Clauses) -> TQ:
    return TQ.boolean_query([clause for group in groups for clause in group])


def _tiers(q: AnalyzedQuery, filters: Clauses, *, with_words: bool) -> list[TQ]:
    """The ranking as separate queries, best first: exact USCC/文号; subjects whose own name holds every term;
    records whose subject's name does; the rest (terms anywhere). BM25 (plus jieba words) orders within a tier.

    Separate queries cost less than one query with boosting clauses: each walks only its own matches.
    """
    tiers: list[TQ] = []
    exclude: Clauses = []
    if q.ident:  # the subject with this USCC before its records
        ident, subject = _term("ident", q.ident, option="basic"), _term("type", "subject", option="basic")
        tiers.append(_bool([(Occur.Must, ident), (Occur.Must, subject)], filters))
        tiers.append(_bool([(Occur.Must, ident), (Occur.MustNot, subject)], filters))
        exclude = [(Occur.MustNot, ident)]
    if not q.terms:
        return tiers
    words: Clauses = []
    if with_words and q.words:
        ranked = TQ.boolean_query([(Occur.Should, _term("words", w)) for w in q.words])
        words = [(Occur.Should, TQ.boost_query(ranked, WORD_BOOST))]
    subject_name, record_name = _bool(_terms(q, "sname")), _bool(_terms(q, "name"))
    tiers.append(_bool([(Occur.Must, subject_name)], words, filters, exclude))
    tiers.append(_bool([(Occur.Must, record_name)], words, filters, exclude))
    rest = [(Occur.MustNot, subject_name), (Occur.MustNot, record_name)]
    tiers.append(_bool(_terms(q, "all"), rest, words, filters, exclude))
    return tiers


def _page(searcher: tantivy.Searcher, tiers: list[TQ], offset: int, limit: int) -> list[Any]:
    """Hits [offset, offset + limit) of the tiers concatenated, counting a tier only when a page straddles it."""
    out: list[Any] = []
    for tier in tiers:
        if limit <= 0:
            break
        hits = [addr for _score, addr in searcher.search(tier, limit, count=False, offset=offset).hits]
        out += hits
        if len(hits) == limit:
            break
        size = offset + len(hits) if hits or not offset else int(searcher.search(tier, 1, count=True).count)
        limit -= len(hits)
        offset = max(0, offset - size)
    return out


def _facets(searcher: tantivy.Searcher, q: AnalyzedQuery, query: Query, today: date) -> tuple[int, dict[str, Any]]:
    """(exact total, facets) in one aggregation pass: every document has one type, so the type counts add up
    to the total; for one type, the other facets are sub-aggregations of its bucket."""
    fields = {k: {"terms": {"field": k, "size": FACET_SIZE}} for k in FILTER_KEYS}
    matched = _bool(_terms(q, "all"), _filters(query, today, with_type=False))
    if q.ident and not q.terms:
        ident = _term("ident", q.ident, option="basic")
        matched = _bool([(Occur.Must, ident)], _filters(query, today, with_type=False))
    if query.type == "all":
        result = searcher.aggregate(matched, {"type": {"terms": {"field": "type", "size": 10}}, **fields})
        types = _buckets(result, "type")
        return sum(types.values()), {"type": types, **{k: _buckets(result, k) for k in FILTER_KEYS}}
    result = searcher.aggregate(matched, {"type": {"terms": {"field": "type", "size": 10}, "aggs": fields}})
    buckets = result.get("type", {}).get("buckets", [])
    types = sort_facet({str(b["key"]): int(b["doc_count"]) for b in buckets})
    mine = next((b for b in buckets if b["key"] == query.type), {})
    return types.get(query.type, 0), {"type": types, **{k: _buckets(mine, k) for k in FILTER_KEYS}}


def _buckets(result: dict[str, Any], name: str) -> dict[str, int]:
    return sort_facet({str(b["key"]): int(b["doc_count"]) for b in result.get(name, {}).get("buckets", [])})


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


class TantivyBackend(SearchBackend):
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
        try:
            self._open()
        except SearchUnavailable:
            return False
        return True

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
               query.offset, query.limit, match_any)  # fmt: skip
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

    def _suggest(self, q: AnalyzedQuery, today: date, limit: int) -> list[dict[str, Any]]:
        searcher = self._open().searcher()
        options: Clauses = []
        if q.pinyin:
            options.append((Occur.Should, _term("py", q.pinyin, prefix=True)))
        if q.terms:
            options.append((Occur.Should, _bool(_terms(q, "sname"))))
        query = _bool([(Occur.Must, TQ.boolean_query(options))], _live(today))
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
