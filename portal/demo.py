"""Deterministic demo data: rows exactly as a department's penalty, permit or list import file holds them.

The rows go through the importer like real files (data-standard.md §4–§6), so they are strings keyed by the
standard's Chinese headers, valid, and now and then "messy but valid" the way real files are (other date
formats, full-width USCCs, thousands separators, 文号 with other brackets). Same (kind, count, seed, as_of)
→ same rows; no global random state and no clock. Word lists live in demo_vocab*.py.
"""

from __future__ import annotations

import csv
import math
import os
import string
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from random import Random
from typing import Any

from portal.demo_vocab import (
    BRAND_EXCLUDED,
    BRAND_FIRST,
    BRAND_SECOND,
    CITY_CODE,
    COMPANY_FORMS,
    COOP_PRODUCTS,
    DEPARTMENTS,
    DISTRICT_OFFICES,
    DISTRICTS,
    GIVEN_FEMALE,
    GIVEN_MALE,
    INDUSTRIES,
    INSTITUTIONS,
    PLATE_PREFIX,
    PROVINCE_ABBR,
    SAFETY_SCOPES,
    SHOP_SCOPES,
    SHOPS,
    SOCIAL_ORGS,
    SURNAMES,
    VENUES,
    VILLAGES,
)
from portal.demo_vocab_fill import FILL
from portal.demo_vocab_list import BASIS_OVERRIDES, CATEGORY_DEFAULTS, GENERIC_DEPTS, LIST_SPECS, REMOVAL_REASONS
from portal.demo_vocab_penalty import TEMPLATES as _TEMPLATES_1
from portal.demo_vocab_penalty2 import TEMPLATES as _TEMPLATES_2
from portal.demo_vocab_penalty3 import TEMPLATES as _TEMPLATES_3
from portal.demo_vocab_permit import INVALID_REMARKS, PERMITS, PERMITS_DECISION_TITLE
from portal.domain.dates import add_months
from portal.domain.idnumber import make_resident_id
from portal.domain.publicity import MINOR_TYPES, PUNISHMENT_TYPES
from portal.domain.uscc import CHARSET, make_uscc, org_code_check_char

PENALTY_HEADER: tuple[str, ...] = (
    "行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)", "行政相对人代码_4(税务登记号)", "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)", "法定代表人", "法定代表人证件类型", "法定代表人证件号码",
    "证件类型", "证件号码", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
    "处罚内容", "罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)", "暂扣或吊销证照名称及编号",
    "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
    "数据来源单位统一社会信用代码", "失信严重程度", "备注",
)
PERMIT_HEADER: tuple[str, ...] = (
    "行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)", "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)", "行政相对人代码_4(税务登记号)", "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)", "法定代表人", "法定代表人证件类型", "法定代表人证件号码",
    "证件类型", "证件号码", "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称",
    "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码",
    "当前状态", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
)
LIST_HEADER: tuple[str, ...] = (
    "名单类别", "名单名称", "主体名称", "主体类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码",
    "列入事由", "认定依据", "认定文书号", "认定单位", "认定单位统一社会信用代码", "列入日期", "有效期至",
    "移出日期", "移出原因", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
)
HEADERS = {"penalty": PENALTY_HEADER, "permit": PERMIT_HEADER, "list": LIST_HEADER}

LIST_TYPES_CSV = Path(__file__).resolve().parent / "data" / "list-types.csv"
MAX_SUBJECTS = 200_000  # the subject pool is bounded, so memory does not grow with the row count
_KIND_OFFSETS = {"penalty": 1_000, "permit": 2_000, "list": 3_000}
_SUBJECT_OFFSET = 9_000  # the subject stream is shared by the three kinds: one company, several records
# Pool size = count / this. Penalties and dishonesty lists go to the rule-breaking half of the subjects only
# (a penalised subject has ~4 penalties); permits to anyone (~2 each); ~half of all subjects have penalties.
_RECORDS_PER_SUBJECT = 2
_LONG_TERM = "2099-12-31"
_PRE_DAYS = 400  # event dates in facts lie up to this many days before the window
_ENT, _IND, _COOP, _INST, _SOC, _PER = "ENT", "IND", "COOP", "INST", "SOC", "PER"
_ORG_GROUPS = frozenset({_ENT, _COOP, _INST, _SOC})
_LEGAL, _INDIVIDUAL, _NATURAL = "法人及非法人组织", "个体工商户", "自然人"
_ID_CARD = "身份证"
_FULL_WIDTH = str.maketrans(string.digits + string.ascii_uppercase,
                            "".join(chr(0xFF10 + i) for i in range(10)) + "".join(chr(0xFF21 + i) for i in range(26)))
_BRACKETS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"))


@dataclass(frozen=True, slots=True)
class DemoPlan:
    penalties: int
    permits: int
    lists: int


def plan_for(records: int) -> DemoPlan:
    """Split a total into ~40 % penalties, ~45 % permits and ~15 % list entries (the parts sum to `records`)."""
    if records < 0:
        raise ValueError("records must not be negative")
    permits = round(records * 0.45)
    penalties = round(records * 0.40)
    return DemoPlan(penalties=penalties, permits=permits, lists=records - permits - penalties)


def generate_rows(kind: str, count: int, *, seed: int, as_of: date) -> Iterator[dict[str, str]]:
    """Yield `count` import rows of `kind` (penalty|permit|list) as header → cell text, streaming.

    Deterministic in (kind, count, seed, as_of); every event date is ≤ as_of; natural keys are unique
    within one call. Raises ValueError for an unknown kind or a negative count.
    """
    if kind not in HEADERS:
        raise ValueError(f"unknown kind {kind!r}: expected penalty, permit or list")
    if count < 0:
        raise ValueError("count must not be negative")
    return _generate(kind, count, seed, as_of)


def write_csv(path: str | os.PathLike[str], kind: str, count: int, *, seed: int, as_of: date,
              encoding: str = "utf-8-sig") -> None:
    """Write an import file of `count` rows (header first) with the csv module, streaming row by row."""
    rows = generate_rows(kind, count, seed=seed, as_of=as_of)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS[kind])
        writer.writerows(row.values() for row in rows)


def _generate(kind: str, count: int, seed: int, as_of: date) -> Iterator[dict[str, str]]:
    if count == 0:
        return
    rng = Random(seed + _KIND_OFFSETS[kind])
    world = _World(seed, as_of, count)
    if kind == "penalty":
        yield from _penalty_rows(world, rng, count)
    elif kind == "permit":
        yield from _permit_rows(world, rng, count)
    else:
        yield from _list_rows(world, rng, count)


# ----------------------------------------------------------------------------------------------------------
# Departments (fixed, with valid 机关/事业单位/群团 USCCs)


@dataclass(frozen=True, slots=True)
class _Dept:
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
def _departments() -> tuple[dict[str, _Dept], dict[tuple[str, int], _Dept], tuple[_Dept, ...]]:
    city = {key: _Dept(key, name, abbr, _agency_uscc(name, kind, division))
            for key, (name, abbr, kind, division) in DEPARTMENTS.items()}
    local: dict[tuple[str, int], _Dept] = {}
    courts = [_Dept("court", city["court"].name, f"{PROVINCE_ABBR}99", city["court"].uscc)]
    for i, (key, prefix, code, short, *_rest) in enumerate(DISTRICTS):
        market, tax, police = DISTRICT_OFFICES[key]
        local["scjg", i] = _Dept("scjg", market, f"{short}市监", _agency_uscc(market, "11", code))
        local["tax", i] = _Dept("tax", tax, f"{short}税", _agency_uscc(tax, "11", code))
        local["gaj", i] = _Dept("gaj", police, f"{short}公", _agency_uscc(police, "11", code))
        court = f"{prefix}人民法院"
        courts.append(_Dept("court", court, f"{PROVINCE_ABBR}{code[2:]}", _agency_uscc(court, "11", code)))
    return city, local, tuple(courts)


def department_usccs() -> dict[str, str]:
    """Name → USCC of every authority the demo data uses (for tests and fixtures)."""
    city, local, courts = _departments()
    return {d.name: d.uscc for d in (*city.values(), *local.values(), *courts)}


# ----------------------------------------------------------------------------------------------------------
# Calendar: the 4-year window before as_of, with precomputed date texts


class _Calendar:
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


def _fmt_date(d: date, style: int) -> str:
    """The date formats of real files (data-standard §2): 0 ISO, 1 2025/3/7, 2 2025年3月7日, 3 2025.03.07, 4 compact."""
    if style == 0:
        return d.isoformat()
    if style == 1:
        return f"{d.year}/{d.month}/{d.day}"
    if style == 2:
        return f"{d.year}年{d.month}月{d.day}日"
    if style == 3:
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    return f"{d.year}{d.month:02d}{d.day:02d}"


# ----------------------------------------------------------------------------------------------------------
# Subjects: one stream per seed; a pool of N subjects is its first N, so the kinds share subjects


class _Lazy:
    """A code cell whose check character is computed when the subject is first used.

    The check functions cost more than the rest of a subject, and a penalty file uses only the
    rule-breaking half of the pool.
    """

    __slots__ = ("args", "fn", "result")

    def __init__(self, fn: Callable[..., str], *args: Any) -> None:
        self.fn, self.args, self.result = fn, args, ""

    def value(self) -> str:
        if not self.result:
            self.result = self.fn(*(a.value() if isinstance(a, _Lazy) else a for a in self.args))
        return self.result


def _org_code(body: str) -> str:
    return body + org_code_check_char(body)


def _uscc_of(head: str, org: str) -> str:
    return make_uscc(head + org)


def _dashed(org: str) -> str:
    return f"{org[:8]}-{org[8]}"  # 组织机构代码 as written on old certificates


def _tax_no(division: str, org: str) -> str:
    return division + org  # 15-char 税务登记号


def _resident(first17: str, lower: bool) -> str:
    number = make_resident_id(first17)
    return number.lower() if lower and number[-1] == "X" else number  # files often have a lower-case x


class _Subject:
    __slots__ = ("_cols", "_raw", "bad", "biz", "dist", "female", "group", "tag", "uid")

    def __init__(self, uid: int, group: str, tag: str, biz: str, dist: int, female: bool,
                 raw: tuple[Any, ...], bad: bool = False) -> None:
        self.uid = uid
        # Half of the subjects never break rules: they get permits and red-list entries, but no penalties
        # and no dishonesty lists, so that not every company of the city has a record of wrongdoing.
        self.bad = bad
        self.group = group
        self.tag = tag
        self.biz = biz
        self.dist = dist
        self.female = female
        self._raw: tuple[Any, ...] | None = raw
        self._cols: tuple[str, ...] = ()

    @property
    def cols(self) -> tuple[str, ...]:
        """行政相对人名称 … 证件号码: the 13 subject columns of data-standard §3."""
        if self._raw is not None:
            self._cols = tuple(c.value() if isinstance(c, _Lazy) else c for c in self._raw)
            self._raw = None
        return self._cols


def _weighted(pairs: Any) -> tuple[Any, ...]:
    """Expand (item, weight) pairs into a tuple to draw from uniformly."""
    return tuple(item for item, weight in pairs for _ in range(weight))


@cache
def _name_tables() -> dict[str, tuple[Any, ...]]:
    brands = tuple(a + b for a in BRAND_FIRST for b in BRAND_SECOND if a != b and a + b not in BRAND_EXCLUDED)
    return {
        "surnames": _weighted(SURNAMES),
        "brands": brands,
        "industries": _weighted(((w, t), n) for w, t, n in INDUSTRIES),
        "forms": _weighted(COMPANY_FORMS),
        "shops": _weighted(((w, t), n) for w, t, n in SHOPS),
        "districts": _weighted((i, d[4]) for i, d in enumerate(DISTRICTS)),
    }


def _mod11_10(digits: str) -> str:
    """ISO 7064 MOD 11,10 check digit (15-digit 工商注册号)."""
    p = 10
    for ch in digits:
        s = (p + int(ch)) % 10 or 10
        p = s * 2 % 11
    return str((11 - p) % 10)


@lru_cache(maxsize=2)
def _birth_texts(as_of: date) -> tuple[str, ...]:
    first = date(1955, 1, 1)
    return tuple(f"{d:%Y%m%d}" for d in (first + timedelta(days=k) for k in range((as_of - first).days + 1)))


class _Pool:
    """Subjects by group: organisations, 个体工商户, adults, minors, and the busy enterprises.

    Subject k depends only on the seed, as_of and k (never on the pool size), so the penalty, permit and
    list rows of one seed share their subjects: a company has penalties, permits and list entries.
    """

    def __init__(self, seed: int, as_of: date, size: int) -> None:
        self.rng = Random(seed + _SUBJECT_OFFSET)
        self.rnd = self.rng.random
        t = _name_tables()
        self.surnames, self.brands, self.industries = t["surnames"], t["brands"], t["industries"]
        self.forms, self.shops, self.districts = t["forms"], t["shops"], t["districts"]
        self.coop_products = tuple(COOP_PRODUCTS)
        self.orgs: list[_Subject] = []
        self.busy: list[_Subject] = []  # the first rule-breaking enterprises: a few with many records
        self.inds: list[_Subject] = []
        self.persons: list[_Subject] = []
        self.females: list[_Subject] = []
        self.minors: list[_Subject] = []
        self._names: set[str] = set()
        self._codes: set[str] = set()
        self._ids: set[str] = set()
        self._bad = False  # conduct of the subject being built (see _Subject.bad)
        # Adults are 18 on the window's first day; minors are 14–17 on as_of, so under 18 on every decision.
        adult_last = add_months(as_of, -48 - 12 * 18)
        self._births = _birth_texts(as_of)  # YYYYMMDD of every day from 1955-01-01 to as_of
        first = date(1955, 1, 1).toordinal()
        self._adult = (0, min(date(2004, 12, 31), adult_last).toordinal() - first)
        self._rep_born = (0, min(date(1990, 12, 31), adult_last).toordinal() - first)
        self._minor = ((add_months(as_of, -12 * 18) + timedelta(days=1)).toordinal() - first,
                       add_months(as_of, -12 * 14).toordinal() - first)
        self.n_busy = max(3, min(50, size // 200))
        for uid in range(size):
            self._add(uid)
        del self._names, self._codes, self._ids  # only needed while building

    def _pick(self, seq: tuple[Any, ...] | str) -> Any:
        return seq[int(self.rnd() * len(seq))]

    def _add(self, uid: int) -> None:
        dist = self._pick(self.districts)
        r = self.rnd()
        self._bad = self.rnd() < 0.5
        if uid == 7:  # always one minor, so that the privacy rule for minors is exercised (DOMAIN §6)
            self._add_person(uid, dist, minor=True)
        elif r < 0.58:
            self._add_org(uid, _ENT, dist)
        elif r < 0.61:
            self._add_org(uid, _COOP, dist)
        elif r < 0.625:
            self._add_org(uid, _INST, dist)
        elif r < 0.64:
            self._add_org(uid, _SOC, dist)
        elif r < 0.84:
            self._add_ind(uid, dist)
        else:
            self._add_person(uid, dist, minor=self.rnd() < 0.04)

    # people
    def _person_name(self, female: bool) -> str:
        rnd = self.rnd
        given = GIVEN_FEMALE if female else GIVEN_MALE
        name = self._pick(self.surnames) + given[int(rnd() * len(given))]
        return name + given[int(rnd() * len(given))] if rnd() < 0.72 else name

    def _resident_id(self, dist: int, born_range: tuple[int, int], female: bool) -> _Lazy:
        rnd = self.rnd
        lo, hi = born_range
        while True:
            born = self._births[lo + int(rnd() * (hi - lo + 1))]
            gender = int(rnd() * 5) * 2 + (0 if female else 1)  # 17th digit: odd male, even female
            first17 = f"{DISTRICTS[dist][2]}{born}{int(rnd() * 100):02d}{gender}"
            if first17 not in self._ids:  # the check digit follows from the first 17
                self._ids.add(first17)
                return _Lazy(_resident, first17, rnd() < 0.3)

    def _add_person(self, uid: int, dist: int, minor: bool) -> None:
        female = self.rnd() < 0.45
        name = self._person_name(female)
        number = self._resident_id(dist, self._minor if minor else self._adult, female)
        cols = (name, _NATURAL, "", "", "", "", "", "", "", "", "", _ID_CARD, number)
        subject = _Subject(uid, _PER, "PER", "", dist, female, cols, self._bad or minor)
        if minor:
            self.minors.append(subject)
            return
        self.persons.append(subject)
        if female:
            self.females.append(subject)

    def _rep(self, dist: int, with_id: float) -> tuple[str, str, Any]:
        female = self.rnd() < 0.3
        name = self._person_name(female)
        if self.rnd() < with_id:
            return name, _ID_CARD, self._resident_id(dist, self._rep_born, female)
        return name, "", ""

    # organisations
    def _uscc(self, prefix: str, dist: int, old_style: bool) -> tuple[_Lazy, _Lazy]:
        """(USCC, its 9-char organisation code); both check characters follow from the body."""
        rnd = self.rnd
        head = prefix + DISTRICTS[dist][2]
        while True:
            if old_style:
                body = f"{5 + int(rnd() * 3)}{int(rnd() * 10**7):07d}"
            else:
                body = "MA" + "".join(self.rng.choices(CHARSET, k=6))
            if head + body not in self._codes:
                self._codes.add(head + body)
                org = _Lazy(_org_code, body)
                return _Lazy(_uscc_of, head, org), org

    def _claim(self, name: str) -> bool:
        if name in self._names:
            return False
        self._names.add(name)
        return True

    def _add_ind(self, uid: int, dist: int) -> None:
        rnd = self.rnd
        shop, tag = self._pick(self.shops)
        rep, rep_type, rep_id = self._rep(dist, 0.45)
        prefix = DISTRICTS[dist][1]
        r = rnd()
        surname = rep[:2] if rep[:2] in ("欧阳", "司马", "诸葛") else rep[0]
        # 20 % have no trade name: the operator's name is the shop's name
        name = rep if r < 0.2 else f"{prefix}老{surname}{shop}" if r < 0.35 else f"{prefix}{surname}记{shop}" \
            if r < 0.45 else f"{prefix}{self._pick(self.brands)}{shop}"
        while not self._claim(name):
            name = f"{prefix}{self._pick(self.brands)}{self._pick(self.brands)}{shop}"
        if rnd() < 0.06:
            # Registered before 2016: no USCC, the old 15-digit 工商注册号 and the operator's ID identify it.
            reg = f"{DISTRICTS[dist][2]}6{int(rnd() * 10**7):07d}"
            if not rep_id:
                rep_type, rep_id = _ID_CARD, self._resident_id(dist, self._rep_born, False)
            cols = (name, _INDIVIDUAL, "", reg + _mod11_10(reg), "", "", "", "", rep, "", "", rep_type, rep_id)
        else:
            uscc, _org = self._uscc("92", dist, old_style=False)
            cols = (name, _INDIVIDUAL, uscc, "", "", "", "", "", rep, rep_type, rep_id, "", "")
        self.inds.append(_Subject(uid, _IND, tag, SHOP_SCOPES[tag], dist, False, cols, self._bad))

    def _company_name(self, dist: int, ind: str) -> str:
        key, prefix = DISTRICTS[dist][:2]
        form = self._pick(self.forms)
        r = self.rnd()
        b = self._pick(self.brands)
        if r < 0.45:
            name = f"江临市{b}{ind}{form}"
        elif r < 0.62:
            name = f"江临{b}{ind}{form}"
        elif r < 0.76:
            name = f"{prefix}{b}{ind}{form}"
        elif r < 0.86:
            name = f"{b}（江临）{ind}{form}"
        elif r < 0.95:
            name = f"江临市{b}{ind}{form}{key}分公司"
        else:
            name = f"江临{b}{self._pick(self.brands)}{ind}{form}"
        while not self._claim(name):
            name = f"江临{self._pick(self.brands)}{self._pick(self.brands)}{ind}{form}"
        return name

    def _org_name(self, group: str, dist: int) -> tuple[str, str, str, str]:
        """(name, USCC kind prefix, sector tag, business words) of a new organisation."""
        rnd = self.rnd
        prefix, towns = DISTRICTS[dist][1], DISTRICTS[dist][6]
        if group == _COOP:
            product = self._pick(self.coop_products)
            name = f"{prefix}{self._pick(self.brands)}{product}专业合作社"
            if self._claim(name):
                return name, "93", "livestock" if COOP_PRODUCTS[product] else "agri", product
        elif group == _INST:
            pattern, tag = self._pick(INSTITUTIONS)
            town = self._pick(towns).removesuffix("街道")  # 湖滨中学, not 湖滨街道中学
            name = pattern.format(dp=prefix, town=town, n="一二三四五六七八九十"[int(rnd() * 10)])
            if self._claim(name):
                return name, "12", tag, ""
        elif group == _SOC:
            pattern, kind, tag, scope = self._pick(SOCIAL_ORGS)
            name = pattern.format(dp=prefix, brand=self._pick(self.brands), ind=self._pick(self.industries)[0])
            if self._claim(name):
                return name, kind, tag, scope
        # enterprises, and any organisation whose name is taken already
        ind, tag = self._pick(self.industries)
        return self._company_name(dist, ind), "91", tag, ind

    def _add_org(self, uid: int, group: str, dist: int) -> None:
        rnd = self.rnd
        name, kind, tag, biz = self._org_name(group, dist)
        group = _ENT if kind == "91" else _COOP if kind == "93" else _INST if kind == "12" else _SOC
        old_style = rnd() < (0.35 if group == _ENT else 0.6)
        uscc, org = self._uscc(kind, dist, old_style)
        division = DISTRICTS[dist][2]
        code2 = code5 = code6 = ""
        code3: Any = ""
        code4: Any = ""
        r = rnd()  # old codes (代码_2…_6) are rare in current files
        if old_style and r < 0.15:
            code3 = _Lazy(_dashed, org)
        if group == _ENT and old_style and 0.1 < r < 0.35:
            reg = f"{division}0{int(rnd() * 10**7):07d}"
            code2 = reg + _mod11_10(reg)
        if group == _ENT and r > 0.95:
            code4 = _Lazy(_tax_no, division, org)
        if group == _INST and r < 0.4:
            code5 = f"事证第1{division}{int(rnd() * 10**5):05d}号"
        if group == _SOC and r < 0.4:
            code6 = f"{PROVINCE_ABBR}江民证字第{1 + int(rnd() * 2000):04d}号"
        rep, rep_type, rep_id = self._rep(dist, 0.5 if group == _ENT else 0.3)
        cols = (name, _LEGAL, uscc, code2, code3, code4, code5, code6, rep, rep_type, rep_id, "", "")
        subject = _Subject(uid, group, tag, biz, dist, False, cols, self._bad)
        self.orgs.append(subject)
        if group == _ENT and self._bad and len(self.busy) < self.n_busy:
            self.busy.append(subject)


# ----------------------------------------------------------------------------------------------------------
# Placeholders of facts, contents and reasons


class _Ctx:
    """Per-row state the placeholder generators read."""

    __slots__ = ("cal", "day", "rnd", "subj", "vals")

    def __init__(self, cal: _Calendar, rnd: Callable[[], float]) -> None:
        self.cal = cal
        self.rnd = rnd
        self.day = cal.last
        self.subj: _Subject | None = None
        self.vals: dict[str, str] = {}


def _ri(lo: int, hi: int) -> Callable[[_Ctx], str]:
    return lambda c: str(lo + int(c.rnd() * (hi - lo + 1)))


def _rf(lo: float, hi: float, digits: int) -> Callable[[_Ctx], str]:
    return lambda c: f"{lo + c.rnd() * (hi - lo):.{digits}f}"


def _ev(c: _Ctx) -> int:
    # the violation happened 3–120 days before the decision
    return c.day - 3 - int(c.rnd() * 118)


def _place(c: _Ctx) -> str:
    d = DISTRICTS[c.subj.dist if c.subj else 0]
    roads = d[5]
    return f"{d[1]}{roads[int(c.rnd() * len(roads))]}{1 + int(c.rnd() * 388)}号"


def _village(c: _Ctx) -> str:
    d = DISTRICTS[c.subj.dist if c.subj else 4]
    towns = d[6]
    return f"{d[1]}{towns[int(c.rnd() * len(towns))]}{VILLAGES[int(c.rnd() * len(VILLAGES))]}村"


def _road(c: _Ctx) -> str:
    d = DISTRICTS[c.subj.dist if c.subj else 0]
    return d[1] + d[5][int(c.rnd() * len(d[5]))]


def _plate(c: _Ctx) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    rnd = c.rnd
    return PLATE_PREFIX + chars[10 + int(rnd() * 24)] + "".join(chars[int(rnd() * 10)] for _ in range(4))


def _overload(c: _Ctx) -> str:
    limit = (18, 25, 31, 43, 49)[int(c.rnd() * 5)]
    over = round(0.6 + c.rnd() * limit * 0.6, 1)
    return f"车货总质量{limit + over:.1f}吨，超过规定限值{limit}吨，超限{over:.1f}吨"


def _farm_scale(c: _Ctx) -> str:
    scale = COOP_PRODUCTS.get(c.subj.biz if c.subj else "") or "设计存栏{n}00头"
    return scale.format(n=2 + int(c.rnd() * 29))


_GENERATORS: dict[str, Callable[[_Ctx], str]] = {
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


def _fields(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name))
    unknown = [name for name in names if name not in _GENERATORS]
    if unknown:
        raise ValueError(f"demo vocabulary uses unknown placeholders {unknown} in {text!r}")
    return names


def _fill(text: str, names: tuple[str, ...], c: _Ctx) -> str:
    if not names:
        return text
    vals = c.vals
    for name in names:
        if name not in vals:
            vals[name] = _GENERATORS[name](c)
    return text.format_map(vals)


# ----------------------------------------------------------------------------------------------------------
# World: departments, calendar and subjects of one generate_rows call


_LOCAL_OFFICES = {"scjg": 0.7, "tax": 0.9, "gaj": 1.0}  # share of decisions taken by district offices


class _World:
    def __init__(self, seed: int, as_of: date, count: int) -> None:
        self.cal = _Calendar(as_of)
        self.city, self.local, self.courts = _departments()
        self.pool = _Pool(seed, as_of, min(MAX_SUBJECTS, max(60, count // _RECORDS_PER_SUBJECT)))
        self.p_busy = min(0.12, 40 * self.pool.n_busy / count)
        self.counters: dict[tuple[str, str, int], int] = {}
        self._members: dict[tuple[int, int], list[_Subject]] = {}
        self._tagged: dict[tuple[int, int, frozenset[str]], list[_Subject]] = {}

    def members(self, group: int, conduct: int) -> list[_Subject]:
        """Group 0 organisations, 1 个体工商户, 2 adults, 3 adult women; conduct 0 any, 1 bad, 2 good."""
        key = (group, conduct)
        found = self._members.get(key)
        if found is None:
            pool = self.pool
            everyone = (pool.orgs, pool.inds, pool.persons, pool.females)[group] or pool.orgs or pool.inds
            found = everyone if conduct == 0 else [s for s in everyone if s.bad == (conduct == 1)] or everyone
            self._members[key] = found
        return found

    def pick(self, rnd: Callable[[], float], group: int, conduct: int = 0) -> _Subject:
        """A subject of a group (see members); lower indexes more often, busy enterprises most often."""
        if group == 0 and conduct != 2 and self.pool.busy and rnd() < self.p_busy:
            return self.pool.busy[int(rnd() * len(self.pool.busy))]
        lst = self.members(group, conduct)
        return lst[int(len(lst) * rnd() ** 1.4)]

    def pick_tagged(self, rnd: Callable[[], float], group: int, conduct: int, tags: frozenset[str]) -> _Subject:
        """Like pick, among the organisations (0) or 个体工商户 (1) of the given sectors."""
        key = (group, conduct, tags)
        fitting = self._tagged.get(key)
        if fitting is None:
            fitting = self._tagged[key] = [s for s in self.members(group, conduct) if s.tag in tags]
        if not fitting:
            return self.pick(rnd, group, conduct)
        return fitting[int(len(fitting) * rnd() ** 1.4)]

    def dept(self, key: str, subj: _Subject, rnd: Callable[[], float]) -> _Dept:
        """The authority: for 市场监管, 税务 and 公安 mostly the office of the subject's district."""
        share = _LOCAL_OFFICES.get(key)
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
            left, right = _BRACKETS[int(r * 133)]
            text = text.replace("〔", left).replace("〕", right)
        return text


def _messy(m: float) -> tuple[int, bool]:
    """One draw decides a row's rare quirks: (date style, full-width USCC) — 3 % other date formats, 1 % full width."""
    return (1 + int(m * 133.34) if m < 0.03 else 0), 0.03 <= m < 0.04


def _subject_index(templates: tuple[Any, ...], subj: _Subject) -> tuple[Any, ...]:
    tags = {subj.group, subj.tag}
    if subj.group in _ORG_GROUPS:
        tags.add("ORG")
    return tuple(t for t in templates if tags & t.tags for _ in range(t.w))


# ----------------------------------------------------------------------------------------------------------
# Penalties

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
        self.facts_fields = _fields(self.facts)
        self.basis: str = spec["basis"]
        self.w: int = spec["w"]
        self.light = tuple(tuple(c.split("；")) for c in spec["light"])
        self.normal = tuple(tuple(c.split("；")) for c in spec["normal"])
        self.serious = tuple(tuple(c.split("；")) for c in spec["serious"])
        self.licence: str = spec.get("licence", "许可证")
        self.goods: str = spec.get("goods", "没收非法财物")
        self.other: str = spec.get("other", "责令改正")
        self.limit: str = spec.get("limit", "限制开展生产经营活动六个月")
        self.limit_fields = _fields(self.limit)
        fine = spec["fine"]
        self.fine_multiple: tuple[str, float, float] | None = None
        self.fines: tuple[tuple[str, str], ...] = ()
        if fine and fine[0] == "x":
            self.fine_multiple = (fine[1], fine[2], fine[3])
            _fields("{" + fine[1] + "}")
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
    return tuple(_PenaltyTemplate(spec) for spec in (*_TEMPLATES_1, *_TEMPLATES_2, *_TEMPLATES_3))


class _PenaltyIndex:
    """Templates that fit a subject, per severity (light/normal/serious), cached per (group, tag)."""

    def __init__(self) -> None:
        self.templates = _penalty_templates()
        self.cache: dict[tuple[str, str], tuple[tuple[Any, ...], ...]] = {}
        minor = [t for t in self.templates if "MINOR" in t.tags]
        self.minor = (tuple(t for t in minor if t.light) or tuple(minor), tuple(minor), tuple(minor))

    def get(self, subj: _Subject) -> tuple[tuple[Any, ...], ...]:
        key = (subj.group, subj.tag)
        found = self.cache.get(key)
        if found is None:
            fitting = _subject_index(self.templates, subj)
            normal = fitting or _subject_index(self.templates, _Subject(0, _ENT, "ORG", "", 0, False, ()))
            light = tuple(t for t in normal if t.light) or normal
            serious = tuple(t for t in normal if t.serious) or normal
            found = self.cache[key] = (light, normal, serious)
        return found


def _penalty_rows(world: _World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    pool = world.pool
    index = _PenaltyIndex()
    later = cal.later
    ctx = _Ctx(cal, rnd)
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
        facts = _fill(tpl.facts, tpl.facts_fields, ctx)
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
                    base = float(_fill("{" + name + "}", (name,), ctx))
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
                gain = int(_fill("{gain}", ("gain",), ctx))
                seized += gain
                content.append(f"没收违法所得{gain}元")
            elif part == "没收非法财物":
                # the column holds 违法所得 and 非法财物 together; goods are valued at their 货值 when known
                seized += int(ctx.vals.get("value") or ctx.vals.get("value2") or 100 + int(rnd() * 5_000))
                content.append(tpl.goods)
            elif part in ("暂扣许可证件", "吊销许可证件"):
                licence = tpl.licence + _licence_number(tpl.licence, subj, d, rnd)
                if part == "暂扣许可证件":
                    months = 1 + int(rnd() * 6)
                    until = later(day, months)
                    content.append(f"暂扣{tpl.licence}{months}个月")
                else:
                    content.append(f"吊销{tpl.licence}")
            elif part == "降低资质等级":
                content.append(f"降低{tpl.licence.removesuffix('证书')}等级")
            elif part in ("限制开展生产经营活动", "限制从业"):
                text = _fill(tpl.limit, tpl.limit_fields, ctx)
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
        style, wide = _messy(m)
        sep = "；" if not 0.05 <= m < 0.15 else "、" if m < 0.1 else ";"
        dept = world.dept(tpl.dept, subj, rnd) if tpl.dept in _LOCAL_OFFICES else world.city[tpl.dept]
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
            name, cols[1], cols[2].translate(_FULL_WIDTH) if wide else cols[2], *cols[3:],
            doc, tpl.kind, facts, tpl.basis, sep.join(combo), "，".join(content), fine, confiscated, licence,
            _fmt_date(d, style) if style else cal.iso[day],
            _fmt_date(until, style) if until else "",
            _fmt_date(publicity, style) if publicity else "",
            dept.name, dept.uscc, source.name, source.uscc, level, remark,
        ), strict=True))


# ----------------------------------------------------------------------------------------------------------
# Certificate numbers (permits, and licences named in penalties)


def _seq(rnd: Callable[[], float], digits: int) -> str:
    return f"{int(rnd() * 10**digits):0{digits}d}"


def _number(kind: str, subj: _Subject, d: date, rnd: Callable[[], float]) -> str:
    division = DISTRICTS[subj.dist][2]
    y = d.year
    if kind == "jy":
        return f"JY{1 + int(rnd() * 2)}{division}{_seq(rnd, 6)}{int(rnd() * 10)}"
    if kind == "sc":
        return f"SC{(101, 106, 110, 111, 103)[int(rnd() * 5)]}{division}{_seq(rnd, 5)}"
    if kind == "drug":
        return f"{PROVINCE_ABBR}{('AA', 'CB', 'DA', 'DB')[int(rnd() * 4)]}{division[2:]}{_seq(rnd, 4)}"
    if kind == "device":
        return f"{PROVINCE_ABBR}江药监械经营许{y}{_seq(rnd, 4)}号"
    if kind.startswith("equip"):  # equip梯 / equip容 …: the register's code of the equipment kind
        return f"{kind[5:] or '梯'}11{PROVINCE_ABBR}P{_seq(rnd, 5)}({y % 100:02d})"
    if kind == "uscc":
        return subj.cols[2] or subj.cols[3]
    if kind == "pw":
        base = subj.cols[2] or f"{division}{_seq(rnd, 12)}"
        return f"{base}00{1 + int(rnd() * 3)}{('P', 'Q', 'U', 'V', 'W', 'X')[int(rnd() * 6)]}"
    if kind == "sg":
        return f"{division}{d:%Y%m%d}{_seq(rnd, 2)}01"
    if kind == "zz":
        return f"D3{division}{_seq(rnd, 3)}"
    if kind == "road":
        return f"{PROVINCE_ABBR}交运管许可江字{division}{_seq(rnd, 6)}号"
    if kind == "zg":
        return f"ZG{CITY_CODE}{y}{_seq(rnd, 6)}"
    if kind in ("whj", "yh", "aq"):
        safety = {"construction": "JZ安许证字", "mining": "FM安许证字"}.get(subj.tag, "WH安许证字")
        word = {"whj": "危化经字", "yh": "YH经许证字", "aq": safety}[kind]
        return f"（{PROVINCE_ABBR}江）{word}〔{y}〕{_seq(rnd, 6)}"
    if kind == "gcws":
        return f"{PROVINCE_ABBR}卫公证字〔{y}〕第{division}{_seq(rnd, 6)}号"
    if kind == "ck":
        return f"C{division}{y}{_seq(rnd, 11)}"
    if kind in ("gh", "xc"):
        return f"{'建字' if kind == 'gh' else '乡字'}第{division}{y}{_seq(rnd, 5)}号"
    if kind == "yc":
        return f"{division}{_seq(rnd, 6)}"
    if kind == "lx":
        return f"L-HUN-{_seq(rnd, 5)}"
    return f"{division}{y}{_seq(rnd, 6)}"


_LICENCE_NUMBERS = {"食品经营许可证": "jy", "药品经营许可证": "drug", "营业执照": "uscc", "旅行社业务经营许可证": "lx",
                    "建筑业企业资质证书": "zz", "安全生产许可证": "aq"}


def _licence_number(licence: str, subj: _Subject, d: date, rnd: Callable[[], float]) -> str:
    kind = _LICENCE_NUMBERS.get(licence, "")
    if kind == "uscc" and not (subj.cols[2] or subj.cols[3]):
        kind = ""
    return _number(kind, subj, add_months(d, -24), rnd)


# ----------------------------------------------------------------------------------------------------------
# Permits


class _PermitTemplate:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.__dict__.update(spec)
        self.tags = frozenset(spec["tags"])
        self.fields = tuple(_fields(text) for text in spec["contents"])


@cache
def _permit_templates() -> tuple[_PermitTemplate, ...]:
    return tuple(_PermitTemplate(spec) for spec in PERMITS)


_EQUIPMENT_CODES = (("电梯", "梯"), ("压力容器", "容"), ("叉车", "车"), ("起重", "起"))
# Departments whose permits the 行政审批服务局 issues in some cases (相对集中行政许可).
_DELEGATED = frozenset({"scjg", "zjj", "jtys", "wjw", "rsj", "nyj", "wlj", "sthj"})


def _permit_rows(world: _World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    as_of = cal.as_of
    templates = _permit_templates()
    cache: dict[tuple[str, str], tuple[Any, ...]] = {}
    ctx = _Ctx(cal, rnd)
    header = PERMIT_HEADER
    for _ in range(count):
        g = rnd()
        subj = world.pick(rnd, 0 if g < 0.6 else 1 if g < 0.85 else 2)
        key = (subj.group, subj.tag)
        choices = cache.get(key)
        if choices is None:
            choices = cache[key] = _subject_index(templates, subj) or _subject_index(
                templates, _Subject(0, _ENT, "trade", "", 0, False, ()))
        tpl = choices[int(rnd() * len(choices))]
        day = cal.draw(rnd)
        d = cal.dates[day]
        ctx.day, ctx.subj, ctx.vals = day, subj, {}
        k = int(rnd() * len(tpl.contents))
        content = _fill(tpl.contents[k], tpl.fields[k], ctx)
        # registrations are made where the business is registered: the district office
        dept = world.local["scjg", subj.dist] if tpl.category == "登记" and tpl.dept == "scjg" \
            else world.dept(tpl.dept, subj, rnd)
        issuer = world.city["spj"] if tpl.dept in _DELEGATED and dept.key != "scjg" and rnd() < 0.2 else dept
        if issuer is dept and dept.key == "scjg" and dept is world.city["scjg"] and rnd() < 0.15:
            issuer = world.city["spj"]
        doc = world.doc_no(issuer.abbr + tpl.doc, d.year, rnd)
        title = PERMITS_DECISION_TITLE if tpl.category != "登记" and rnd() < 0.1 else tpl.title
        kind = tpl.number
        if kind == "equip":
            kind += next((code for word, code in _EQUIPMENT_CODES if word in content), "梯")
        number = _number(kind, subj, d, rnd) if kind else ""
        first = day if rnd() < 0.85 else min(cal.last, day + 1 + int(rnd() * 5))  # valid from
        start = cal.dates[first]
        months = tpl.months[int(rnd() * len(tpl.months))]
        style, wide = _messy(rnd())
        if months == 0:
            end, end_text = None, "长期" if rnd() < 0.3 else _LONG_TERM
        else:
            end, end_text = cal.until(first, months)
            if style:
                end_text = _fmt_date(end, style)
        remark = ""
        if end is not None and end < as_of:
            state, remark = "2", "有效期届满未延续" if rnd() < 0.9 else "有效期届满，依法注销"
        elif rnd() < 0.06 and start < as_of:
            state = "2"
            off = start + timedelta(days=1 + int(rnd() * (as_of - start).days))
            remark = f"{off.isoformat()}{INVALID_REMARKS[int(rnd() * len(INVALID_REMARKS))]}"
        else:
            state = "1"
            if rnd() < 0.03:
                remark = "延续许可" if tpl.category != "登记" else "变更登记"
        source = world.city["scjg"] if issuer.key == "scjg" and issuer is not world.city["scjg"] and rnd() < 0.2 \
            else issuer
        cols = subj.cols
        yield dict(zip(header, (
            cols[0], cols[1], cols[2].translate(_FULL_WIDTH) if wide else cols[2], *cols[3:],
            title, doc, tpl.category, tpl.cert, number, content,
            _fmt_date(d, style) if style else cal.iso[day], _fmt_date(start, style) if style else cal.iso[first],
            end_text,
            issuer.name, issuer.uscc, state, source.name, source.uscc, remark,
        ), strict=True))


# ----------------------------------------------------------------------------------------------------------
# List entries


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
                               tuple(_fields(text) for text in spec["reasons"]), _fields(spec["remark"])))
    return tuple(types)


class _Batch:
    """One shared recognition document (e.g. an annual A-level list) and the subjects already on it."""

    __slots__ = ("day", "dept", "doc", "left", "members")

    def __init__(self, doc: str, day: int, dept: _Dept, size: int) -> None:
        self.doc, self.day, self.dept, self.left = doc, day, dept, size
        self.members: set[int] = set()


def _list_day(world: _World, spec: dict[str, Any], rnd: Callable[[], float]) -> int:
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


def _list_rows(world: _World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    types = _list_types()
    weighted = tuple(t for t in types for _ in range(t.spec["w"]))
    first = list(range(len(types)))
    rng.shuffle(first)  # every list type appears once among the first len(types) rows
    batches: dict[tuple[str, int], _Batch] = {}
    ctx = _Ctx(cal, rnd)
    header = LIST_HEADER

    def choose(spec: dict[str, Any], group: int, conduct: int) -> _Subject:
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
        reason = _fill(spec["reasons"][k], lt.reason_fields[k], ctx)
        remark = _fill(spec["remark"], lt.remark_fields, ctx)
        months = spec["months"][int(rnd() * len(spec["months"]))]
        if "y13" in ctx.vals:  # "3年内禁止参加政府采购活动": listed for those years
            months = 12 * int(ctx.vals["y13"])
        if months == 0:
            end, end_text = None, "长期" if rnd() < 0.5 else _LONG_TERM
        elif months < 0 or rnd() < 0.01:
            end, end_text = None, ""
        else:
            end = cal.until(day, months)[0]
            end_text = ""
        style, wide = _messy(rnd())
        if end is not None:
            end_text = _fmt_date(end, style)
        removed = removal = ""
        share = 0.25 if lt.category == "重点关注名单" else 0.08
        if day < cal.last and rnd() < share:
            last = cal.last if end is None else min(cal.last, (end - cal.dates[0]).days)
            if last > day:
                removed = _fmt_date(cal.dates[day + 1 + int(rnd() * (last - day))], style)
                reasons = REMOVAL_REASONS.get(lt.category, REMOVAL_REASONS["重点关注名单"])
                removal = reasons[int(rnd() * len(reasons))]
        cols = subj.cols
        if subj.group == _PER or (subj.group == _IND and not cols[2]):  # the person's or the operator's ID
            id_type, id_no = cols[11], cols[12]
        else:  # the legal representative's
            id_type, id_no = cols[9], cols[10]
        yield dict(zip(header, (
            lt.category, lt.name, cols[0], cols[1], cols[2].translate(_FULL_WIDTH) if wide else cols[2], cols[8],
            id_type, id_no,
            reason, lt.basis, doc, dept.name, dept.uscc, _fmt_date(d, style) if style else cal.iso[day], end_text,
            removed, removal, dept.name, dept.uscc, remark,
        ), strict=True))
