"""Placeholder filling: the generators of {placeholders} in facts, contents and reasons."""

from __future__ import annotations

import string
from collections.abc import Callable

from portal.demo.subjects import Subject
from portal.demo.vocab.common import COOP_PRODUCTS, DISTRICTS, PLATE_PREFIX, SAFETY_SCOPES, VENUES, VILLAGES
from portal.demo.vocab.fill import FILL
from portal.demo.world import Calendar


class FillContext:
    """Per-row state the placeholder generators read."""

    __slots__ = ("cal", "day", "rnd", "subj", "vals")

    def __init__(self, cal: Calendar, rnd: Callable[[], float]) -> None:
        self.cal = cal
        self.rnd = rnd
        self.day = cal.last
        self.subj: Subject | None = None
        self.vals: dict[str, str] = {}


def _ri(lo: int, hi: int) -> Callable[[FillContext], str]:
    return lambda c: str(lo + int(c.rnd() * (hi - lo + 1)))


def _rf(lo: float, hi: float, digits: int) -> Callable[[FillContext], str]:
    return lambda c: f"{lo + c.rnd() * (hi - lo):.{digits}f}"


def _ev(c: FillContext) -> int:
    # the violation happened 3–120 days before the decision
    return c.day - 3 - int(c.rnd() * 118)


def _place(c: FillContext) -> str:
    d = DISTRICTS[c.subj.dist if c.subj else 0]
    roads = d[5]
    return f"{d[1]}{roads[int(c.rnd() * len(roads))]}{1 + int(c.rnd() * 388)}号"


def _village(c: FillContext) -> str:
    d = DISTRICTS[c.subj.dist if c.subj else 4]
    towns = d[6]
    return f"{d[1]}{towns[int(c.rnd() * len(towns))]}{VILLAGES[int(c.rnd() * len(VILLAGES))]}村"


def _road(c: FillContext) -> str:
    d = DISTRICTS[c.subj.dist if c.subj else 0]
    return d[1] + d[5][int(c.rnd() * len(d[5]))]


def _plate(c: FillContext) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    rnd = c.rnd
    return PLATE_PREFIX + chars[10 + int(rnd() * 24)] + "".join(chars[int(rnd() * 10)] for _ in range(4))


def _overload(c: FillContext) -> str:
    limit = (18, 25, 31, 43, 49)[int(c.rnd() * 5)]
    over = round(0.6 + c.rnd() * limit * 0.6, 1)
    return f"车货总质量{limit + over:.1f}吨，超过规定限值{limit}吨，超限{over:.1f}吨"


def _farm_scale(c: FillContext) -> str:
    scale = COOP_PRODUCTS.get(c.subj.biz if c.subj else "") or "设计存栏{n}00头"
    return scale.format(n=2 + int(c.rnd() * 29))


_GENERATORS: dict[str, Callable[[FillContext], str]] = {
    "ym": lambda c: c.cal.ym[_ev(c)],
    "ymd": lambda c: c.cal.ymd[_ev(c)],
    "year": lambda c: str(c.cal.dates[c.day].year - (1 if c.rnd() < 0.5 else 0)),
    "prev_year": lambda c: str(c.cal.dates[c.day].year - 1),
    "years": lambda c: f"{c.cal.dates[c.day].year - 2}年至{c.cal.dates[c.day].year - 1}年",
    "period": lambda c: c.cal.ym[c.day - 31],
    "period2": lambda c: f"{c.cal.ym[c.day - 150 - int(c.rnd() * 120)]}至{c.cal.ym[c.day - 31]}",
    "place": _place,
    "village": _village,
    "road": _road,
    "plate": _plate,
    "overload": _overload,
    "biz": lambda c: c.subj.biz if c.subj and c.subj.biz else "日用百货零售",
    "venue_kind": lambda c: VENUES.get(c.subj.tag if c.subj else "", "沐浴场所（足浴）"),
    "safety_scope": lambda c: SAFETY_SCOPES.get(c.subj.tag if c.subj else "", "危险化学品生产"),
    "farm_scale": _farm_scale,
    "n": _ri(2, 30),
    "n_small": _ri(2, 5),
    "n3": lambda c: f"{1 + int(c.rnd() * 300):03d}",
    "y13": _ri(1, 3),
    "months": _ri(3, 12),
    "floors": _ri(2, 3),
    "qty": _ri(10, 500),
    "value": _ri(200, 50_000),
    "value2": _ri(200, 20_000),
    "gain": _ri(50, 20_000),
    "area": _ri(20, 3_000),
    "area2": _ri(2_000, 80_000),
    "sarea": _ri(2, 60),
    "days": _ri(5, 180),
    "workers": _ri(3, 120),
    "hours": _ri(40, 100),
    "hours2": _ri(100, 3_000),
    "pct": _ri(10, 300),
    "kg": _ri(2, 80),
    "capital": lambda c: ("10", "50", "100", "200", "500", "1000", "3000")[int(c.rnd() * 7)],
    "batch": lambda c: f"{c.cal.dates[c.day].year - 1}{int(c.rnd() * 10**4):04d}",
    "ton": _rf(1.0, 40.0, 1),
    "conc": _rf(10.5, 500.0, 1),
    "vol": _rf(1.2, 40.0, 1),
    "money": _rf(5.0, 500.0, 2),
    "money_small": _rf(0.1, 20.0, 2),
    "money_tiny": _rf(0.05, 2.0, 2),
    "stall_area": _ri(1, 12),
    "money_big": lambda c: f"{5 * 600 ** c.rnd():.2f}",  # 5–3000 万元, log-uniform: few big cases
}
for _word, _choices in FILL.items():
    if _word in _GENERATORS:
        raise ValueError(f"demo FILL word {_word!r} shadows a generated placeholder")
    _GENERATORS[_word] = lambda c, s=_choices: s[int(c.rnd() * len(s))]


def placeholders(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name))
    unknown = [name for name in names if name not in _GENERATORS]
    if unknown:
        raise ValueError(f"demo vocabulary uses unknown placeholders {unknown} in {text!r}")
    return names


def fill(text: str, names: tuple[str, ...], c: FillContext) -> str:
    if not names:
        return text
    vals = c.vals
    for name in names:
        if name not in vals:
            vals[name] = _GENERATORS[name](c)
    return text.format_map(vals)
