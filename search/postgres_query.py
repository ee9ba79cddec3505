# ruff: noqa: S608 - table names are checked identifiers (PostgresBackend) and every value is a bound parameter
"""The SQL of a postgres search, shaped so that its cost is bounded whatever the query matches (issue 21).

A naive full-text query ranks and counts every match: a two-character fragment such as 公司 matches most of a
million documents, and `ts_rank` over all of them took seconds. Here every statement reads a bounded number of rows:

- **The page** is ranked among a pool of candidates, not among all matches: the exact-key matches, the subjects and
  the documents whose name holds the query, and the documents whose text does — each branch at most RANK_WINDOW
  rows, the first ones the GIN index yields. The pool is the same for every page of a query, so pages never repeat
  or skip a document: the pool comes first in rank order, then the other matches (only when a branch was full) in
  key order.
- **The type is a lexeme** of both text vectors (`type=penalty`, see TYPE_LEXEME), so a search within one type
  intersects posting lists inside the index instead of fetching every match from the table to test its type.
- **The total and the facets** count at most TOTAL_CAP matches. Below the cap they are exact; at the cap the page says
  `total_exact = False` and the figures are lower bounds ("10,000+ results"): nobody pages through ten thousand hits,
  and MAX_OFFSET refuses deeper pages anyway.
- **No sequential scan**: with LIMIT, the planner may bet on a scan of the table that stops early, which reads all
  of it when nothing matches; the backend turns such plans off for its statements.

RUM (Debian's postgresql-15-rum, ranked top-k from the index) was measured and left out: CJK bigrams such as 有限
occur in most documents, and ordering by RUM distance walks the whole posting list (p95 2.0 s at 1M documents,
against 0.1 s with this GIN design; figures in the issue-21 note).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from search.contract import FILTER_KEYS, Query

IDENT_BOOST = 100_000
NAME_BOOST = 1_000
SUBJECT_BOOST = 50
WORD_BOOST = 2
RANK_WINDOW = 200  # candidates per branch for the first pages
TOTAL_CAP = 10_000  # matches counted at most for totals and facets
SUGGEST_POOL = 2_000  # subject names a completion is chosen from (the shortest first)
# The lexeme every document's tsv and name_tsv carry for its type: no analysed term contains "=" (search.analysis
# cuts text at punctuation), so no typed query can match it by accident.
TYPE_LEXEME = "type={}"


@dataclass(slots=True)
class Where:
    """A WHERE clause and its parameters, built up condition by condition."""

    parts: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def sql(self) -> str:
        return " AND ".join(self.parts) or "TRUE"


def common_filters(query: Query, today: Any, *, with_type: bool) -> Where:
    """Public on `today`, outside `exclude`, of the requested type and filter values."""
    where = Where(["until >= :today"], {"today": today})
    if query.exclude:
        where.parts.append("NOT (key = ANY(:exclude))")
        where.params["exclude"] = sorted(query.exclude)
    if with_type and query.type != "all":
        where.parts.append("type = :type")
        where.params["type"] = query.type
    for key in FILTER_KEYS:
        value = query.filters.get(key)
        if value:
            where.parts.append(f"{key} = :f_{key}")
            where.params[f"f_{key}"] = str(value)
    return where


def of_type(tsquery: str, type_: str | None) -> str:
    """`tsquery` limited to documents of `type_` (None: every type)."""
    if not tsquery or type_ is None:
        return tsquery
    return f"({tsquery}) & '{TYPE_LEXEME.format(type_)}'"


def match_condition(*, terms: bool, ident: bool, param: str = "q") -> str:
    matches = ([f"tsv @@ CAST(:{param} AS tsquery)"] if terms else []) + (
        ["ident @> ARRAY[CAST(:ident AS text)]"] if ident else []
    )
    return f"({' OR '.join(matches) or 'FALSE'})"


def candidate_sql(table: str, base: Where, *, terms: bool, ident: bool, subjects: bool, window: int) -> str:
    """The keys worth ranking: a UNION of bounded branches (see the module docstring). :q is the query limited to
    the requested type, :q_subject to subjects."""
    filters = base.sql()
    branches: list[str] = []
    if ident:
        branches.append(f"SELECT key FROM {table} WHERE ident @> ARRAY[CAST(:ident AS text)] AND {filters}"
                        f" LIMIT {window}")  # fmt: skip
    if terms:
        if subjects:
            branches.append(f"SELECT key FROM {table} WHERE name_tsv @@ CAST(:q_subject AS tsquery) AND {filters}"
                            f" LIMIT {window}")  # fmt: skip
        branches.append(f"SELECT key FROM {table} WHERE name_tsv @@ CAST(:q AS tsquery) AND {filters} LIMIT {window}")
        branches.append(f"SELECT key FROM {table} WHERE tsv @@ CAST(:q AS tsquery) AND {filters} LIMIT {window}")
    return " UNION ".join(f"({b})" for b in branches)


def score_sql(*, terms: bool, ident: bool, words: bool, match_any: bool) -> str:
    """Exact key first, then a name holding every term, then subjects, then text rank (search.contract)."""
    score = ["0"]
    if terms:
        score.append("ts_rank(tsv, CAST(:q AS tsquery), 1)")
    if terms and not match_any:
        score.append(f"CASE WHEN name_tsv @@ CAST(:q AS tsquery) THEN {NAME_BOOST} ELSE 0 END")
    if not match_any:
        score.append(f"CASE WHEN type = 'subject' THEN {SUBJECT_BOOST} ELSE 0 END")
        if ident:
            score.append(f"CASE WHEN ident @> ARRAY[CAST(:ident AS text)] THEN {IDENT_BOOST} ELSE 0 END")
        if words:
            score.append(f"{WORD_BOOST} * ts_rank(words_tsv, CAST(:w AS tsquery))")
    return " + ".join(score)


def pool_sql(table: str, candidates: str, score: str) -> str:
    """The keys of the candidate pool in rank order."""
    return f"SELECT key FROM {table} WHERE key IN ({candidates}) ORDER BY {score} DESC, key"


def tail_sql(table: str, where: str) -> str:
    """Matches outside the pool, in key order: the pages after the ranked ones."""
    return (f"SELECT key, data FROM {table} WHERE {where} AND NOT (key = ANY(:pool))"
            " ORDER BY key LIMIT :limit OFFSET :tail_offset")  # fmt: skip


def stored_sql(table: str) -> str:
    return f"SELECT key, data FROM {table} WHERE key = ANY(:keys)"


def capped_sql(table: str, where: str, columns: str) -> str:
    """At most :cap matching rows, for counting (LIMIT stops the scan; no rank is computed)."""
    return f"SELECT {columns} FROM {table} WHERE {where} LIMIT :cap"


def type_counts_sql(table: str, where: str) -> str:
    return f"SELECT type, count(*) FROM ({capped_sql(table, where, 'type')}) m GROUP BY type"


def facet_counts_sql(table: str, where: str, *, with_type: bool) -> str:
    """The number of (at most :cap) matches and their counts per value of every filter key (and of type, when the
    query is over every type), in one pass."""
    keys = (("type",) if with_type else ()) + FILTER_KEYS
    cols = ", ".join(keys)
    grouping = ", ".join(f"GROUPING({k})" for k in keys)
    sets = ", ".join([*(f"({k})" for k in keys), "()"])
    return (f"SELECT {cols}, {grouping}, count(*) FROM ({capped_sql(table, where, cols)}) m"
            f" GROUP BY GROUPING SETS ({sets})")  # fmt: skip


def read_facet_rows(rows: list[Any], *, with_type: bool) -> tuple[int, dict[str, dict[str, int]]]:
    """(number of matches, counts per key) from facet_counts_sql's rows."""
    keys = (("type",) if with_type else ()) + FILTER_KEYS
    counts: dict[str, dict[str, int]] = {k: {} for k in keys}
    total = 0
    n = len(keys)
    for row in rows:
        if all(row[n + i] == 1 for i in range(n)):  # the empty grouping set: every match
            total = int(row[-1])
            continue
        for i, key in enumerate(keys):
            if row[n + i] == 0 and row[i] is not None:  # GROUPING() is 0 for the set's own column
                counts[key][str(row[i])] = int(row[-1])
    return total, counts
