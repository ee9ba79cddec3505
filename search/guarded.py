"""GuardedBackend: serves a fallback's degraded answers while the real index is missing or broken.

It wraps any search.contract.SearchBackend and knows nothing of how engines rank (search.engine). Any failure of
the engine ends in a degraded answer, panics included: a damaged tantivy segment raises
pyo3_runtime.PanicException, a BaseException that `except Exception` lets through to kill the server thread.
Only the exceptions that mean "stop the process" pass (FATAL).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date

from search.contract import (
    Document,
    IndexBuilder,
    Query,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
    Suggestion,
)

log = logging.getLogger(__name__)

FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)


class GuardedBackend(SearchBackend):
    """The configured backend, or the degraded fallback while its index is missing or broken (logged once)."""

    name = "guarded"

    def __init__(self, primary: SearchBackend, fallback: Callable[[], SearchBackend]) -> None:
        self.primary = primary
        self.shared = primary.shared  # type: ignore[misc]  # the guard is as shared as what it guards
        self._fallback_factory = fallback
        self._fallback: SearchBackend | None = None
        self._warned = False
        self._lock = threading.Lock()

    def _degrade(self, reason: str) -> SearchBackend:
        with self._lock:
            if not self._warned:
                log.warning(
                    "search index %s unavailable (%s): serving the degraded database search; "
                    "run `flask --app wsgi reindex` to rebuild it",
                    self.primary.name, reason,
                )  # fmt: skip
                self._warned = True
            if self._fallback is None:
                self._fallback = self._fallback_factory()
            return self._fallback

    def _usable(self) -> bool:
        try:
            return self.primary.healthy()
        except BaseException as exc:  # a broken index must never break a page
            if isinstance(exc, FATAL):
                raise
            return False

    def _fault(self, exc: BaseException) -> SearchBackend:
        """The engine failed: one warning (with the traceback), the index re-checked and, when damaged, marked
        unhealthy for every process until the worker rebuilds it; the fallback answers this request."""
        if isinstance(exc, FATAL):
            raise exc
        with self._lock:
            first = not self._warned
            self._warned = True
        if first:
            log.warning(
                "search backend %s failed (%s: %s): serving the degraded database search",
                self.primary.name, type(exc).__name__, exc, exc_info=exc,
            )  # fmt: skip
        try:
            self.primary.mark_unhealthy(f"{type(exc).__name__}: {exc}")
        except BaseException as again:
            if isinstance(again, FATAL):
                raise
            log.debug("re-checking search index %s failed", self.primary.name, exc_info=True)
        return self._degrade(type(exc).__name__)

    def _recovered(self) -> None:
        if self._warned:
            log.info("search index %s available again", self.primary.name)
            self._warned = False

    def healthy(self) -> bool:
        return self._usable()

    def mark_unhealthy(self, reason: str) -> bool:
        return self.primary.mark_unhealthy(reason)

    def search(self, query: Query, *, today: date) -> ResultPage:
        if self._usable():
            try:
                page = self.primary.search(query, today=today)
            except SearchUnavailable as exc:
                return self._degrade(str(exc)).search(query, today=today)
            except BaseException as exc:  # corrupt index files surface as engine errors or panics
                return self._fault(exc).search(query, today=today)
            self._recovered()
            return page
        return self._degrade("missing").search(query, today=today)

    def suggest(
        self, prefix: str, *, today: date, limit: int = 10, exclude: frozenset[str] = frozenset()
    ) -> list[Suggestion]:
        if self._usable():
            try:
                return self.primary.suggest(prefix, today=today, limit=limit, exclude=exclude)
            except SearchUnavailable:
                pass
            except BaseException as exc:  # autocomplete is a nicety, but a panic means a damaged index
                return self._fault(exc).suggest(prefix, today=today, limit=limit, exclude=exclude)
        return self._degrade("missing").suggest(prefix, today=today, limit=limit, exclude=exclude)

    def upsert(self, docs: Iterable[Document]) -> None:
        self.primary.upsert(docs)

    def delete(self, keys: Iterable[str]) -> None:
        self.primary.delete(keys)

    def purge_expired(self, today: date) -> int:
        return self.primary.purge_expired(today)

    def count(self) -> int:
        return self.primary.count()

    def rebuild(self) -> AbstractContextManager[IndexBuilder]:
        return self.primary.rebuild()

    def close(self) -> None:
        self.primary.close()
