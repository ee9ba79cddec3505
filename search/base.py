"""Search values (Document, Query, Hit, ResultPage), the SearchBackend contract and open_backend().

Imports neither Flask nor portal: whatever a backend needs (a directory, a database URL, today's date) comes in
as an argument.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from markupsafe import Markup

from search import analysis
from search.analysis import AnalyzedQuery
from search.highlight import highlight, marked_count, marked_positions, needles
from search.relaxed import relax

TYPES = ("subject", "penalty", "permit", "redlist", "blacklist", "watchlist")
FILTER_KEYS = ("department", "year", "list_name", "category")
FACET_KEYS = ("type", *FILTER_KEYS)
FACET_SIZE = 20  # buckets per facet (type always has all of its six)
MAX_PER_PAGE = 100
MAX_OFFSET = 10_000  # deeper pages are refused rather than scanned
OPEN_ENDED = date(9999, 12, 31)  # public_until of documents with no end of publicity
BACKENDS = ("tantivy", "whoosh", "postgres")


class SearchUnavailable(RuntimeError):
    """The index is missing, corrupt or locked; the database still holds everything (reindex rebuilds it)."""


@dataclass(frozen=True, slots=True)
class Document:
    """One public record or subject as indexed. Only public, masked fields belong here (STYLE "Search")."""

    key: str  # "penalty:12", "subject:Ab3…" — unique in the index
    type: str  # one of TYPES
    id: str  # what the API returns as "id"
    title: str
    subject_name: str  # masked where personal
    uscc: str | None
    body: str
    date: date | None
    url: str
    department: str | None = None
    year: int | None = None
    list_name: str | None = None
    category: str | None = None
    public_until: date | None = None  # inclusive; None = open-ended
    identifiers: tuple[str, ...] = ()  # 文号, 许可编号 …: found by exact lookup, ranked first

    def stored(self) -> dict[str, Any]:
        """The fields a hit is built from, as JSON-able values."""
        return {
            "key": self.key, "type": self.type, "id": self.id, "title": self.title,
            "subject_name": self.subject_name, "uscc": self.uscc, "body": self.body,
            "date": self.date.isoformat() if self.date else None, "url": self.url,
        }  # fmt: skip

    @property
    def until(self) -> date:
        return self.public_until or OPEN_ENDED


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    type: str = "all"  # "all" or one of TYPES
    filters: Mapping[str, str] = field(default_factory=dict)  # keys from FILTER_KEYS
    page: int = 1
    per_page: int = 20

    def __post_init__(self) -> None:
        if self.type != "all" and self.type not in TYPES:
            raise ValueError(f"unknown type {self.type!r}")
        unknown = set(self.filters) - set(FILTER_KEYS)
        if unknown:
            raise ValueError(f"unknown filters {sorted(unknown)}")

    @property
    def limit(self) -> int:
        return max(1, min(int(self.per_page), MAX_PER_PAGE))

    @property
    def offset(self) -> int:
        return min((max(1, int(self.page)) - 1) * self.limit, MAX_OFFSET)


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    type: str
    id: str
    title: str
    subject_name: str
    uscc: str | None
    date: date | None
    url: str
    highlight: Markup


@dataclass(frozen=True, slots=True)
class ResultPage:
    hits: list[Hit]
    total: int  # exact number of matching public documents
    facets: dict[str, dict[str, int]]
    page: int
    per_page: int
    took_ms: float
    suggestion: str | None = None  # "did you mean", only when nothing was found
    degraded: bool = False  # served by the SQL fallback: show a notice
    relaxed: bool = False  # nothing matched the text as typed: these hits hold every word of it, in any order

    @classmethod
    def empty(cls, query: Query, *, took_ms: float = 0.0, degraded: bool = False) -> ResultPage:
        return cls([], 0, {"type": {}}, max(1, query.page), query.limit, took_ms, None, degraded)


@dataclass(frozen=True, slots=True)
class Suggestion:
    title: str  # the subject's public name
    uscc: str | None
    url: str


@dataclass(slots=True)
class RawPage:
    """What a backend found: stored fields of the page's documents in rank order, the exact total, facet counts."""

    stored: list[dict[str, Any]]
    total: int
    facets: dict[str, dict[str, int]]


def stored_json(doc: Document) -> str:
    return json.dumps(doc.stored(), ensure_ascii=False, separators=(",", ":"))


def sort_facet(counts: Mapping[str, int], size: int = FACET_SIZE) -> dict[str, int]:
    items = sorted(((k, v) for k, v in counts.items() if k and v), key=lambda kv: (-kv[1], kv[0]))
    return dict(items[:size])


@dataclass(frozen=True, slots=True)
class IndexTerms:
    """A document cut into the terms every backend indexes (one function, so all backends agree)."""

    name: list[str]  # the subject name (and a subject's title): name matches rank above body matches
    all: list[str]  # every searchable field
    words: list[str]  # jieba words, ranking only
    ident: list[str]  # exact-lookup keys: USCC, 文号, 许可编号
    pinyin: list[str]  # autocomplete keys, subjects only


def index_terms(doc: Document) -> IndexTerms:
    # Field by field, so the per-value caches of search.analysis hit (bodies, 机关 and names repeat).
    tokens, words = analysis.tokens, analysis.words
    name = tokens(doc.subject_name)
    if doc.type == "subject" and doc.title != doc.subject_name:
        name += tokens(doc.title)
    everything = name + tokens(doc.title) + tokens(doc.body)
    for extra in (doc.department, doc.list_name, doc.uscc, *doc.identifiers):
        if extra:
            everything += tokens(extra)
    word_list = words(doc.subject_name) + words(doc.title) + words(doc.body)
    idents = [analysis.ident_key(x) for x in (doc.uscc or "", *doc.identifiers) if x and x.strip()]
    pinyin: list[str] = []
    if doc.type == "subject":
        pinyin = analysis.pinyin_keys(doc.subject_name)
        if doc.uscc:  # a USCC typed in part finds its subject (exact terms, no prefix expansion at query time)
            everything += analysis.code_prefixes(doc.uscc)
    return IndexTerms(
        name, list(dict.fromkeys(everything)), list(dict.fromkeys(word_list)),
        list(dict.fromkeys(i for i in idents if i)), pinyin,
    )  # fmt: skip


class IndexBuilder(ABC):
    """Receives every document of a fresh index; `commit` makes it the live one, `abort` throws it away."""

    @abstractmethod
    def add(self, docs: Iterable[Document]) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def abort(self) -> None: ...


class SearchBackend(ABC):
    """One search engine. Contract, checked by tests/search/test_contract.py for every implementation:

    - `upsert` replaces documents by key; `delete` removes keys (unknown keys are ignored); both are visible to
      `search` in the same process as soon as they return.
    - `search` returns only documents with public_until >= today, ranked: exact USCC/文号 first, then documents
      whose name holds every query term, then the rest; `total` is exact; facets count type (over every type) and
      department, year, list_name and category (over the requested type). It never raises for odd query text.
    - When nothing of any type matches the text as typed, `search` (and `suggest`) retry with every word in any
      order (search.relaxed) through the same `_execute`/`_suggest`, and mark the page `relaxed`.
    - `rebuild()` builds a complete new index aside and swaps it in atomically when the block ends without error.
    """

    name: ClassVar[str]

    @abstractmethod
    def upsert(self, docs: Iterable[Document]) -> None: ...

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None: ...

    @abstractmethod
    def _execute(self, q: AnalyzedQuery, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        """Run an analysed (non-empty) query. `match_any`: any term suffices, subjects only (for "did you mean")."""

    @abstractmethod
    def _suggest(self, q: AnalyzedQuery, today: date, limit: int) -> list[dict[str, Any]]:
        """Stored fields of subjects whose pinyin keys start with q.pinyin, or whose name holds q.terms."""

    @abstractmethod
    def _begin_rebuild(self) -> IndexBuilder: ...

    @abstractmethod
    def purge_expired(self, today: date) -> int:
        """Delete documents whose public_until < today (the query filter hides them already); returns how many."""

    @abstractmethod
    def count(self) -> int:
        """Number of documents in the index, expired ones included."""

    def healthy(self) -> bool:
        return True

    def close(self) -> None:  # noqa: B027 - optional hook
        pass

    def search(self, query: Query, *, today: date) -> ResultPage:
        started = time.perf_counter()
        q = analysis.analyze_query(query.text)
        if q.is_empty:
            return ResultPage.empty(query)
        raw = self._execute(q, query, today)
        relaxed = relax(q) if raw.total == 0 and not any(raw.facets.get("type", {}).values()) else None
        if relaxed is not None:  # 江临水务 finds 江临市锦丰水务有限公司: every word, in any order
            raw = self._execute(relaxed, query, today)
            q = relaxed if raw.total else q
        terms = needles(q)
        hits = [make_hit(s, terms) for s in raw.stored]
        suggestion = self._did_you_mean(q, today) if raw.total == 0 else None
        took = round((time.perf_counter() - started) * 1000, 2)
        facets = {key: raw.facets.get(key, {}) for key in FACET_KEYS}
        is_relaxed = relaxed is not None and any(raw.facets.get("type", {}).values())
        page = max(1, query.page)
        return ResultPage(hits, raw.total, facets, page, query.limit, took, suggestion, relaxed=is_relaxed)

    def suggest(self, prefix: str, *, today: date, limit: int = 10) -> list[Suggestion]:
        """Subject names for autocomplete: by fragment (水务) or by pinyin initials / full pinyin (jlsw, jianglin)."""
        q = analysis.analyze_query(prefix)
        if q.is_empty:
            return []
        limit = max(1, min(limit, 50))
        out: dict[str, Suggestion] = {}
        found = self._suggest(q, today, limit * 2)
        relaxed = relax(q) if not found and not q.pinyin else None
        for s in self._suggest(relaxed, today, limit * 2) if relaxed is not None else found:
            out.setdefault(s["title"], Suggestion(s["title"], s.get("uscc"), s["url"]))
        return list(out.values())[:limit]

    def _did_you_mean(self, q: AnalyzedQuery, today: date) -> str | None:
        if q.pinyin:
            found = self.suggest(q.pinyin, today=today, limit=1)
            return found[0].title if found else None
        cjk_terms = [t for t in q.terms if len(t) == 2 and not t.isascii()]
        if len(cjk_terms) < 2:
            return None
        raw = self._execute(q, Query(q.text, type="subject", per_page=5), today, match_any=True)
        best, best_score = None, 0
        for s in raw.stored:
            score = marked_count(s["title"], cjk_terms)
            if score > best_score:
                best, best_score = s["title"], score
        # At least half of the query's characters must be found in the name, or the guess is noise.
        if best and best != q.text and best_score * 2 >= len(cjk_terms) + 1:
            return str(best)
        return None

    @contextmanager
    def rebuild(self) -> Iterator[IndexBuilder]:
        """`with backend.rebuild() as b: b.add(docs)`: a new index, swapped in only if the block succeeds."""
        builder = self._begin_rebuild()
        try:
            yield builder
        except BaseException:
            builder.abort()
            raise
        builder.commit()


def make_hit(s: Mapping[str, Any], terms: list[str]) -> Hit:
    """A hit from stored fields, highlighting the field with the most matches (body, then title, then name)."""
    fields = [s.get("body") or "", s.get("title") or "", s.get("subject_name") or ""]
    marks = [marked_positions(text, terms) for text in fields]
    counts = [sum(m) for m in marks]
    # With nothing to mark (an exact USCC), a subject shows its name and a record its summary.
    fallback = 1 if s["type"] == "subject" else 0
    best = max(range(len(fields)), key=lambda i: (counts[i], -i)) if any(counts) else fallback
    chosen = best if fields[best] else (1 if fields[1] else 2)
    when = s.get("date")
    return Hit(
        key=s["key"], type=s["type"], id=s["id"], title=s["title"], subject_name=s["subject_name"],
        uscc=s.get("uscc"), date=date.fromisoformat(when) if when else None, url=s["url"],
        highlight=highlight(fields[chosen], terms, marked=marks[chosen]),
    )  # fmt: skip


def open_backend(
    name: str,
    *,
    directory: str | Path | None = None,
    dsn: str | None = None,
    engine: Any = None,
    fallback: Callable[[], SearchBackend] | None = None,
    **options: Any,
) -> SearchBackend:
    """The backend `name` (tantivy, whoosh, postgres). Never raises for a missing index: it reports unhealthy.

    File backends keep their generations under `directory/<name>/`; postgres uses `engine` or `dsn`. With
    `fallback`, the result serves the fallback's (degraded) answers while the index is missing or broken.
    """
    backend: SearchBackend
    if name == "tantivy":
        from search.tantivy_backend import TantivyBackend

        backend = TantivyBackend(_require_dir(directory) / name, **options)
    elif name == "whoosh":
        from search.whoosh_backend import WhooshBackend

        backend = WhooshBackend(_require_dir(directory) / name, **options)
    elif name == "postgres":
        from search.postgres_backend import PostgresBackend

        if engine is None and not dsn:
            raise ValueError("the postgres backend needs a dsn or an engine")
        backend = PostgresBackend(engine if engine is not None else dsn, **options)
    else:
        raise ValueError(f"unknown search backend {name!r}: expected one of {', '.join(BACKENDS)}")
    if fallback is None:
        return backend
    from search.guarded import GuardedBackend  # a module of its own; it subclasses SearchBackend

    return GuardedBackend(backend, fallback)


def _require_dir(directory: str | Path | None) -> Path:
    if directory is None:
        raise ValueError("file-based search backends need a directory")
    return Path(directory)
