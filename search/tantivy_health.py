"""Can a tantivy generation actually be read? A cheap fingerprint on every call, a deep read when it changes.

Opening an index only parses meta.json and the file footers: a segment whose bytes were damaged opens fine and
then fails, or panics inside tantivy (pyo3_runtime.PanicException, a BaseException), on the first query that
touches the damage. `verify` reads what every search reads: the fast fields of all documents (facets, the
publicity filter), the term dictionaries and postings of a few keys, and stored documents of every segment.

A generation found damaged gets a MARKER file, so that every process (each gunicorn worker, the search worker)
reports it unhealthy without touching it again, until a rebuild swaps in a new generation.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Query as TQ  # noqa: N814 - tantivy's Query next to ours

from search.contract import FILTER_KEYS

MARKER = ".unhealthy"
SAMPLE = 32  # stored documents read on top of the first one of every segment
FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)  # never swallowed: the process is meant to stop
# How long one look at the files of the live generation stays valid in a process: a look costs ~0.2 ms (a scan of
# ~15 files), a search ~2 ms of CPU; a swap to another generation is seen at once all the same.
RESCAN_SECONDS = 0.05

Fingerprint = tuple[str, tuple[tuple[str, int, int, int], ...]]


def fingerprint(gen: Path) -> Fingerprint:
    """Name, size, inode and mtime of every file of the generation (lock files aside: they say nothing of the
    data). A commit, a deleted, truncated or replaced file all change it. Raises OSError when unreadable."""
    entries = []
    with os.scandir(gen) as it:
        for entry in it:
            if entry.name.endswith(".lock"):
                continue
            st = entry.stat(follow_symlinks=False)
            entries.append((entry.name, st.st_size, st.st_ino, st.st_mtime_ns))
    return str(gen), tuple(sorted(entries))


def is_marked(fp: Fingerprint) -> bool:
    return any(name == MARKER for name, *_rest in fp[1])


def mark(gen: Path, reason: str) -> None:
    """Leave the marker; a read-only directory keeps only this process's verdict (the caller's)."""
    with contextlib.suppress(OSError):
        (gen / MARKER).write_text(reason[:500] + "\n", encoding="utf-8")


def verify(index: tantivy.Index) -> None:
    """Raises (an Exception or a panic) when the index cannot be read the way searches read it."""
    searcher = index.searcher()
    everything = TQ.all_query()
    aggs: dict[str, Any] = {k: {"terms": {"field": k, "size": 1}} for k in ("type", *FILTER_KEYS)}
    aggs["until"] = {"stats": {"field": "until"}}
    searcher.aggregate(everything, aggs)
    for ord_ in range(searcher.num_segments):  # the first block of every segment's document store
        json.loads(bytes(searcher.doc(tantivy.DocAddress(ord_, 0)).get_first("data")))
    for _score, addr in searcher.search(everything, SAMPLE, count=False).hits:  # live documents: each found by key
        stored = json.loads(bytes(searcher.doc(addr).get_first("data")))
        by_key = TQ.term_query(index.schema, "key", stored["key"], index_option="basic")
        if searcher.search(by_key, 1, count=True).count < 1:
            raise ValueError(f"stored document {stored['key']!r} is not found by its key")


class Watch:
    """One backend's view of its live generation: verified in depth once per version of its files, then only a
    directory scan at most every RESCAN_SECONDS; a generation marked damaged by any process is unhealthy."""

    def __init__(
        self, lock: threading.RLock, reopen: Callable[[], None], open_index: Callable[[], tantivy.Index]
    ) -> None:
        self._lock, self._reopen, self._open = lock, reopen, open_index
        self._verified: tuple[Fingerprint, bool] | None = None  # the last deep check and its verdict
        self._rechecked: Fingerprint | None = None  # mark_unhealthy re-reads a version once
        self._looked: tuple[Path, float, bool] | None = None  # (generation, time.monotonic(), verdict)

    def healthy(self, gen: Path | None) -> bool:
        if gen is None:
            return False
        now, looked = time.monotonic(), self._looked
        if looked is not None and looked[0] == gen and now - looked[1] < RESCAN_SECONDS:
            return looked[2]
        ok = self._readable(gen)
        self._looked = (gen, now, ok)
        return ok

    def _readable(self, gen: Path) -> bool:
        try:
            fp = fingerprint(gen)
        except OSError:
            return False
        if is_marked(fp):
            return False
        with self._lock:
            if self._verified is not None and self._verified[0] == fp:
                return self._verified[1]
            self._reopen()  # the files changed: map them afresh, a mapping of a since truncated file faults (SIGBUS)
            try:
                verify(self._open())
                ok = True
            except BaseException as exc:
                if isinstance(exc, FATAL):
                    raise
                ok = False
            self._verified = (fp, ok)
            return ok

    def mark_unhealthy(self, gen: Path | None, reason: str) -> bool:
        """A read failed: verify the live generation again from a fresh open (once per version, so a fault of one
        odd query cannot make every request re-read the index) and mark it for every process when damaged."""
        if gen is None:
            return True
        with self._lock:
            try:
                fp = fingerprint(gen)
            except OSError:
                return True
            if fp != self._rechecked:
                self._rechecked, self._verified = fp, None
            if self._readable(gen):
                return False
            mark(gen, reason)
            self._looked = None
            return True
