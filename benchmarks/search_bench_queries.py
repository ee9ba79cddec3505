"""The query set of search_bench.py (drawn from a sample of the documents with a fixed seed) and its percentiles."""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

from search_bench_docs import AS_OF
from search_bench_more import MORE_QUERIES

from search.contract import Document

# -- the query set ----------------------------------------------------------------------------------------
FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
)


def build_queries(sample: list[Document], seed: int) -> list[tuple[str, str]]:
    """(category, text) pairs, ≥ 50, deterministic for a seed."""
    rng = random.Random(seed)
    live = [d for d in sample if d.until >= AS_OF]
    orgs = [d for d in live if d.uscc and "*" not in d.subject_name and len(d.subject_name) >= 6]
    records = [d for d in live if d.type in ("penalty", "permit")]
    penalties = [d for d in live if d.type == "penalty"]
    out: list[tuple[str, str]] = []
    for d in rng.sample(orgs, 12):
        start = rng.randrange(2, len(d.subject_name) - 3)
        out.append(("fragment-2", d.subject_name[start : start + 2]))
    out += [("full-name", d.subject_name) for d in rng.sample(orgs, 10)]
    bodies = sorted({d.body for d in penalties})
    for body in rng.sample(bodies, min(5, len(bodies))):
        out.append(("violation", body))
    for body in rng.sample(bodies, min(5, len(bodies))):
        start = rng.randrange(0, max(1, len(body) - 4))
        out.append(("violation-4", body[start : start + 4]))
    out += [("violation-fixed", w) for w in ("无证经营", "超标排放", "明码标价")]
    out += [("uscc", d.uscc or "") for d in rng.sample(orgs, 8)]
    for i, d in enumerate(rng.sample(records, 8)):
        out.append(("docno", d.title if i % 2 else d.title.replace("〔", "(").replace("〕", ")")))
    usccs = [d.uscc or "" for d in rng.sample(orgs, 3)]
    out += [("fullwidth-uscc", usccs[0].translate(FULL_WIDTH)), ("lower-uscc", usccs[1].lower())]
    out += [("uscc-prefix", usccs[2][:10]), ("pinyin", "jlsw")]
    out += [("multi", "江临 餐饮"), ("multi", f"{orgs[0].subject_name[2:4]} {penalties[0].body[:2]}")]
    further = [d for d in live if d.type in ("coercion", "honour", "commitment") and d.identifiers]
    if further:  # --mixed: the further kinds' 文号 / 承诺编码 and their words
        out += [("more-docno", d.identifiers[0]) for d in rng.sample(further, min(6, len(further)))]
        out += [("more-words", w) for w in MORE_QUERIES]
    return out


def query_set(sample: list[Document], seed: int, base: Path | None) -> list[tuple[str, str]]:
    """The queries of this data set; with `base` (another run's --save-queries), that run's queries plus only this
    data's further ones, so two data sets are compared on the same queries."""
    queries = build_queries(sample, seed)
    if base is None:
        return queries
    shared = [tuple(q) for q in json.loads(base.read_text(encoding="utf-8"))]
    return shared + [q for q in queries if q[0].startswith("more-")]


def percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(values[min(len(values) - 1, int(len(values) * 0.95))], 2),
        "max": round(values[-1], 2),
    }
