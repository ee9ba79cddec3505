"""The world of one generate_rows call: the city's departments, the calendar and the subject pool."""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from portal.demo.pool import SubjectPool
from portal.demo.quirks import BRACKETS
from portal.demo.subjects import Subject
from portal.demo.vocab.common import DEPARTMENTS, DISTRICT_OFFICES, DISTRICTS, PROVINCE_ABBR
from portal.domain.dates import add_months
from portal.domain.uscc import make_uscc, org_code_check_char

MAX_SUBJECTS = 200_000  # the subject pool is bounded, so memory does not grow with the row count
# Pool size = count / this. Penalties and dishonesty lists go to the rule-breaking half of the subjects only
# (a penalised subject has ~4 penalties); permits to anyone (~2 each); ~half of all subjects have penalties.
_RECORDS_PER_SUBJECT = 2
LONG_TERM = "2099-12-31"
_PRE_DAYS = 400  # event dates in facts lie up to this many days before the window


@dataclass(frozen=True, slots=True)
class Dept:
    key: str
    name: str
    abbr: str  # used in 文号
    uscc: str


def _agency_uscc(name: str, kind: str, division: str) -> str:
    # A stable fictional organisation code per name: 机关 codes are usually 00xxxxxx, the merged tax bureaus MB….
    digits = f"{zlib.crc32(name.encode()) % 10**6:06d}"
    body = ("MB" if name.startswith("国家税务总局") else "00") + digits
    return make_uscc(f"{kind}{division}{body}{org_code_check_char(body)}")


@cache
def _departments() -> tuple[dict[str, Dept], dict[tuple[str, int], Dept], tuple[Dept, ...]]:
    city = {key: Dept(key, name, abbr, _agency_uscc(name, kind, division))
            for key, (name, abbr, kind, division) in DEPARTMENTS.items()}
    local: dict[tuple[str, int], Dept] = {}
    courts = [Dept("court", city["court"].name, f"{PROVINCE_ABBR}99", city["court"].uscc)]
    for i, (key, prefix, code, short, *_rest) in enumerate(DISTRICTS):
        market, tax, police = DISTRICT_OFFICES[key]
        local["scjg", i] = Dept("scjg", market, f"{short}市监", _agency_uscc(market, "11", code))
        local["tax", i] = Dept("tax", tax, f"{short}税", _agency_uscc(tax, "11", code))
        local["gaj", i] = Dept("gaj", police, f"{short}公", _agency_uscc(police, "11", code))
        court = f"{prefix}人民法院"
        courts.append(Dept("court", court, f"{PROVINCE_ABBR}{code[2:]}", _agency_uscc(court, "11", code)))
    return city, local, tuple(courts)


def department_usccs() -> dict[str, str]:
    """Name → USCC of every authority the demo data uses (for tests and fixtures)."""
    city, local, courts = _departments()
    return {d.name: d.uscc for d in (*city.values(), *local.values(), *courts)}


# ----------------------------------------------------------------------------------------------------------
# Calendar: the 4-year window before as_of, with precomputed date texts


class Calendar:
    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        start = add_months(as_of, -48)
        self.n = (as_of - start).days
        base = start - timedelta(days=_PRE_DAYS)
        self.first = _PRE_DAYS  # index of the window's first day
        self.last = _PRE_DAYS + self.n  # index of as_of
        self.dates = [base + timedelta(days=k) for k in range(self.last + 1)]
        self.iso = [d.isoformat() for d in self.dates]
        self.ymd = [f"{d.year}年{d.month}月{d.day}日" for d in self.dates]
        self.ym = [f"{d.year}年{d.month}月" for d in self.dates]
        self._later: dict[tuple[int, int], date] = {}
        self._until: dict[tuple[int, int], tuple[date, str]] = {}
        self.friday = list(range(self.last + 1))  # weekends → the Friday before (or the Monday after)
        for k, d in enumerate(self.dates):
            wd = d.weekday()
            if wd >= 5:
                fri, mon = k - (wd - 4), k + (7 - wd)
                self.friday[k] = fri if fri >= self.first else mon if mon <= self.last else k

    def later(self, day: int, months: int) -> date:
        """The date `months` months after day index `day` (DOMAIN §5.3 month arithmetic), memoised."""
        found = self._later.get((day, months))
        if found is None:
            found = self._later[day, months] = add_months(self.dates[day], months)
        return found

    def until(self, day: int, months: int) -> tuple[date, str]:
        """Last day (and its ISO text) of a validity of `months` months from day index `day`, memoised."""
        found = self._until.get((day, months))
        if found is None:
            end = add_months(self.dates[day], months) - timedelta(days=1)
            found = self._until[day, months] = (end, end.isoformat())
        return found

    def draw(self, rnd: Callable[[], float]) -> int:
        """A decision day: more recent days more often, ~5 % in the last 7 days, mostly working days."""
        r = rnd()
        n = self.n
        if r < 0.05:
            k = n - int(rnd() * min(7, n + 1))
        elif r < 0.45:
            k = int(rnd() * (n + 1))
        else:
            k = min(n, int((n + 1) * math.sqrt(rnd())))
        i = self.first + k
        return self.friday[i] if rnd() < 0.85 else i


LOCAL_OFFICES = {"scjg": 0.7, "tax": 0.9, "gaj": 1.0}  # share of decisions taken by district offices


class World:
    def __init__(self, seed: int, as_of: date, count: int) -> None:
        self.cal = Calendar(as_of)
        self.city, self.local, self.courts = _departments()
        self.pool = SubjectPool(seed, as_of, min(MAX_SUBJECTS, max(60, count // _RECORDS_PER_SUBJECT)))
        self.p_busy = min(0.12, 40 * self.pool.n_busy / count)
        self.counters: dict[tuple[str, str, int], int] = {}
        self._members: dict[tuple[int, int], list[Subject]] = {}
        self._tagged: dict[tuple[int, int, frozenset[str]], list[Subject]] = {}

    def members(self, group: int, conduct: int) -> list[Subject]:
        """Group 0 organisations, 1 个体工商户, 2 adults, 3 adult women; conduct 0 any, 1 bad, 2 good."""
        key = (group, conduct)
        found = self._members.get(key)
        if found is None:
            pool = self.pool
            everyone = (pool.orgs, pool.inds, pool.persons, pool.females)[group] or pool.orgs or pool.inds
            found = everyone if conduct == 0 else [s for s in everyone if s.bad == (conduct == 1)] or everyone
            self._members[key] = found
        return found

    def pick(self, rnd: Callable[[], float], group: int, conduct: int = 0) -> Subject:
        """A subject of a group (see members); lower indexes more often, busy enterprises most often."""
        if group == 0 and conduct != 2 and self.pool.busy and rnd() < self.p_busy:
            return self.pool.busy[int(rnd() * len(self.pool.busy))]
        lst = self.members(group, conduct)
        return lst[int(len(lst) * rnd() ** 1.4)]

    def pick_tagged(self, rnd: Callable[[], float], group: int, conduct: int, tags: frozenset[str]) -> Subject:
        """Like pick, among the organisations (0) or 个体工商户 (1) of the given sectors."""
        key = (group, conduct, tags)
        fitting = self._tagged.get(key)
        if fitting is None:
            fitting = self._tagged[key] = [s for s in self.members(group, conduct) if s.tag in tags]
        if not fitting:
            return self.pick(rnd, group, conduct)
        return fitting[int(len(fitting) * rnd() ** 1.4)]

    def dept(self, key: str, subj: Subject, rnd: Callable[[], float]) -> Dept:
        """The authority: for 市场监管, 税务 and 公安 mostly the office of the subject's district."""
        share = LOCAL_OFFICES.get(key)
        if share is not None and rnd() < share:
            return self.local[key, subj.dist]
        return self.city[key]

    def doc_no(self, prefix: str, year: int, rnd: Callable[[], float], pattern: str = "{p}〔{y}〕{n}号") -> str:
        """Next 文号 of a prefix and year: numbers rise, with an occasional gap (withdrawn numbers)."""
        key = (pattern, prefix, year)
        r = rnd()
        # numbers start above 1 (the demo holds only part of a department's decisions) and skip a few
        n = self.counters.get(key) or int(r * 40)
        n += 1 if r < 0.9 else int(r * 40) - 34
        self.counters[key] = n
        text = pattern.format(p=prefix, y=year, n=n)
        if r < 0.03:  # another bracket style; the 文号 key normalises it (data-standard §2)
            left, right = BRACKETS[int(r * 133)]
            text = text.replace("〔", left).replace("〕", right)
        return text
