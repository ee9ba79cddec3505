"""The relaxed form of a query: every word must match, in any order, instead of the whole text contiguously.

The strict query of 江临水务 needs the bigrams 江临 临水 水务, so 江临市锦丰水务有限公司 (no 临水) is missed. Relaxed,
the query is cut by jieba into words; runs of single characters that jieba did not recognise (place names such as
江临 come out as 江 / 临) are joined again, and each piece contributes only its own bigrams: 江临 AND 水务. The
strict query implies the relaxed one, so the relaxed result always contains the strict one.
"""

from __future__ import annotations

import dataclasses

from search import analysis
from search.analysis import MAX_QUERY_TERMS, AnalyzedQuery


def _pieces(run: str) -> list[str]:
    """jieba's words of one CJK run, with neighbouring single characters joined back together."""
    out: list[str] = []
    single = ""
    for word in analysis._segments(run):
        if len(word) == 1:
            single += word
            continue
        if single:
            out.append(single)
            single = ""
        out.append(word)
    if single:
        out.append(single)
    return out


def relax(q: AnalyzedQuery) -> AnalyzedQuery | None:
    """The relaxed query, or None when it would be the same as the strict one (nothing to retry)."""
    if not q.terms or q.ident_kind is not None:
        return None
    terms: list[str] = []
    prefixes: set[str] = set()
    for cjk, alnum in analysis._RUNS.findall(q.text):
        if not cjk:
            terms.append(alnum[: analysis.MAX_TOKEN_CHARS])
            continue
        for piece in _pieces(cjk):
            if len(piece) == 1:
                terms.append(piece)
                prefixes.add(piece)  # as in the strict query: a lone character matches the bigrams it starts
            else:
                terms.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    relaxed = tuple(dict.fromkeys(terms))[:MAX_QUERY_TERMS]
    if not relaxed or relaxed == q.terms:
        return None
    return dataclasses.replace(q, terms=relaxed, prefix_terms=frozenset(prefixes & set(relaxed)))
