"""The public search contract: values (Document, Query, Hit, ResultPage, Suggestion) and the SearchBackend ABC.

What callers (portal, the guarded wrapper, the degraded fallback) may rely on, and nothing of how an engine ranks:
that lives in search.engine. Imports neither Flask nor portal, nor any other search module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from markupsafe import Markup

TYPES = ("subject", "penalty", "permit", "redlist", "blacklist", "watchlist", "coercion", "honour", "commitment",
         "rating", "inspection")
FILTER_KEYS = ("department", "year", "list_name", "category")
FACET_KEYS = ("type", *FILTER_KEYS)
MAX_PER_PAGE = 100
MAX_OFFSET = 10_000  # deeper pages are refused rather than scanned
OPEN_ENDED = date(9999, 12, 31)  # public_until of documents with no end of publicity


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
    # Keys of documents the database no longer shows (changes the index has not applied yet): left out of hits,
    # totals, facets and the did-you-mean as if they were not indexed.
    exclude: frozenset[str] = frozenset()

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
    total: int  # number of matching public documents: exact unless total_exact is False
    facets: dict[str, dict[str, int]]
    page: int
    per_page: int
    took_ms: float
    suggestion: str | None = None  # "did you mean", only when nothing was found
    degraded: bool = False  # served by the SQL fallback: show a notice
    relaxed: bool = False  # nothing matched the text as typed: these hits hold every word of it, in any order
    # False when the engine stopped counting at a cap (postgres, search.postgres_query.TOTAL_CAP): `total` and the
    # facet counts are then lower bounds, shown as "10,000+"; a count below the cap is always exact.
    total_exact: bool = True
    types_exact: bool = True  # the same for the type facet, which counts every type (the tabs of the search page)

    @classmethod
    def empty(cls, query: Query, *, took_ms: float = 0.0, degraded: bool = False) -> ResultPage:
        return cls([], 0, {"type": {}}, max(1, query.page), query.limit, took_ms, None, degraded)


@dataclass(frozen=True, slots=True)
class Suggestion:
    title: str  # the subject's public name
    uscc: str | None
    url: str
    key: str = ""  # the subject document's key, for the caller's visibility re-check


class IndexBuilder(ABC):
    """Receives every document of a fresh index; `commit` makes it the live one, `abort` throws it away."""

    @abstractmethod
    def add(self, docs: Iterable[Document]) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def abort(self) -> None: ...


class SearchBackend(ABC):
    """One search service. Contract, checked by tests/search/test_contract.py for every engine:

    - `upsert` replaces documents by key; `delete` removes keys (unknown keys are ignored); both are visible to
      `search` in the same process as soon as they return.
    - `search` returns only documents with public_until >= today and a key outside `query.exclude`, ranked:
      exact USCC/文号 first, then documents whose name holds every query term, then the rest; `total` is exact
      (or, with `total_exact` False, a lower bound no smaller than the engine's documented cap); facets count
      type (over every type) and department, year, list_name and category (over the requested type). It never
      raises for odd query text.
    - `suggest` completes subject names (fragment or pinyin), leaving out `exclude`d keys.
    - `rebuild()` builds a complete new index aside and swaps it in atomically when the block ends without error.
    """

    name: ClassVar[str]
    # One index that every app server reads and writes (a database table), rather than one index per server:
    # its outbox cursor is then one for the whole site (portal/indexing/cursors.py).
    shared: ClassVar[bool] = False

    @abstractmethod
    def upsert(self, docs: Iterable[Document]) -> None: ...

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None: ...

    @abstractmethod
    def search(self, query: Query, *, today: date) -> ResultPage: ...

    @abstractmethod
    def suggest(
        self, prefix: str, *, today: date, limit: int = 10, exclude: frozenset[str] = frozenset()
    ) -> list[Suggestion]:
        """Subject names for autocomplete: by fragment (水务) or by pinyin initials / full pinyin (jlsw, jianglin)."""

    @abstractmethod
    def rebuild(self) -> AbstractContextManager[IndexBuilder]:
        """`with backend.rebuild() as b: b.add(docs)`: a new index, swapped in only if the block succeeds."""

    @abstractmethod
    def purge_expired(self, today: date) -> int:
        """Delete documents whose public_until < today (the query filter hides them already); returns how many."""

    @abstractmethod
    def count(self) -> int:
        """Number of documents in the index, expired ones included."""

    def healthy(self) -> bool:
        return True

    def mark_unhealthy(self, reason: str) -> bool:
        """A read failed unexpectedly: check the index again, report it unhealthy until rebuilt when damaged."""
        return False

    def close(self) -> None:  # noqa: B027 - optional hook
        pass
