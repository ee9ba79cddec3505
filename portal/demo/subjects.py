"""Subjects: their groups, the Subject record, the word tables names are drawn from."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from portal.demo.identifiers import LazyCode
from portal.demo.vocab.common import (
    BRAND_EXCLUDED,
    BRAND_FIRST,
    BRAND_SECOND,
    COMPANY_FORMS,
    DISTRICTS,
    INDUSTRIES,
    SHOPS,
    SURNAMES,
)

ENT, IND, COOP, INST, SOC, PER = "ENT", "IND", "COOP", "INST", "SOC", "PER"
_ORG_GROUPS = frozenset({ENT, COOP, INST, SOC})


class Subject:
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
            self._cols = tuple(c.value() if isinstance(c, LazyCode) else c for c in self._raw)
            self._raw = None
        return self._cols


def weighted(pairs: Any) -> tuple[Any, ...]:
    """Expand (item, weight) pairs into a tuple to draw from uniformly."""
    return tuple(item for item, weight in pairs for _ in range(weight))


@cache
def name_tables() -> dict[str, tuple[Any, ...]]:
    brands = tuple(a + b for a in BRAND_FIRST for b in BRAND_SECOND if a != b and a + b not in BRAND_EXCLUDED)
    return {
        "surnames": weighted(SURNAMES),
        "brands": brands,
        "industries": weighted(((w, t), n) for w, t, n in INDUSTRIES),
        "forms": weighted(COMPANY_FORMS),
        "shops": weighted(((w, t), n) for w, t, n in SHOPS),
        "districts": weighted((i, d[4]) for i, d in enumerate(DISTRICTS)),
    }


@lru_cache(maxsize=2)
def birth_texts(as_of: date) -> tuple[str, ...]:
    first = date(1955, 1, 1)
    return tuple(f"{d:%Y%m%d}" for d in (first + timedelta(days=k) for k in range((as_of - first).days + 1)))


def fitting_templates(templates: tuple[Any, ...], subj: Subject) -> tuple[Any, ...]:
    tags = {subj.group, subj.tag}
    if subj.group in _ORG_GROUPS:
        tags.add("ORG")
    return tuple(t for t in templates if tags & t.tags for _ in range(t.w))
