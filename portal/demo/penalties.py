"""Penalty rows: violation templates fitted to subjects, punishments, fines and publicity periods."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from random import Random
from typing import Any

from portal.demo.certificates import licence_number
from portal.demo.headers import PENALTY_HEADER
from portal.demo.quirks import FULL_WIDTH, fmt_date, messy
from portal.demo.subjects import ENT, Subject, fitting_templates
from portal.demo.text_fill import FillContext, fill, placeholders
from portal.demo.vocab.penalty_market import TEMPLATES as MARKET_TEMPLATES
from portal.demo.vocab.penalty_other import TEMPLATES as OTHER_TEMPLATES
from portal.demo.vocab.penalty_trades import TEMPLATES as TRADES_TEMPLATES
from portal.demo.world import LOCAL_OFFICES, World
from portal.domain.publicity import MINOR_TYPES, PUNISHMENT_TYPES

_NICE_FINES = (0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.5, 2, 3, 5, 8, 10, 15, 20, 30, 50,
               80, 100)
# 文号 styles of some authorities ({p} is the authority's abbreviation); the others write {p}罚〔{y}〕{n}号.
_DOC_STYLES = {"gaj": "{p}（治）行罚决字〔{y}〕{n}号", "xf": "{p}行罚决字〔{y}〕{n:04d}号",
               "sthj": "{p}罚字〔{y}〕第{n}号"}


def _wan(x: float) -> tuple[str, str]:
    """(万元 text, 元 text) of an amount in 万元, to the yuan."""
    x = round(x, 4)
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text, f"{round(x * 10_000):d}"


class _PenaltyTemplate:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.dept: str = spec["dept"]
        self.kind: str = spec["kind"]
        self.tags = frozenset(spec["tags"])
        self.facts: str = spec["facts"]
        self.facts_fields = placeholders(self.facts)
        self.basis: str = spec["basis"]
        self.w: int = spec["w"]
        self.light = tuple(tuple(c.split("；")) for c in spec["light"])
        self.normal = tuple(tuple(c.split("；")) for c in spec["normal"])
        self.serious = tuple(tuple(c.split("；")) for c in spec["serious"])
        self.licence: str = spec.get("licence", "许可证")
        self.goods: str = spec.get("goods", "没收非法财物")
        self.other: str = spec.get("other", "责令改正")
        self.limit: str = spec.get("limit", "限制开展生产经营活动六个月")
        self.limit_fields = placeholders(self.limit)
        fine = spec["fine"]
        self.fine_multiple: tuple[str, float, float] | None = None
        self.fines: tuple[tuple[str, str], ...] = ()
        if fine and fine[0] == "x":
            self.fine_multiple = (fine[1], fine[2], fine[3])
            placeholders("{" + fine[1] + "}")
        elif fine:
            self.fines = tuple(_wan(x) for x in _NICE_FINES if fine[0] <= x <= fine[1]) or (_wan(fine[0]),)
        # fail fast on vocabulary mistakes: the importer would reject or warn about such rows
        parts = {part for combo in (*self.light, *self.normal, *self.serious) for part in combo}
        if parts - set(PUNISHMENT_TYPES) or not all(p in MINOR_TYPES for c in self.light for p in c):
            raise ValueError(f"penalty template {self.kind!r} has an invalid 处罚类别")
        if "罚款" in parts and not fine:
            raise ValueError(f"penalty template {self.kind!r} fines without a fine range")
        if parts & {"暂扣许可证件", "吊销许可证件", "降低资质等级"} and "licence" not in spec:
            raise ValueError(f"penalty template {self.kind!r} names no licence")


@cache
def _penalty_templates() -> tuple[_PenaltyTemplate, ...]:
    return tuple(_PenaltyTemplate(spec) for spec in (*MARKET_TEMPLATES, *TRADES_TEMPLATES, *OTHER_TEMPLATES))


class _PenaltyIndex:
    """Templates that fit a subject, per severity (light/normal/serious), cached per (group, tag)."""

    def __init__(self) -> None:
        self.templates = _penalty_templates()
        self.cache: dict[tuple[str, str], tuple[tuple[Any, ...], ...]] = {}
        minor = [t for t in self.templates if "MINOR" in t.tags]
        self.minor = (tuple(t for t in minor if t.light) or tuple(minor), tuple(minor), tuple(minor))

    def get(self, subj: Subject) -> tuple[tuple[Any, ...], ...]:
        key = (subj.group, subj.tag)
        found = self.cache.get(key)
        if found is None:
            fitting = fitting_templates(self.templates, subj)
            normal = fitting or fitting_templates(self.templates, Subject(0, ENT, "ORG", "", 0, False, ()))
            light = tuple(t for t in normal if t.light) or normal
            serious = tuple(t for t in normal if t.serious) or normal
            found = self.cache[key] = (light, normal, serious)
        return found


def penalty_rows(world: World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    pool = world.pool
    index = _PenaltyIndex()
    later = cal.later
    ctx = FillContext(cal, rnd)
    header = PENALTY_HEADER
    for _ in range(count):
        r = rnd()
        severity = 0 if r < 0.15 else 2 if r >= 0.85 else 1
        if pool.minors and rnd() < 0.005:
            subj = pool.minors[int(rnd() * len(pool.minors))]
            choices = index.minor[min(severity, 1)]
            severity = min(severity, 1)
        else:
            g = rnd()
            subj = world.pick(rnd, 0 if g < 0.56 else 1 if g < 0.8 else 2, conduct=1)
            choices = index.get(subj)[severity]
        tpl = choices[int(rnd() * len(choices))]
        day = cal.draw(rnd)
        d = cal.dates[day]
        ctx.day, ctx.subj, ctx.vals = day, subj, {}
        facts = fill(tpl.facts, tpl.facts_fields, ctx)
        if severity == 0 and tpl.light:
            combos = tpl.light
        elif severity == 2 and tpl.serious:
            combos = tpl.serious
        else:
            combos, severity = tpl.normal, 1
        combo = combos[int(rnd() * len(combos))]
        fine = licence = ""
        seized = 0
        until: date | None = None
        content: list[str] = []
        for part in combo:
            if part == "罚款":
                if tpl.fine_multiple is not None:
                    name, lo, hi = tpl.fine_multiple
                    base = float(fill("{" + name + "}", (name,), ctx))
                    fine, yuan = _wan(max(0.005, base * (lo + rnd() * (hi - lo))))
                else:
                    fines = tpl.fines
                    k = int(len(fines) * rnd() ** 1.8)
                    if severity == 2:
                        k = len(fines) - 1 - int(rnd() * ((len(fines) + 1) // 2))
                    fine, yuan = fines[k]
                y = rnd()
                content.append(f"罚款{fine}万元" if y < 0.4 else f"罚款人民币{int(yuan):,}元" if y < 0.5
                               else f"罚款人民币{yuan}元")
            elif part == "没收违法所得":
                gain = int(fill("{gain}", ("gain",), ctx))
                seized += gain
                content.append(f"没收违法所得{gain}元")
            elif part == "没收非法财物":
                # the column holds 违法所得 and 非法财物 together; goods are valued at their 货值 when known
                seized += int(ctx.vals.get("value") or ctx.vals.get("value2") or 100 + int(rnd() * 5_000))
                content.append(tpl.goods)
            elif part in ("暂扣许可证件", "吊销许可证件"):
                licence = tpl.licence + licence_number(tpl.licence, subj, d, rnd)
                if part == "暂扣许可证件":
                    months = 1 + int(rnd() * 6)
                    until = later(day, months)
                    content.append(f"暂扣{tpl.licence}{months}个月")
                else:
                    content.append(f"吊销{tpl.licence}")
            elif part == "降低资质等级":
                content.append(f"降低{tpl.licence.removesuffix('证书')}等级")
            elif part in ("限制开展生产经营活动", "限制从业"):
                text = fill(tpl.limit, tpl.limit_fields, ctx)
                content.append(text)
                years = 5 if "五年" in text else int(ctx.vals.get("y13", "1"))
                until = until or later(day, 12 * years)
            elif part == "责令停产停业":
                days = (7, 15, 30, 60)[int(rnd() * 4)]
                until = until or d + timedelta(days=days)
                content.append(f"责令停产停业{days}日")
            elif part == "责令关闭":
                content.append("责令关闭")
            elif part == "行政拘留":
                days = (3, 5, 7, 10, 15)[int(rnd() * 5)]
                until = until or d + timedelta(days=days)
                content.append(f"行政拘留{days}日")
            elif part == "其他":
                content.append(tpl.other)
            else:  # 警告, 通报批评
                content.append(part)
        confiscated = _wan(seized / 10_000)[0] if seized else ""
        if fine and rnd() < 0.01:
            fine += "万元"
        elif fine and float(fine) >= 1000 and rnd() < 0.5:
            fine = f"{float(fine):,.4f}".rstrip("0").rstrip(".")
        m = rnd()
        style, wide = messy(m)
        sep = "；" if not 0.05 <= m < 0.15 else "、" if m < 0.1 else ";"
        dept = world.dept(tpl.dept, subj, rnd) if tpl.dept in LOCAL_OFFICES else world.city[tpl.dept]
        simple = severity == 0 and tpl.dept in ("scjg", "tax") and rnd() < 0.6
        pattern = "{p}简罚〔{y}〕{n}号" if simple else _DOC_STYLES.get(tpl.dept, "{p}罚〔{y}〕{n}号")
        doc = world.doc_no(dept.abbr, d.year, rnd, pattern)
        source = world.city["scjg"] if dept.key == "scjg" and dept is not world.city["scjg"] and rnd() < 0.3 \
            else dept
        g = rnd()
        if severity == 0:
            level, publicity = ("" if g < 0.9 else "轻微"), (later(day, 3) if rnd() < 0.3 else None)
        elif severity == 1:
            level = "" if g < 0.6 else "一般" if g < 0.95 else "一般失信"
            p = rnd()
            publicity = later(day, 12) if p < 0.45 else later(day, 6) if p < 0.55 else None
        else:
            level = "严重" if g < 0.85 else "严重失信"
            p = rnd()
            publicity = later(day, 36) if p < 0.5 else later(day, 12 + 12 * int(rnd() * 2)) if p < 0.6 else None
        remark = "简易程序" if simple and g < 0.5 else "已履行完毕" if 0.2 <= m < 0.23 else ""
        cols = subj.cols
        name = f" {cols[0]} " if 0.04 <= m < 0.043 else cols[0]  # stray spaces: trimmed by the importer
        yield dict(zip(header, (
            name, cols[1], cols[2].translate(FULL_WIDTH) if wide else cols[2], *cols[3:],
            doc, tpl.kind, facts, tpl.basis, sep.join(combo), "，".join(content), fine, confiscated, licence,
            fmt_date(d, style) if style else cal.iso[day],
            fmt_date(until, style) if until else "",
            fmt_date(publicity, style) if publicity else "",
            dept.name, dept.uscc, source.name, source.uscc, level, remark,
        ), strict=True))
