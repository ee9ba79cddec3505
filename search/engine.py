"""What the index engines share: index terms, ranking glue, the relaxed retry and "did you mean" (IndexedBackend).

tantivy, whoosh and postgres subclass IndexedBackend and supply only `_execute`, `_suggest` and `_begin_rebuild`;
the guarded wrapper and the degraded fallback implement search.contract.SearchBackend directly.
"""

from __future__ import annotations

import json
import time
from abc import abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from search import analysis
from search.analysis import AnalyzedQuery
from search.closeness import is_close
from search.contract import FACET_KEYS, Document, Hit, IndexBuilder, Query, ResultPage, SearchBackend, Suggestion
from search.highlight import highlight, marked_count, marked_positions, needles
from search.relaxed import relax

FACET_SIZE = 20  # buckets per facet (type always has all of its six)


@dataclass(slots=True)
class RawPage:
    """What a backend found: stored fields of the page's documents in rank order, the exact total, facet counts."""

    stored: list[dict[str, Any]]
    total: int
    facets: dict[str, dict[str, int]]
    exact: bool = True  # False: total and the filter facets are lower bounds (a backend that stops counting)
    types_exact: bool = True  # False: the type facet's counts are lower bounds


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


class IndexedBackend(SearchBackend):
    """A SearchBackend over an index of `index_terms`. On top of the contract (search.contract.SearchBackend):

    - When nothing of any type matches the text as typed, `search` (and `suggest`) retry with every word in any
      order (search.relaxed) through the same `_execute`/`_suggest`, and mark the page `relaxed`.
    - "Did you mean" is only offered when nothing was found, and only names a subject outside `query.exclude`.
    """

    @abstractmethod
    def _execute(self, q: AnalyzedQuery, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        """Run an analysed (non-empty) query, leaving out query.exclude. `match_any`: any term suffices, subjects
        only (for "did you mean")."""

    @abstractmethod
    def _suggest(
        self, q: AnalyzedQuery, today: date, limit: int, exclude: frozenset[str] = frozenset()
    ) -> list[dict[str, Any]]:
        """Stored fields of subjects whose pinyin keys start with q.pinyin, or whose name holds q.terms."""

    @abstractmethod
    def _begin_rebuild(self) -> IndexBuilder: ...

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
        suggestion = self._did_you_mean(q, today, query.exclude) if raw.total == 0 else None
        took = round((time.perf_counter() - started) * 1000, 2)
        facets = {key: raw.facets.get(key, {}) for key in FACET_KEYS}
        is_relaxed = relaxed is not None and any(raw.facets.get("type", {}).values())
        page = max(1, query.page)
        return ResultPage(hits, raw.total, facets, page, query.limit, took, suggestion, relaxed=is_relaxed,
                          total_exact=raw.exact, types_exact=raw.types_exact)  # fmt: skip

    def suggest(
        self, prefix: str, *, today: date, limit: int = 10, exclude: frozenset[str] = frozenset()
    ) -> list[Suggestion]:
        q = analysis.analyze_query(prefix)
        if q.is_empty:
            return []
        limit = max(1, min(limit, 50))
        out: dict[str, Suggestion] = {}
        found = self._suggest(q, today, limit * 2, exclude)
        relaxed = relax(q) if not found and not q.pinyin else None
        for s in self._suggest(relaxed, today, limit * 2, exclude) if relaxed is not None else found:
            out.setdefault(s["title"], Suggestion(s["title"], s.get("uscc"), s["url"], s["key"]))
        return list(out.values())[:limit]

    def _did_you_mean(self, q: AnalyzedQuery, today: date, exclude: frozenset[str]) -> str | None:
        if q.pinyin:
            found = self.suggest(q.pinyin, today=today, limit=1, exclude=exclude)
            return found[0].title if found else None
        cjk_terms = [t for t in q.terms if len(t) == 2 and not t.isascii()]
        if len(cjk_terms) < 2:
            return None
        subjects = Query(q.text, type="subject", per_page=5, exclude=exclude)
        raw = self._execute(q, subjects, today, match_any=True)
        scored = sorted(((marked_count(s["title"], cjk_terms), s["title"]) for s in raw.stored), key=lambda x: -x[0])
        for score, title in scored:
            # At least half of the query's characters must be found in the name, and the name must be close to
            # the query as a whole (search.closeness), or the guess is noise (不存在的某某公司 is no typo).
            if title != q.text and score * 2 >= len(cjk_terms) + 1 and is_close(q.text, title):
                return str(title)
        return None

    @contextmanager
    def rebuild(self) -> Iterator[IndexBuilder]:
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
