"""Demo rows of the further kinds: 行政强制, 荣誉/行政奖励 and 信用承诺 (data-standard §10, §12, §13).

Like the penalty, permit and list rows, they are import-file rows (header → cell text) that load.py feeds through the
real importer, deterministic in (kind, count, seed, as_of), drawn from the same subject pool (the subjects with
penalties get the coercions and most 违诺, the well-behaved ones the honours). A few rows are never public by rule
(natural persons' coercions, 政务共享/不公开 commitments), as in real files. `MORE_DEMO` registers them for load.py.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from random import Random

from portal.demo.subjects import Subject
from portal.demo.vocab.common import CITY_CODE
from portal.demo.vocab.more_kinds import (
    ACCOUNTABILITY,
    COERCIONS,
    COMMITMENT_HANDLERS,
    COMMITMENTS,
    HONOUR_REVOKE_REASONS,
    HONOURS,
    UNFULFILLED,
)
from portal.demo.world import LONG_TERM, World
from portal.domain.dates import add_months
from portal.importers.formats_more import COERCION_COLUMNS, COMMITMENT_COLUMNS, HONOUR_COLUMNS

Rows = Iterator[dict[str, str]]


def _weighted(items: tuple[tuple[object, ...], ...]) -> tuple[tuple[object, ...], ...]:
    return tuple(item for item in items for _ in range(int(item[-1])))  # type: ignore[call-overload]


def _org_or_shop(world: World, rnd: Callable[[], float], conduct: int) -> Subject:
    return world.pick(rnd, 0 if rnd() < 0.7 else 1, conduct)


def coercion_rows(world: World, rng: Random, count: int) -> Rows:
    """Coercions of rule-breaking organisations and 个体工商户; ~4 % of natural persons (政务共享, never public)."""
    rnd = rng.random
    cal = world.cal
    templates = _weighted(COERCIONS)
    for _ in range(count):
        dept_key, categories, reason, basis, content, goods, lift_reason, _w = templates[int(rnd() * len(templates))]
        subj = world.pick(rnd, 2, 1) if rnd() < 0.04 else _org_or_shop(world, rnd, 1)
        day = cal.draw(rnd)
        decided = cal.dates[day]
        dept = world.dept(str(dept_key), subj, rnd)
        measure = "查封" in str(categories) or "扣押" in str(categories) or "冻结" in str(categories)
        doc = world.doc_no(dept.abbr + ("强措" if measure else "强执"), decided.year, rnd)
        term = decided + timedelta(days=29) if measure else None  # 查封、扣押: 30 days (行政强制法 第25条)
        lifted = None
        if lift_reason and rnd() < 0.7:
            lifted = min(cal.as_of, decided + timedelta(days=3 + int(rnd() * 27)))
        cols = subj.cols
        yield dict(
            zip(
                COERCION_COLUMNS,
                (
                    *cols,
                    doc,
                    str(categories),
                    str(reason),
                    str(basis),
                    str(content),
                    str(goods),
                    decided.isoformat(),
                    term.isoformat() if term else "",
                    lifted.isoformat() if lifted else "",
                    str(lift_reason) if lifted else "",
                    dept.name,
                    dept.uscc,
                    dept.name,
                    dept.uscc,
                    "",
                ),
                strict=True,
            )
        )


def honour_rows(world: World, rng: Random, count: int) -> Rows:
    """Honours of well-behaved subjects, published as one 授予文件 per scheme and year naming many subjects."""
    rnd = rng.random
    cal = world.cal
    templates = _weighted(HONOURS)
    docs: dict[tuple[str, int, str], tuple[str, int]] = {}  # (scheme, year, department) -> (授予文件号, day)
    given: set[tuple[str, str, int]] = set()  # (scheme, 授予文件号, subject): the natural key (data-standard §13)
    for _ in range(count):
        dept_key, name, level, content, _infix, months, who, _w = templates[int(rnd() * len(templates))]
        if who == "per":
            subj = world.pick(rnd, 2, 2)
        else:
            subj = world.pick(rnd, 1 if who == "ind" else 0, 2 if rnd() > 0.02 else 1)
        dept = world.dept(str(dept_key), subj, rnd)
        drawn = cal.draw(rnd)
        found = docs.get((str(name), cal.dates[drawn].year, dept.name))
        if found is None:
            doc_no = world.doc_no(dept.abbr + "发", cal.dates[drawn].year, rnd)
            found = docs[str(name), cal.dates[drawn].year, dept.name] = (doc_no, drawn)
        doc, day = found
        if (str(name), doc, subj.uid) in given:
            continue  # already named in that document: one row fewer
        given.add((str(name), doc, subj.uid))
        granted = cal.dates[day]
        valid = add_months(granted, int(months)) - timedelta(days=1) if months else None
        revoked, revoke_reason = "", ""
        if rnd() < 0.02 and granted < cal.as_of:
            revoked = (granted + timedelta(days=1 + int(rnd() * (cal.as_of - granted).days))).isoformat()
            revoke_reason = HONOUR_REVOKE_REASONS[int(rnd() * len(HONOUR_REVOKE_REASONS))]
        text = str(content).format(y=granted.year - 1, n=1 + (granted.year - 2015) // 2)
        yield dict(
            zip(
                HONOUR_COLUMNS,
                (
                    *subj.cols,
                    str(name),
                    str(level),
                    text,
                    doc,
                    dept.name,
                    dept.uscc,
                    granted.isoformat(),
                    valid.isoformat() if valid else (LONG_TERM if rnd() < 0.2 else ""),
                    revoked,
                    revoke_reason,
                    dept.name,
                    dept.uscc,
                    "",
                ),
                strict=True,
            )
        )


def commitment_rows(world: World, rng: Random, count: int) -> Rows:
    """Commitments of every kind of subject; ~6 % 违诺 (mostly by rule-breakers), ~15 % not for the public."""
    rnd = rng.random
    cal = world.cal
    templates = _weighted(COMMITMENTS)
    serials: dict[str, int] = {}
    for _ in range(count):
        ctype, dept_key, matter, content, liability, who, _w = templates[int(rnd() * len(templates))]
        broken = rnd() < 0.06
        conduct = 1 if broken and rnd() < 0.8 else 0
        g = rnd()
        group = 2 if who == "per" or (who == "any" and g < 0.1) else 1 if who != "org" and g < 0.35 else 0
        subj = world.pick(rnd, group, conduct)
        cols = subj.cols
        if group < 2 and not cols[2]:
            subj = world.pick(rnd, 1, conduct)  # 承诺人 organisations are named by their USCC (data-standard §10)
            cols = subj.cols
        day = cal.draw(rnd)
        made = cal.dates[day]
        dept = world.dept(str(dept_key), subj, rnd)
        valid = add_months(made, 12) - timedelta(days=1) if ctype != "行业自律型" else None
        if broken:
            state = "部分履行" if rnd() < 0.4 else "全部未履行"
            state_on = min(cal.as_of, made + timedelta(days=20 + int(rnd() * 120)))
        elif valid is not None and valid < cal.as_of:
            state, state_on = "全部履行", valid
        else:
            state, state_on = ("" if rnd() < 0.5 else "履行中"), None
        o = rnd()
        openness = "社会公开" if o < 0.85 else "政务共享" if o < 0.95 else "不公开"
        code = ""
        if rnd() < 0.7:
            stamp = made.strftime("%Y%m%d")
            serials[stamp] = serials.get(stamp, 0) + 1
            code = f"{CITY_CODE}{stamp}{serials[stamp]:06d}"
        person = subj.group == "PER"
        yield dict(
            zip(
                COMMITMENT_COLUMNS,
                (
                    code,
                    cols[0],
                    cols[1],
                    "" if person else cols[2],
                    cols[11] if person else "",
                    cols[12] if person else "",
                    str(ctype),
                    str(matter),
                    str(content),
                    str(liability),
                    made.isoformat(),
                    valid.isoformat() if valid else LONG_TERM,
                    state,
                    UNFULFILLED[int(rnd() * len(UNFULFILLED))] if broken else "",
                    ACCOUNTABILITY[int(rnd() * len(ACCOUNTABILITY))] if broken else "",
                    state_on.isoformat() if state_on else "",
                    dept.name,
                    dept.uscc,
                    openness,
                    dept.name,
                    dept.uscc,
                    COMMITMENT_HANDLERS[int(rnd() * len(COMMITMENT_HANDLERS))],
                    "",
                ),
                strict=True,
            )
        )


# kind -> (columns, row generator, seed offset, share of the demo's records)
MORE_DEMO: dict[str, tuple[tuple[str, ...], Callable[[World, Random, int], Rows], int, float]] = {
    "coercion": (COERCION_COLUMNS, coercion_rows, 4_000, 0.03),
    "honour": (HONOUR_COLUMNS, honour_rows, 5_000, 0.03),
    "commitment": (COMMITMENT_COLUMNS, commitment_rows, 6_000, 0.06),
}


def more_plan(records: int) -> list[tuple[str, int]]:
    """The further kinds' counts out of a demo of `records` rows (the rest go to penalties, permits and lists)."""
    return [(kind, round(records * share)) for kind, (_c, _g, _o, share) in MORE_DEMO.items()]


def generate_more_rows(kind: str, count: int, *, seed: int, as_of: date, pool_records: int = 0) -> Rows:
    """`count` import rows of a further kind; the subject pool is that of a demo of `pool_records` rows (so the
    subjects are those of its penalties and permits), or of `count` rows. ValueError for an unknown kind."""
    if kind not in MORE_DEMO:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(MORE_DEMO)}")
    if count < 0:
        raise ValueError("count must not be negative")
    _columns, rows, offset, _share = MORE_DEMO[kind]
    if count == 0:
        return iter(())
    world = World(seed, as_of, max(count, pool_records))
    return rows(world, Random(seed + offset), count)


def write_more_csv(
    path: str | os.PathLike[str], kind: str, count: int, *, seed: int, as_of: date, pool_records: int = 0
) -> None:
    """Write an import file of `count` rows of a further kind (header first), streaming."""
    rows = generate_more_rows(kind, count, seed=seed, as_of=as_of, pool_records=pool_records)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(MORE_DEMO[kind][0])
        writer.writerows(row.values() for row in rows)
