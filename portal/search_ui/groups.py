"""The search page's results grouped by subject (issue 18): one card per company or person with its counts per kind,
badges and best matching records, so one company's 39 permits no longer fill the page.

The best WINDOW hits of the ordinary search (services.search: the same ranking, visibility re-check and cache as
the API) are grouped by their subject, in the order of each subject's best hit, and the groups are paged. Counts
and badges are read from the database (public records only, portal/public/subject_counts.py). The JSON API keeps
its flat list: grouping is a way of showing the page, not another search.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.paging import Badge, Pager, badges, pager
from portal.models import Subject
from portal.public.cache import TTLCache
from portal.public.presenters import PublicSubject, present_subject
from portal.public.subject_counts import public_counts
from portal.search_ui import services
from search import analysis
from search.contract import MAX_PER_PAGE, Hit, Query, ResultPage, SearchBackend

WINDOW = 2 * MAX_PER_PAGE  # best hits grouped; beyond them the page says so and the type tabs list every record
CARDS_PER_PAGE = 10
RECORDS_PER_CARD = 3
DOC_NO_RECORDS = 5  # record-level results above the cards for a 文号 query
GROUPED_TYPES = ("all", "subject")  # the other type tabs list records


@dataclass(frozen=True, slots=True)
class Card:
    subject: PublicSubject  # masked like every public subject
    counts: dict[str, int]  # public records per count key (portal/public/subject_counts.py)
    badges: list[Badge]
    hits: list[Hit]  # its best matching records, at most RECORDS_PER_CARD
    matched: int  # how many of its records are among the grouped hits
    name_hit: Hit | None = None  # the subject's own hit, when its name matched (for the highlighted name)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class GroupedPage:
    result: ResultPage  # the first window page: total, facets, suggestion, relaxed, degraded
    cards: list[Card]
    pager: Pager
    subjects: int  # subjects among the grouped hits
    windowed: bool  # more hits than WINDOW: only the best were grouped
    doc_hits: list[Hit] = field(default_factory=list)


def is_grouped(query: Query) -> bool:
    return query.type in GROUPED_TYPES


def is_doc_no_query(text: str) -> bool:
    """A 文号 such as 株市监罚〔2026〕15号 (brackets of any kind), as the index's exact lookup reads it."""
    return analysis.is_doc_no(analysis.ident_key(text))


def grouped(session: Session, backend: SearchBackend, query: Query, *, today: date,
            cache: TTLCache | None = None) -> GroupedPage:  # fmt: skip
    first = services.search(session, backend, _window(query, 1), today=today, cache=cache)
    hits = list(first.hits)
    if first.total > MAX_PER_PAGE and not first.degraded:
        hits += services.search(session, backend, _window(query, 2), today=today, cache=cache).hits
    owners = _owners(session, [h.key for h in hits])
    order: dict[int, list[Hit]] = {}
    names: dict[int, Hit] = {}
    for hit in hits:
        owner = owners.get(hit.key)
        if owner is not None:
            records = order.setdefault(owner, [])
            if hit.type != "subject":
                records.append(hit)
            else:
                names[owner] = hit
    numbered = pager(query.page, len(order), CARDS_PER_PAGE)
    start = (numbered.page - 1) * CARDS_PER_PAGE
    shown = list(order)[start : start + CARDS_PER_PAGE]
    cards = _cards(session, today, shown, order, names)
    doc_hits = [h for h in hits if h.type != "subject"][:DOC_NO_RECORDS] if is_doc_no_query(query.text) else []
    return GroupedPage(first, cards, numbered, len(order), first.total > len(hits), doc_hits)


def _window(query: Query, number: int) -> Query:
    return dataclasses.replace(query, page=number, per_page=MAX_PER_PAGE)


def _cards(session: Session, today: date, ids: list[int], records: dict[int, list[Hit]],
           names: dict[int, Hit]) -> list[Card]:  # fmt: skip
    if not ids:
        return []
    subjects = {s.id: s for s in session.scalars(sa.select(Subject).where(Subject.id.in_(ids)))}
    counts = public_counts(session, today, ids)
    cards = []
    for subject_id in ids:
        found = counts.get(subject_id, {})
        if subject_id not in subjects or not any(found.values()):
            continue  # nothing public (withdrawn a moment ago): no card, no counts
        hits = records[subject_id]
        public = present_subject(subjects[subject_id])
        name_hit = names.get(subject_id)
        if name_hit is not None and name_hit.highlight.striptags() != public.name:
            name_hit = None  # the subject matched on something else than its name: show the name plainly
        cards.append(Card(public, found, badges(found), hits[:RECORDS_PER_CARD], len(hits), name_hit))
    return cards


def _owners(session: Session, keys: list[str]) -> dict[str, int]:
    """Index key -> the subject's id, for subject and record keys (one round trip per key family)."""
    wanted: dict[str, list[str]] = {}
    for key in keys:
        kind, _sep, ident = key.partition(":")
        wanted.setdefault(kind, []).append(ident)
    out: dict[str, int] = {}
    public_ids = wanted.pop("subject", [])
    if public_ids:
        rows = session.execute(sa.select(Subject.public_id, Subject.id).where(Subject.public_id.in_(public_ids)))
        out.update({f"subject:{public_id}": subject_id for public_id, subject_id in rows})
    selects = []
    for spec in kinds.specs():
        ids = [int(i) for i in wanted.get(spec.kind.value, []) if i.isdigit()]
        if ids:
            model = spec.model
            selects.append(sa.select(sa.literal(spec.kind.value), model.id, model.subject_id).where(model.id.in_(ids)))
    if selects:
        for kind, record_id, subject_id in session.execute(sa.union_all(*selects)):
            out[f"{kind}:{record_id}"] = int(subject_id)
    return out
