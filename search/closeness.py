"""Is a "did you mean" name close enough to what was typed to be worth offering? (issue 18)

The engine finds candidate names that share *some* bigram with the query. That alone is noise: 不存在的某某公司
shares 公司 with every company. A candidate is offered only when, after the words every organisation name holds
(有限公司, 集团, 分公司 …) are set aside on both sides,

- most of the query's remaining characters occur in the name (`char_overlap` >= MIN_OVERLAP), and
- the query is a near copy of some stretch of the name: the edit distance to the best matching substring of
  the name is at most MAX_EDIT_SHARE of the query's length (one typo in three characters), at least one edit.

So 江林水务 → 株洲江临水务有限公司 (one wrong character in four) and 株洲示列食品 → 株洲示例食品有限公司 are offered;
不存在的某某公司 and 完全无关 are not. Pure functions: normalised text in, numbers and booleans out.
"""

from __future__ import annotations

import re

from search.analysis import normalize

MIN_OVERLAP = 0.6  # share of the query's distinctive characters that must occur in the name
MAX_EDIT_SHARE = 1 / 3  # edits allowed per query character against the best substring of the name
MIN_DISTINCT = 2  # a query of fewer distinctive characters gets no did-you-mean (too little to judge)

# Generic parts of organisation names, longest first so that 有限责任公司 goes before 公司.
GENERIC_WORDS = (
    "股份有限公司", "有限责任公司", "有限公司", "分公司", "子公司", "总公司", "公司", "集团", "合作社",
    "个体工商户", "经营部", "门市部", "商行", "工作室", "中心", "有限", "责任", "股份",
)  # fmt: skip
_GENERIC = re.compile("|".join(map(re.escape, GENERIC_WORDS)))
_NOT_WORD = re.compile(r"[\W_]+")


def distinctive(text: str) -> str:
    """The text normalised, without punctuation, spaces and the generic words of organisation names."""
    return _GENERIC.sub("", _NOT_WORD.sub("", normalize(text)))


def char_overlap(query: str, name: str) -> float:
    """Share of the query's characters (with repeats) that the name holds, 0.0 … 1.0."""
    if not query:
        return 0.0
    pool = list(name)
    found = 0
    for ch in query:
        if ch in pool:
            pool.remove(ch)
            found += 1
    return found / len(query)


def substring_distance(query: str, name: str) -> int:
    """Fewest edits (insert, delete, substitute) turning `query` into some substring of `name` (Sellers'
    semi-global alignment: a free start and end in the name)."""
    previous = [0] * (len(name) + 1)  # an empty query matches the empty substring anywhere
    for i, qc in enumerate(query, start=1):
        current = [i] + [0] * len(name)
        for j, nc in enumerate(name, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (qc != nc))
        previous = current
    return min(previous)


def is_close(query: str, name: str) -> bool:
    """True when `name` is a plausible correction of `query` (see the module docstring)."""
    q, n = distinctive(query), distinctive(name)
    if len(q) < MIN_DISTINCT or not n or q == n:
        return False
    if char_overlap(q, n) < MIN_OVERLAP:
        return False
    return substring_distance(q, n) <= max(1, int(len(q) * MAX_EDIT_SHARE))
