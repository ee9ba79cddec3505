"""The documents of search_bench.py: demo rows shaped and masked the way the public presenter shapes them, plus one
document per subject (and, with --mixed, the further kinds of search_bench_more.py), pickled in chunks."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from search_bench_more import more_documents

from portal import demo
from portal.demo.more_kinds import more_plan
from portal.domain import masking
from portal.domain.dates import parse_date
from portal.domain.kinds import LIST_CATEGORY_BY_ZH, SUBJECT_KIND_BY_ZH
from portal.domain.text import normalize_code
from search.contract import Document

AS_OF = date(2026, 11, 23)
CHUNK = 10_000
SEVERITY = {"轻微": "minor", "一般": "general", "严重": "serious"}
USCC_COLUMN = "行政相对人代码_1(统一社会信用代码)"


# -- documents --------------------------------------------------------------------------------------------
def _subject(row: dict[str, str], name_col: str, kind_col: str, uscc_col: str) -> tuple[str, str | None, str]:
    """(public name, USCC, subject key) as the presenter shows them."""
    kind = SUBJECT_KIND_BY_ZH[row[kind_col].strip()].value
    uscc = normalize_code(row.get(uscc_col, "")) or None
    if kind == "natural_person":
        uscc = None
    return masking.public_subject_name(row[name_col], kind), uscc, uscc or f"{kind}:{row[name_col]}"


def generate_documents(records: int, seed: int, mixed: bool = False) -> Iterator[Document]:
    """Record documents in presenter shape, then one document per subject (as portal.indexing builds them)."""
    further = more_plan(records) if mixed else []
    plan = demo.plan_for(records - sum(count for _kind, count in further))
    subjects: dict[str, list[Any]] = {}
    three_years = timedelta(days=3 * 365)
    n = 0
    for kind, count in (("penalty", plan.penalties), ("permit", plan.permits), ("list", plan.lists)):
        for row in demo.generate_rows(kind, count, seed=seed, as_of=AS_OF):
            n += 1
            if kind == "penalty":
                name, uscc, skind = _subject(row, "行政相对人名称", "行政相对人类别", USCC_COLUMN)
                when = parse_date(row["处罚决定日期"]) or AS_OF
                until = parse_date(row["公示截止期"]) or when + three_years
                doc = Document(f"penalty:{n}", "penalty", str(n), row["行政处罚决定书文号"], name, uscc,
                               row["违法行为类型"], when, f"/penalties/{n}", department=row["处罚机关"],
                               year=when.year, category=SEVERITY.get(row["失信严重程度"], "general"),
                               public_until=until, identifiers=(row["行政处罚决定书文号"],))  # fmt: skip
            elif kind == "permit":
                name, uscc, skind = _subject(row, "行政相对人名称", "行政相对人类别", USCC_COLUMN)
                when = parse_date(row["许可决定日期"]) or AS_OF
                doc = Document(f"permit:{n}", "permit", str(n), row["行政许可决定文书号"], name, uscc,
                               row["行政许可决定文书名称"], when, f"/permits/{n}", department=row["许可机关"],
                               year=when.year, category=row["许可类别"], public_until=when + three_years,
                               identifiers=(row["行政许可决定文书号"],))  # fmt: skip
            else:
                if row["移出日期"].strip():
                    continue
                name, uscc, skind = _subject(row, "主体名称", "主体类别", "统一社会信用代码")
                when = parse_date(row["列入日期"]) or AS_OF
                until = parse_date(row["有效期至"], allow_long_term=True)
                category = LIST_CATEGORY_BY_ZH[row["名单类别"]].value
                doc = Document(f"list:{n}", category, str(n), row["名单名称"], name, uscc, row["列入事由"], when,
                               f"/lists/entries/{n}", department=row["认定单位"], year=when.year,
                               list_name=row["名单名称"], public_until=until)  # fmt: skip
            if doc.until < AS_OF:
                continue  # publicity over: a reindex never writes it (portal.indexing.iter_documents)
            yield doc
            entry = subjects.setdefault(skind, [name, uscc, skind.partition(":")[0], doc.until, when])
            entry[3] = max(entry[3], doc.until)
            entry[4] = max(entry[4], when)
    if mixed:
        for doc, skind in more_documents(records, seed, AS_OF, n):
            yield doc
            entry = subjects.setdefault(skind, [doc.subject_name, doc.uscc, "legal", doc.until, doc.date])
            entry[3], entry[4] = max(entry[3], doc.until), max(entry[4], doc.date or AS_OF)
    for i, (name, uscc, kind, until, latest) in enumerate(subjects.values()):
        url = f"/subjects/{uscc}" if uscc else f"/subjects/p/bench{i}"
        yield Document(f"subject:{i}", "subject", str(i), name, name, uscc, kind, latest, url,
                       public_until=None if until >= date(9999, 1, 1) else until)  # fmt: skip


def write_documents(path: Path, records: int, seed: int, mixed: bool = False) -> list[Document]:
    """Pickle the documents in chunks (workers stream them back); returns a sample for the query set."""
    sample: list[Document] = []
    rng = random.Random(seed)
    with path.open("wb") as fh:
        chunk: list[Document] = []
        for i, doc in enumerate(generate_documents(records, seed, mixed)):
            chunk.append(doc)
            if len(sample) < 4000:
                sample.append(doc)
            elif rng.random() < 4000 / (i + 1):
                sample[rng.randrange(4000)] = doc
            if len(chunk) >= CHUNK:
                pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
                chunk = []
        if chunk:
            pickle.dump(chunk, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return sample


def read_chunks(path: Path) -> Iterator[list[Document]]:
    with path.open("rb") as fh:
        while True:
            try:
                yield pickle.load(fh)  # noqa: S301 - our own temporary file
            except EOFError:
                return


def read_documents(path: Path) -> Iterator[Document]:
    for chunk in read_chunks(path):
        yield from chunk
