"""The subject pool: one stream of subjects per seed, shared by the penalty, permit and list rows."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from portal.demo.identifiers import LazyCode, dashed_org_code, mod11_10, org_code, resident_number, tax_no, uscc_of
from portal.demo.subjects import COOP, ENT, IND, INST, PER, SOC, Subject, birth_texts, name_tables
from portal.demo.vocab.common import (
    COOP_PRODUCTS,
    DISTRICTS,
    GIVEN_FEMALE,
    GIVEN_MALE,
    INSTITUTIONS,
    PROVINCE_ABBR,
    SHOP_SCOPES,
    SOCIAL_ORGS,
)
from portal.domain.dates import add_months
from portal.domain.uscc import CHARSET

_SUBJECT_OFFSET = 9_000  # the subject stream is shared by the three kinds: one company, several records
_LEGAL, _INDIVIDUAL, _NATURAL = "法人及非法人组织", "个体工商户", "自然人"
_ID_CARD = "身份证"


class SubjectPool:
    """Subjects by group: organisations, 个体工商户, adults, minors, and the busy enterprises.

    Subject k depends only on the seed, as_of and k (never on the pool size), so the penalty, permit and
    list rows of one seed share their subjects: a company has penalties, permits and list entries.
    """

    def __init__(self, seed: int, as_of: date, size: int) -> None:
        self.rng = Random(seed + _SUBJECT_OFFSET)
        self.rnd = self.rng.random
        t = name_tables()
        self.surnames, self.brands, self.industries = t["surnames"], t["brands"], t["industries"]
        self.forms, self.shops, self.districts = t["forms"], t["shops"], t["districts"]
        self.coop_products = tuple(COOP_PRODUCTS)
        self.orgs: list[Subject] = []
        self.busy: list[Subject] = []  # the first rule-breaking enterprises: a few with many records
        self.inds: list[Subject] = []
        self.persons: list[Subject] = []
        self.females: list[Subject] = []
        self.minors: list[Subject] = []
        self._names: set[str] = set()
        self._codes: set[str] = set()
        self._ids: set[str] = set()
        self._bad = False  # conduct of the subject being built (see Subject.bad)
        # Adults are 18 on the window's first day; minors are 14–17 on as_of, so under 18 on every decision.
        adult_last = add_months(as_of, -48 - 12 * 18)
        self._births = birth_texts(as_of)  # YYYYMMDD of every day from 1955-01-01 to as_of
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
            self._add_org(uid, ENT, dist)
        elif r < 0.61:
            self._add_org(uid, COOP, dist)
        elif r < 0.625:
            self._add_org(uid, INST, dist)
        elif r < 0.64:
            self._add_org(uid, SOC, dist)
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

    def _resident_id(self, dist: int, born_range: tuple[int, int], female: bool) -> LazyCode:
        rnd = self.rnd
        lo, hi = born_range
        while True:
            born = self._births[lo + int(rnd() * (hi - lo + 1))]
            gender = int(rnd() * 5) * 2 + (0 if female else 1)  # 17th digit: odd male, even female
            first17 = f"{DISTRICTS[dist][2]}{born}{int(rnd() * 100):02d}{gender}"
            if first17 not in self._ids:  # the check digit follows from the first 17
                self._ids.add(first17)
                return LazyCode(resident_number, first17, rnd() < 0.3)

    def _add_person(self, uid: int, dist: int, minor: bool) -> None:
        female = self.rnd() < 0.45
        name = self._person_name(female)
        number = self._resident_id(dist, self._minor if minor else self._adult, female)
        cols = (name, _NATURAL, "", "", "", "", "", "", "", "", "", _ID_CARD, number)
        subject = Subject(uid, PER, "PER", "", dist, female, cols, self._bad or minor)
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
    def _uscc(self, prefix: str, dist: int, old_style: bool) -> tuple[LazyCode, LazyCode]:
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
                org = LazyCode(org_code, body)
                return LazyCode(uscc_of, head, org), org

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
            cols = (name, _INDIVIDUAL, "", reg + mod11_10(reg), "", "", "", "", rep, "", "", rep_type, rep_id)
        else:
            uscc, _org = self._uscc("92", dist, old_style=False)
            cols = (name, _INDIVIDUAL, uscc, "", "", "", "", "", rep, rep_type, rep_id, "", "")
        self.inds.append(Subject(uid, IND, tag, SHOP_SCOPES[tag], dist, False, cols, self._bad))

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
        if group == COOP:
            product = self._pick(self.coop_products)
            name = f"{prefix}{self._pick(self.brands)}{product}专业合作社"
            if self._claim(name):
                return name, "93", "livestock" if COOP_PRODUCTS[product] else "agri", product
        elif group == INST:
            pattern, tag = self._pick(INSTITUTIONS)
            town = self._pick(towns).removesuffix("街道")  # 湖滨中学, not 湖滨街道中学
            name = pattern.format(dp=prefix, town=town, n="一二三四五六七八九十"[int(rnd() * 10)])
            if self._claim(name):
                return name, "12", tag, ""
        elif group == SOC:
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
        group = ENT if kind == "91" else COOP if kind == "93" else INST if kind == "12" else SOC
        old_style = rnd() < (0.35 if group == ENT else 0.6)
        uscc, org = self._uscc(kind, dist, old_style)
        division = DISTRICTS[dist][2]
        code2 = code5 = code6 = ""
        code3: Any = ""
        code4: Any = ""
        r = rnd()  # old codes (代码_2…_6) are rare in current files
        if old_style and r < 0.15:
            code3 = LazyCode(dashed_org_code, org)
        if group == ENT and old_style and 0.1 < r < 0.35:
            reg = f"{division}0{int(rnd() * 10**7):07d}"
            code2 = reg + mod11_10(reg)
        if group == ENT and r > 0.95:
            code4 = LazyCode(tax_no, division, org)
        if group == INST and r < 0.4:
            code5 = f"事证第1{division}{int(rnd() * 10**5):05d}号"
        if group == SOC and r < 0.4:
            code6 = f"{PROVINCE_ABBR}江民证字第{1 + int(rnd() * 2000):04d}号"
        rep, rep_type, rep_id = self._rep(dist, 0.5 if group == ENT else 0.3)
        cols = (name, _LEGAL, uscc, code2, code3, code4, code5, code6, rep, rep_type, rep_id, "", "")
        subject = Subject(uid, group, tag, biz, dist, False, cols, self._bad)
        self.orgs.append(subject)
        if group == ENT and self._bad and len(self.busy) < self.n_busy:
            self.busy.append(subject)
