"""List-entry rows: the catalogue's list types, shared recognition documents, removals."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

from portal.demo.headers import LIST_HEADER
from portal.demo.quirks import FULL_WIDTH, fmt_date, messy
from portal.demo.subjects import IND, PER, Subject
from portal.demo.text_fill import FillContext, fill, placeholders
from portal.demo.vocab.lists import BASIS_OVERRIDES, CATEGORY_DEFAULTS, GENERIC_DEPTS, LIST_SPECS, REMOVAL_REASONS
from portal.demo.world import LONG_TERM, Dept, World

LIST_TYPES_CSV = Path(__file__).resolve().parent.parent / "data" / "list-types.csv"


@dataclass(frozen=True, slots=True)
class _ListType:
    category: str
    name: str
    basis: str
    spec: dict[str, Any]
    reason_fields: tuple[tuple[str, ...], ...]
    remark_fields: tuple[str, ...]


def _clean_basis(name: str, basis: str) -> str:
    """The catalogue's 依据 without editorial notes such as （原文未列…）; a notes-only value is replaced."""
    if name in BASIS_OVERRIDES:
        return BASIS_OVERRIDES[name]
    text = basis
    while "（" in text and "原文" in text[text.rfind("（"):]:
        text = text[: text.rfind("（")]
    return text.strip() or "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》"


@cache
def _list_types() -> tuple[_ListType, ...]:
    with LIST_TYPES_CSV.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    types = []
    for row in rows:
        name, category = row["名单名称"].strip(), row["类别"].strip()
        spec = LIST_SPECS.get(name) or CATEGORY_DEFAULTS.get(category) or CATEGORY_DEFAULTS["重点关注名单"]
        types.append(_ListType(category, name, _clean_basis(name, row["依据"].strip()), spec,
                               tuple(placeholders(text) for text in spec["reasons"]), placeholders(spec["remark"])))
    return tuple(types)


class _Batch:
    """One shared recognition document (e.g. an annual A-level list) and the subjects already on it."""

    __slots__ = ("day", "dept", "doc", "left", "members")

    def __init__(self, doc: str, day: int, dept: Dept, size: int) -> None:
        self.doc, self.day, self.dept, self.left = doc, day, dept, size
        self.members: set[int] = set()


def _list_day(world: World, spec: dict[str, Any], rnd: Callable[[], float]) -> int:
    cal = world.cal
    if "annual" in spec["flags"]:
        # annual evaluations are announced in April
        years = range(cal.dates[cal.first].year, cal.as_of.year + 1)
        for _ in range(4):
            d = date(years[int(rnd() * len(years))], 4, 8 + int(rnd() * 20))
            k = cal.first + (d - cal.dates[cal.first]).days
            if cal.first <= k <= cal.last:
                return k
    return cal.draw(rnd)


def list_rows(world: World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    types = _list_types()
    weighted = tuple(t for t in types for _ in range(t.spec["w"]))
    first = list(range(len(types)))
    rng.shuffle(first)  # every list type appears once among the first len(types) rows
    batches: dict[tuple[str, int], _Batch] = {}
    ctx = FillContext(cal, rnd)
    header = LIST_HEADER

    def choose(spec: dict[str, Any], group: int, conduct: int) -> Subject:
        if "female" in spec["flags"]:
            return world.pick(rnd, 3, conduct)
        if spec["tags"] and group < 2:  # a fitting sector: no building company on the tourism list
            return world.pick_tagged(rnd, group, conduct, spec["tags"])
        return world.pick(rnd, group, conduct)

    for i in range(count):
        lt = types[first[i]] if i < len(first) else weighted[int(rnd() * len(weighted))]
        spec = lt.spec
        wo, wi, wp = spec["weights"]
        g = rnd() * (wo + wi + wp)
        group = 0 if g < wo else 1 if g < wo + wi else 2
        # red lists honour the well-behaved half, except a few conflicts for staff to find (DOMAIN §5.5)
        conduct = (2 if rnd() > 0.03 else 1) if lt.category == "红名单" else 1
        subj = choose(spec, group, conduct)
        key = spec["dept"] or GENERIC_DEPTS[int(rnd() * len(GENERIC_DEPTS))]
        dept = world.local["scjg", subj.dist] if key == "scjg" and rnd() < 0.3 else world.city[key]
        if key == "court":
            dept = world.courts[0 if rnd() < 0.2 else 1 + subj.dist]
        if "shared" in spec["flags"]:
            day = _list_day(world, spec, rnd)
            year = cal.dates[day].year
            batch = batches.get((lt.name, year))
            if batch is not None and batch.left > 0:
                for _ in range(5):
                    if subj.uid not in batch.members:
                        break
                    subj = choose(spec, group, conduct)
                else:
                    batch = None
            else:
                batch = None
            if batch is None:  # a new document: its number is unique, so earlier members do not matter
                doc = world.doc_no(dept.abbr + spec["doc"], year, rnd)
                batch = batches[lt.name, year] = _Batch(doc, day, dept, 10 + int(rnd() * 150))
            batch.members.add(subj.uid)
            batch.left -= 1
            day, doc, dept = batch.day, batch.doc, batch.dept
        else:
            day = _list_day(world, spec, rnd)
            y = cal.dates[day].year
            if key == "court":
                doc = world.doc_no(dept.abbr + "执", y, rnd, "（{y}）{p}{n}号")
            else:
                doc = world.doc_no(dept.abbr + spec["doc"], y, rnd)
        d = cal.dates[day]
        ctx.day, ctx.subj, ctx.vals = day, subj, {}
        k = int(rnd() * len(spec["reasons"]))
        reason = fill(spec["reasons"][k], lt.reason_fields[k], ctx)
        remark = fill(spec["remark"], lt.remark_fields, ctx)
        months = spec["months"][int(rnd() * len(spec["months"]))]
        if "y13" in ctx.vals:  # "3年内禁止参加政府采购活动": listed for those years
            months = 12 * int(ctx.vals["y13"])
        if months == 0:
            end, end_text = None, "长期" if rnd() < 0.5 else LONG_TERM
        elif months < 0 or rnd() < 0.01:
            end, end_text = None, ""
        else:
            end = cal.until(day, months)[0]
            end_text = ""
        style, wide = messy(rnd())
        if end is not None:
            end_text = fmt_date(end, style)
        removed = removal = ""
        share = 0.25 if lt.category == "重点关注名单" else 0.08
        if day < cal.last and rnd() < share:
            last = cal.last if end is None else min(cal.last, (end - cal.dates[0]).days)
            if last > day:
                removed = fmt_date(cal.dates[day + 1 + int(rnd() * (last - day))], style)
                reasons = REMOVAL_REASONS.get(lt.category, REMOVAL_REASONS["重点关注名单"])
                removal = reasons[int(rnd() * len(reasons))]
        cols = subj.cols
        if subj.group == PER or (subj.group == IND and not cols[2]):  # the person's or the operator's ID
            id_type, id_no = cols[11], cols[12]
        else:  # the legal representative's
            id_type, id_no = cols[9], cols[10]
        yield dict(zip(header, (
            lt.category, lt.name, cols[0], cols[1], cols[2].translate(FULL_WIDTH) if wide else cols[2], cols[8],
            id_type, id_no,
            reason, lt.basis, doc, dept.name, dept.uscc, fmt_date(d, style) if style else cal.iso[day], end_text,
            removed, removal, dept.name, dept.uscc, remark,
        ), strict=True))
