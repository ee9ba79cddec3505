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
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Query as TQ  # noqa: N814 - tantivy's Query next to ours

from search.contract import FILTER_KEYS

MARKER = ".unhealthy"
SAMPLE = 32  # stored documents read on top of the first one of every segment
FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)  # never swallowed: the process is meant to stop

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
