"""The procedure knowledge base (portal/data/chat/faq.json, written from DOMAIN.md) and BM25 retrieval over it."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache

from portal.chat.intents import DATA
from portal.chat.nlp import BM25


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    intent: str
    question: str
    zh: str
    en: str
    source_title: str
    source_url: str


_lock = threading.Lock()


@cache
def entries() -> tuple[Entry, ...]:
    with (DATA / "faq.json").open(encoding="utf-8") as fh:
        rows = json.load(fh)
    return tuple(
        Entry(r["id"], r["intent"], r["q"], r["zh"], r["en"], r["source"]["title"], r["source"]["url"]) for r in rows
    )


@cache
def _index() -> BM25:
    with _lock:
        return BM25([f"{e.question} {e.zh}" for e in entries()])


def retrieve(query: str, intent: str | None = None, limit: int = 2, among: tuple[str, ...] = ()) -> list[Entry]:
    """Best entries for the query; restricted to the given entry ids, else to the intent's entries when it has any."""
    pool = entries()
    allowed = (
        {i for i, e in enumerate(pool) if e.id in among}
        or {i for i, e in enumerate(pool) if intent is None or e.intent == intent}
        or set(range(len(pool)))
    )
    ranked = [(i, s) for i, s in _index().rank(query) if i in allowed]
    if not ranked:
        return []
    top = ranked[0][1]
    chosen = [pool[ranked[0][0]]]
    chosen += [pool[i] for i, s in ranked[1:limit] if top > 0 and s >= 0.6 * top]
    return chosen


def by_id(entry_id: str) -> Entry | None:
    return next((e for e in entries() if e.id == entry_id), None)
