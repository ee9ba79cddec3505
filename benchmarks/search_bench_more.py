"""Documents of the further kinds (行政强制, 荣誉, 信用承诺) for `search_bench.py --mixed` (issue 16).

Rows come from portal/demo/more_kinds.py (the demo's share of each kind, same subject pool as the 双公示 rows) and are
shaped as portal/indexing builds them (typed by kind, found by their 文号 / 承诺编码); rows that are never public by
rule (natural persons' coercions and commitments, 政务共享/不公开, revoked honours) are left out as a reindex does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from portal.demo.more_kinds import generate_more_rows, more_plan
from portal.domain import masking, publicity_more
from portal.domain.dates import parse_date
from portal.domain.kinds import BROKEN_COMMITMENT_STATES, SUBJECT_KIND_BY_ZH
from portal.domain.text import normalize_code
from search.contract import Document

USCC = "行政相对人代码_1(统一社会信用代码)"
MORE_QUERIES = ("守合同重信用", "纳税信用A级", "告知承诺", "容缺受理", "查封", "冻结存款")


def _person(kind_zh: str) -> bool:
    return SUBJECT_KIND_BY_ZH[kind_zh.strip()].value == "natural_person"


def _doc(kind: str, n: int, title: str, name: str, uscc: str, body: str, day: date, dept: str, until: date,
         category: str | None, identifiers: tuple[str, ...]) -> Document:  # fmt: skip
    return Document(f"{kind}:{n}", kind, str(n), title, masking.public_subject_name(name, "legal"),
                    normalize_code(uscc) or None, body, day, f"/{kind}s/{n}", department=dept, year=day.year,
                    category=category, public_until=until, identifiers=identifiers)  # fmt: skip


def more_documents(records: int, seed: int, as_of: date, start: int) -> Iterator[tuple[Document, Any]]:
    """(document, subject key) of the further kinds' public rows; ids count on from `start`."""
    n = start
    for kind, count in more_plan(records):
        for row in generate_more_rows(kind, count, seed=seed, as_of=as_of, pool_records=records):
            n += 1
            if kind == "coercion":
                if _person(row["行政相对人类别"]):
                    continue
                day = parse_date(row["决定日期"]) or as_of
                _from, until = publicity_more.coercion_window(day, parse_date(row["解除日期"]))
                doc = _doc(kind, n, row["行政强制决定书文号"], row["行政相对人名称"], row[USCC], row["强制事由"], day,
                           row["实施机关"], until,
                           row["强制类别"].split("；")[0], (row["行政强制决定书文号"],))  # fmt: skip
            elif kind == "honour":
                if row["撤销日期"] or _person(row["行政相对人类别"]):
                    continue
                day = parse_date(row["授予日期"]) or as_of
                valid = parse_date(row["有效期至"], allow_long_term=True) if row["有效期至"] else None
                _from, until = publicity_more.honour_window(day, valid, None)
                doc = _doc(kind, n, row["授予文件号"], row["行政相对人名称"], row[USCC], row["荣誉名称"], day,
                           row["授予单位"], until, row["荣誉等级"], (row["授予文件号"],))  # fmt: skip
            else:
                if row["公开类型"] != "社会公开" or _person(row["承诺人类别"]):
                    continue
                day = parse_date(row["承诺作出日期"]) or as_of
                broken_on = parse_date(row["履行状态认定日期"])
                broken = broken_on if row["承诺履行状态"] in BROKEN_COMMITMENT_STATES else None
                valid = parse_date(row["承诺有效期至"], allow_long_term=True)
                _from, until = publicity_more.commitment_window(day, valid, broken)
                code = row["承诺编码"]
                doc = _doc(kind, n, code or row["承诺事由"], row["承诺人名称"], row["统一社会信用代码"],
                           row["承诺事由"], day, row["承诺受理单位"], until, row["承诺类型"],
                           (code,) if code else ())  # fmt: skip
            if doc.until < as_of:
                continue
            yield doc, doc.uscc or f"legal:{doc.subject_name}"
