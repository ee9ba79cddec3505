"""tantivy schema, document conversion and query building: everything of the backend that holds no index."""

from __future__ import annotations

from datetime import date
from typing import Any

import tantivy
from tantivy import Occur
from tantivy import Query as TQ  # noqa: N814 - tantivy's Query next to ours

from search.analysis import AnalyzedQuery
from search.contract import FILTER_KEYS, Query
from search.engine import FACET_SIZE, index_terms, sort_facet, stored_json

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


def _live(today: date, exclude: frozenset[str] = frozenset()) -> Clauses:
    """Excludes documents past their publicity, and the `exclude`d keys. Few after the daily sweep (and few
    pending changes), so MustNot is cheaper than a range over every live document."""
    expired = TQ.range_query(SCHEMA, "until", tantivy.FieldType.Integer, 0, today.toordinal() - 1)
    stale = [(Occur.MustNot, _term("key", key, option="basic")) for key in sorted(exclude)]
    return [(Occur.MustNot, expired), *stale]


def _filters(query: Query, today: date, *, with_type: bool) -> Clauses:
    out: Clauses = []
    if with_type and query.type != "all":
        out.append((Occur.Must, TQ.const_score_query(_term("type", query.type, option="basic"), 0.0)))
    for key in FILTER_KEYS:
        value = query.filters.get(key)
        if value:
            out.append((Occur.Must, TQ.const_score_query(_term(key, str(value), option="basic"), 0.0)))
    return out + _live(today, query.exclude)


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
