"""PostgreSQL full-text search for sites with several app servers: pre-tokenized tsvectors with a GIN index.

The terms come from search.analysis (never from a PostgreSQL parser or dictionary), written as tsvector literals, so
this backend finds exactly what the file backends find. The backend owns its table; `rebuild()` fills a new table
and renames it into place in one transaction.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from search.analysis import AnalyzedQuery
from search.contract import FILTER_KEYS, IndexBuilder, Query, SearchUnavailable
from search.engine import FACET_SIZE, IndexedBackend, RawPage, index_terms, sort_facet, stored_json

IDENT_BOOST = 100_000
NAME_BOOST = 1_000
SUBJECT_BOOST = 50
WORD_BOOST = 2
MAX_POSITION = 16_383  # PostgreSQL's limit for tsvector positions
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,40}")
_BATCH = 1_000
_HEALTH_TTL = 5.0  # seconds a positive table check is trusted


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(terms: Sequence[str]) -> str:
    """A tsvector literal with positions (ts_rank needs them): '江临':1 '水务':2,5 …"""
    positions: dict[str, list[int]] = defaultdict(list)
    for i, term in enumerate(terms, 1):
        if term:
            positions[term].append(min(i, MAX_POSITION))
    return " ".join(f"{_lexeme(t)}:{','.join(map(str, p[:256]))}" for t, p in positions.items())


def tsquery_literal(terms: Iterable[str], prefixes: frozenset[str] = frozenset(), *, op: str = "&") -> str:
    return f" {op} ".join(_lexeme(t) + (":*" if t in prefixes else "") for t in terms)


def _row(doc: Any) -> dict[str, Any]:
    t = index_terms(doc)
    return {
        "key": doc.key, "type": doc.type, "department": doc.department, "list_name": doc.list_name,
        "category": doc.category, "year": str(doc.year) if doc.year else None, "until": doc.until,
        "tsv": tsvector_literal(t.all), "name_tsv": tsvector_literal(t.name),
        "words_tsv": tsvector_literal(t.words), "ident": t.ident, "py": tsvector_literal(t.pinyin),
        "data": stored_json(doc),
    }  # fmt: skip


def _insert_sql(table: str, *, upsert: bool) -> sa.TextClause:
    sql = (
        f"INSERT INTO {table} (key, type, department, list_name, category, year, until, tsv, name_tsv, words_tsv,"  # noqa: S608 - table is a checked identifier
        " ident, py, data) VALUES (:key, :type, :department, :list_name, :category, :year, :until,"
        " CAST(:tsv AS tsvector), CAST(:name_tsv AS tsvector), CAST(:words_tsv AS tsvector),"
        " CAST(:ident AS text[]), CAST(:py AS tsvector), :data)"
    )
    if upsert:
        sql += (
            " ON CONFLICT (key) DO UPDATE SET type = EXCLUDED.type, department = EXCLUDED.department,"
            " list_name = EXCLUDED.list_name, category = EXCLUDED.category, year = EXCLUDED.year,"
            " until = EXCLUDED.until, tsv = EXCLUDED.tsv, name_tsv = EXCLUDED.name_tsv,"
            " words_tsv = EXCLUDED.words_tsv, ident = EXCLUDED.ident, py = EXCLUDED.py, data = EXCLUDED.data"
        )
    return sa.text(sql)


def _create_table(conn: sa.Connection, table: str) -> None:
    conn.execute(
        sa.text(
            f"CREATE TABLE {table} (key text PRIMARY KEY, type text NOT NULL, department text, list_name text,"
            " category text, year text, until date NOT NULL, tsv tsvector NOT NULL, name_tsv tsvector NOT NULL,"
            " words_tsv tsvector NOT NULL, ident text[] NOT NULL, py tsvector NOT NULL, data text NOT NULL)"
        )
    )


def _create_indexes(conn: sa.Connection, table: str) -> None:
    for column, method in (("tsv", "gin"), ("name_tsv", "gin"), ("ident", "gin"), ("py", "gin"), ("until", "btree")):
        conn.execute(sa.text(f"CREATE INDEX {table}_{column} ON {table} USING {method} ({column})"))


class _Builder(IndexBuilder):
    def __init__(self, backend: PostgresBackend) -> None:
        self.backend = backend
        self.table = f"{backend.table}_b{secrets.token_hex(4)}"
        with backend.engine.begin() as conn:
            _create_table(conn, self.table)

    def add(self, docs: Iterable[Any]) -> None:
        batch: list[dict[str, Any]] = []
        sql = _insert_sql(self.table, upsert=True)
        with self.backend.engine.begin() as conn:
            for doc in docs:
                batch.append(_row(doc))
                if len(batch) >= _BATCH:
                    conn.execute(sql, batch)
                    batch = []
            if batch:
                conn.execute(sql, batch)

    def commit(self) -> None:
        live, old = self.backend.table, f"{self.backend.table}_o{secrets.token_hex(4)}"
        with self.backend.engine.begin() as conn:
            _create_indexes(conn, self.table)
            conn.execute(sa.text(f"ANALYZE {self.table}"))
            conn.execute(sa.text(f"ALTER TABLE IF EXISTS {live} RENAME TO {old}"))
            conn.execute(sa.text(f"ALTER TABLE {self.table} RENAME TO {live}"))
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {old}"))
        self.backend._checked_at = 0.0

    def abort(self) -> None:
        with self.backend.engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {self.table}"))


class PostgresBackend(IndexedBackend):
    name = "postgres"
    shared = True  # a table in the site's database

    def __init__(self, engine: sa.Engine | str, *, table: str = "search_documents") -> None:
        if _IDENTIFIER.fullmatch(table) is None:
            raise ValueError(f"invalid table name {table!r}")
        if isinstance(engine, str):
            url = engine
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
            engine = sa.create_engine(url, pool_pre_ping=True)
            self._owns_engine = True
        else:
            self._owns_engine = False
        self.engine = engine
        self.table = table
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    def healthy(self) -> bool:
        if time.monotonic() - self._checked_at < _HEALTH_TTL:
            return True
        try:
            with self.engine.connect() as conn:
                found = conn.execute(sa.text("SELECT to_regclass(:t)"), {"t": self.table}).scalar()
        except sa.exc.SQLAlchemyError:
            return False
        if found is None:
            return False
        self._checked_at = time.monotonic()
        return True

    def _require(self) -> None:
        if not self.healthy():
            raise SearchUnavailable(f"search table {self.table} does not exist (run reindex)")

    def upsert(self, docs: Iterable[Any]) -> None:
        rows = [_row(doc) for doc in docs]
        if not rows:
            return
        self._require()
        with self.engine.begin() as conn:
            conn.execute(_insert_sql(self.table, upsert=True), rows)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        self._require()
        with self.engine.begin() as conn:
            conn.execute(sa.text(f"DELETE FROM {self.table} WHERE key = ANY(:keys)"), {"keys": keys})  # noqa: S608

    def purge_expired(self, today: date) -> int:
        self._require()
        with self.engine.begin() as conn:
            result = conn.execute(sa.text(f"DELETE FROM {self.table} WHERE until < :today"), {"today": today})  # noqa: S608
        return int(result.rowcount or 0)

    def count(self) -> int:
        self._require()
        with self.engine.connect() as conn:
            return int(conn.execute(sa.text(f"SELECT count(*) FROM {self.table}")).scalar() or 0)  # noqa: S608

    def _begin_rebuild(self) -> IndexBuilder:
        return _Builder(self)

    # -- reading -------------------------------------------------------------------------------------------
    def _where(
        self, query: Query, today: date, *, with_type: bool, terms: bool, ident: bool
    ) -> tuple[str, dict[str, Any]]:
        matches = (["tsv @@ CAST(:q AS tsquery)"] if terms else []) + (
            ["ident @> ARRAY[CAST(:ident AS text)]"] if ident else []
        )
        parts = ["until >= :today", f"({' OR '.join(matches) or 'FALSE'})"]
        params: dict[str, Any] = {"today": today}
        if query.exclude:
            parts.append("NOT (key = ANY(:exclude))")
            params["exclude"] = sorted(query.exclude)
        if with_type and query.type != "all":
            parts.append("type = :type")
            params["type"] = query.type
        for key in FILTER_KEYS:
            value = query.filters.get(key)
            if value:
                parts.append(f"{key} = :f_{key}")
                params[f"f_{key}"] = str(value)
        return " AND ".join(parts), params

    def _execute(self, q: AnalyzedQuery, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        self._require()
        tsq = tsquery_literal(q.terms, q.prefix_terms, op="|" if match_any else "&")
        use_ident = bool(q.ident) and not match_any
        if not tsq and not use_ident:
            return RawPage([], 0, {})
        params: dict[str, Any] = {"q": tsq, "ident": q.ident, "limit": query.limit, "offset": query.offset}
        where, extra = self._where(query, today, with_type=True, terms=bool(tsq), ident=use_ident)
        params.update(extra)
        score = ["0"]
        if tsq:
            score.append("ts_rank(tsv, CAST(:q AS tsquery), 1)")
        if tsq and not match_any:
            score.append(f"CASE WHEN name_tsv @@ CAST(:q AS tsquery) THEN {NAME_BOOST} ELSE 0 END")
        if not match_any:
            score.append(f"CASE WHEN type = 'subject' THEN {SUBJECT_BOOST} ELSE 0 END")
            if use_ident:
                score.append(f"CASE WHEN ident @> ARRAY[CAST(:ident AS text)] THEN {IDENT_BOOST} ELSE 0 END")
            if q.words:
                params["w"] = tsquery_literal(q.words, op="|")
                score.append(f"{WORD_BOOST} * ts_rank(words_tsv, CAST(:w AS tsquery))")
        page_sql = (
            f"SELECT data FROM {self.table} WHERE {where} ORDER BY {' + '.join(score)} DESC, key"  # noqa: S608
            " LIMIT :limit OFFSET :offset"
        )
        with self.engine.connect() as conn:
            stored = [json.loads(row[0]) for row in conn.execute(sa.text(page_sql), params)]
            if match_any:
                return RawPage(stored, len(stored), {})
            where_all, extra_all = self._where(query, today, with_type=False, terms=bool(tsq), ident=use_ident)
            type_rows = conn.execute(
                sa.text(f"SELECT type, count(*) FROM {self.table} WHERE {where_all} GROUP BY type"),  # noqa: S608
                {**params, **extra_all},
            ).all()
            types = {str(t): int(n) for t, n in type_rows}
            total = sum(types.values()) if query.type == "all" else types.get(query.type, 0)
            facets = {"type": sort_facet(types)}
            cols = ", ".join(FILTER_KEYS)
            grouping = ", ".join(f"GROUPING({k})" for k in FILTER_KEYS)
            sets = ", ".join(f"({k})" for k in FILTER_KEYS)
            rows = conn.execute(
                sa.text(
                    f"SELECT {cols}, {grouping}, count(*) FROM {self.table} WHERE {where}"  # noqa: S608
                    f" GROUP BY GROUPING SETS ({sets})"
                ),
                params,
            ).all()
        counts: dict[str, dict[str, int]] = {k: {} for k in FILTER_KEYS}
        n = len(FILTER_KEYS)
        for row in rows:
            for i, key in enumerate(FILTER_KEYS):
                if row[n + i] == 0 and row[i] is not None:  # GROUPING() is 0 for the set's own column
                    counts[key][str(row[i])] = int(row[-1])
        facets.update({k: sort_facet(v, FACET_SIZE) for k, v in counts.items()})
        return RawPage(stored, total, facets)

    def _suggest(
        self, q: AnalyzedQuery, today: date, limit: int, exclude: frozenset[str] = frozenset()
    ) -> list[dict[str, Any]]:
        self._require()
        options: list[str] = []
        params: dict[str, Any] = {"today": today, "limit": limit, "exclude": sorted(exclude)}
        if q.pinyin:
            options.append("py @@ CAST(:py AS tsquery)")
            params["py"] = tsquery_literal([q.pinyin], frozenset([q.pinyin]))
        if q.terms:
            options.append("name_tsv @@ CAST(:q AS tsquery)")
            params["q"] = tsquery_literal(q.terms, q.prefix_terms)
        sql = (
            f"SELECT data FROM {self.table} WHERE type = 'subject' AND until >= :today"  # noqa: S608
            f" AND NOT (key = ANY(:exclude)) AND ({' OR '.join(options)}) ORDER BY length(data), key LIMIT :limit"
        )
        with self.engine.connect() as conn:
            return [json.loads(row[0]) for row in conn.execute(sa.text(sql), params)]
