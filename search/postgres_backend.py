"""PostgreSQL full-text search for sites with several app servers: pre-tokenized tsvectors with a GIN index.

The terms come from search.analysis (never from a PostgreSQL parser or dictionary), written as tsvector literals, so
this backend finds exactly what the file backends find. The backend owns its table; `rebuild()` fills a new table
and renames it into place in one transaction.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from search import postgres_query as pq
from search.analysis import AnalyzedQuery
from search.contract import IndexBuilder, Query, SearchUnavailable
from search.engine import FACET_SIZE, IndexedBackend, RawPage, index_terms, sort_facet, stored_json

MAX_POSITION = 16_383  # PostgreSQL's limit for tsvector positions
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,40}")
_BATCH = 1_000
_HEALTH_TTL = 5.0  # seconds a positive table check is trusted
# What the table holds, as its comment: a table of another format (one without the type lexemes of
# search.postgres_query, built by an earlier version) is reported unhealthy, so that search-worker rebuilds it.
FORMAT = "portal search format 2"
log = logging.getLogger(__name__)


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
    kind = pq.TYPE_LEXEME.format(doc.type)  # search.postgres_query: type filters inside the index
    return {
        "key": doc.key, "type": doc.type, "department": doc.department, "list_name": doc.list_name,
        "category": doc.category, "year": str(doc.year) if doc.year else None, "until": doc.until,
        "tsv": tsvector_literal([*t.all, kind]), "name_tsv": tsvector_literal([*t.name, kind]),
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
            conn.execute(sa.text(f"COMMENT ON TABLE {self.table} IS '{FORMAT}'"))
            conn.execute(sa.text(f"ALTER TABLE IF EXISTS {live} RENAME TO {old}"))
            conn.execute(sa.text(f"ALTER TABLE {self.table} RENAME TO {live}"))
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {old}"))
        self.backend._checked_at = 0.0

    def abort(self) -> None:
        with self.backend.engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {self.table}"))


def _index_scans_only(conn: sa.Connection) -> None:
    """For this transaction: never a sequential scan. With LIMIT, the planner may bet on a sequential scan that
    stops early when it expects many matches; when the query matches nothing it reads the whole table (0.7 s at 1M
    documents). The text indexes answer every search condition, so a scan of the table is never the better plan."""
    conn.execute(sa.text("SET LOCAL enable_seqscan = off"))


class PostgresBackend(IndexedBackend):
    name = "postgres"
    shared = True  # a table in the site's database

    def __init__(
        self,
        engine: sa.Engine | str,
        *,
        table: str = "search_documents",
        total_cap: int = pq.TOTAL_CAP,
        rank_window: int = pq.RANK_WINDOW,
    ) -> None:
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
        self.total_cap = max(1, total_cap)
        self.rank_window = max(1, rank_window)
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
                found = conn.execute(
                    sa.text("SELECT to_regclass(:t) IS NOT NULL, obj_description(to_regclass(:t), 'pg_class')"),
                    {"t": self.table},
                ).one()
        except sa.exc.SQLAlchemyError:
            return False
        if not found[0]:
            return False
        if found[1] != FORMAT:  # built by an earlier version: reindex (search-worker does it) builds this format
            log.warning("search table %s has format %r, not %r: it must be rebuilt", self.table, found[1], FORMAT)
            return False
        self._checked_at = time.monotonic()
        return True

    def _require(self) -> None:
        if not self.healthy():
            raise SearchUnavailable(f"search table {self.table} is missing or outdated (run reindex)")

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
    def _execute(self, q: AnalyzedQuery, query: Query, today: date, *, match_any: bool = False) -> RawPage:
        self._require()
        tsq = tsquery_literal(q.terms, q.prefix_terms, op="|" if match_any else "&")
        use_ident = bool(q.ident) and not match_any
        if not tsq and not use_ident:
            return RawPage([], 0, {})
        base = pq.common_filters(query, today, with_type=True)
        wanted = None if query.type == "all" else query.type
        params: dict[str, Any] = {
            **base.params, "q": pq.of_type(tsq, wanted), "q_all": tsq, "q_subject": pq.of_type(tsq, "subject"),
            "ident": q.ident, "limit": query.limit, "offset": query.offset, "cap": self.total_cap,
        }  # fmt: skip
        words = bool(q.words) and not match_any
        if words:
            params["w"] = tsquery_literal(q.words, op="|")
        subjects = query.type in ("all", "subject") and not match_any
        candidates = pq.candidate_sql(self.table, base, terms=bool(tsq), ident=use_ident, subjects=subjects,
                                      window=self.rank_window)  # fmt: skip
        score = pq.score_sql(terms=bool(tsq), ident=use_ident, words=words, match_any=match_any)
        matches = pq.match_condition(terms=bool(tsq), ident=use_ident)
        of_any_type = pq.match_condition(terms=bool(tsq), ident=use_ident, param="q_all")
        with self.engine.connect() as conn:
            _index_scans_only(conn)
            pool = list(conn.execute(sa.text(pq.pool_sql(self.table, candidates, score)), params).scalars())
            keys = pool[query.offset : query.offset + query.limit]
            found = dict(conn.execute(sa.text(pq.stored_sql(self.table)), {"keys": keys}).all())
            stored = [json.loads(found[k]) for k in keys if k in found]
            # A full branch may have left matches out of the pool: they follow it, in key order.
            if len(keys) < query.limit and len(pool) >= self.rank_window and not match_any:
                tail = conn.execute(
                    sa.text(pq.tail_sql(self.table, f"{matches} AND {base.sql()}")),
                    {**params, "pool": pool, "limit": query.limit - len(keys),
                     "tail_offset": max(0, query.offset - len(pool))},
                )  # fmt: skip
                stored += [json.loads(data) for _key, data in tail]
            if match_any:
                return RawPage(stored, len(stored), {})
            every_type = query.type == "all"  # then one pass counts the types and the filter values
            facet_rows = conn.execute(
                sa.text(pq.facet_counts_sql(self.table, f"{matches} AND {base.sql()}", with_type=every_type)), params
            ).all()
            if not every_type:
                all_types = pq.common_filters(query, today, with_type=False)
                type_rows = conn.execute(
                    sa.text(pq.type_counts_sql(self.table, f"{of_any_type} AND {all_types.sql()}")),
                    {**params, **all_types.params},
                ).all()
        total, counts = pq.read_facet_rows(facet_rows, with_type=every_type)
        types = counts.pop("type") if every_type else {str(t): int(n) for t, n in type_rows}
        facets = {"type": sort_facet(types), **{k: sort_facet(v, FACET_SIZE) for k, v in counts.items()}}
        return RawPage(stored, total, facets, total < self.total_cap, sum(types.values()) < self.total_cap)

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
            params["q"] = pq.of_type(tsquery_literal(q.terms, q.prefix_terms), "subject")
        # The shortest names first, among a bounded number of matches (a pinyin prefix may match most subjects).
        sql = (
            f"SELECT data FROM (SELECT key, data FROM {self.table} WHERE type = 'subject' AND until >= :today"  # noqa: S608
            f" AND NOT (key = ANY(:exclude)) AND ({' OR '.join(options)}) LIMIT {pq.SUGGEST_POOL}) c"
            " ORDER BY length(data), key LIMIT :limit"
        )
        with self.engine.connect() as conn:
            _index_scans_only(conn)
            return [json.loads(row[0]) for row in conn.execute(sa.text(sql), params)]
