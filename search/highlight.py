"""Highlighting: escape first, then insert <mark>; the only source of "safe" HTML in search results.

The text is matched in its normal form (search.analysis.normalize, character by character) so that a full-width or
Traditional query marks the original characters, and the fragment shown is cut from the original text.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from search.analysis import MIN_PREFIX_CODE, AnalyzedQuery, fold, to_simplified

ELLIPSIS = "…"


def needles(query: AnalyzedQuery) -> list[str]:
    """What to mark for a query: its terms (bigrams, lone characters, Latin/digit tokens) and its identifier."""
    found = [t for t in query.terms if t]
    if query.ident and len(query.ident) > 2:
        found.append(query.ident)
    return found


def _is_latin_or_digit(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _normal_chars(text: str) -> tuple[str, list[int] | range]:
    """Normalised text plus, for each of its characters, the index of the original character it came from."""
    joined = fold(text)
    origin: list[int] | range
    if len(joined) == len(text):  # the usual case: folding kept every character in place (fast path, C code)
        origin = range(len(text))
    else:  # something expanded (㈱ → (株)): fold character by character to know where each piece came from
        parts: list[str] = []
        origin = []
        for i, ch in enumerate(text):
            folded = fold(ch)
            parts.append(folded)
            origin.extend([i] * len(folded))
        joined = "".join(parts)
    simplified = to_simplified(joined)
    if len(simplified) == len(joined):  # t2s is character for character except in rare phrases
        joined = simplified
    return joined, origin


def marked_positions(text: str, terms: Sequence[str]) -> list[bool]:
    """For each character of `text`, whether a term covers it.

    Latin/digit terms match whole tokens only, except that long ones (codes) may be a token's beginning.
    """
    normal, origin = _normal_chars(text)
    marked = [False] * len(text)
    for term in terms:
        if not term:
            continue
        whole_token = term.isascii() and term.isalnum()
        prefix_ok = whole_token and len(term) >= MIN_PREFIX_CODE
        start = normal.find(term)
        while start != -1:
            end = start + len(term)
            if not whole_token or (
                (start == 0 or not _is_latin_or_digit(normal[start - 1]))
                and (prefix_ok or end == len(normal) or not _is_latin_or_digit(normal[end]))
            ):
                for j in range(start, end):
                    marked[origin[j]] = True
            start = normal.find(term, start + 1)
    return marked


def highlight(text: str, terms: Sequence[str], *, width: int = 80, context: int = 20,
              marked: list[bool] | None = None) -> Markup:  # fmt: skip
    """`text` escaped, with each run of matched characters in <mark>, cut to about `width` characters.

    The fragment starts `context` characters before the first match, with … where text was cut. `marked` may
    pass the marked_positions already computed for this text and these terms.
    """
    text = text or ""
    if marked is None:
        marked = marked_positions(text, terms)
    start, end = 0, len(text)
    if len(text) > width:
        first = next((i for i, m in enumerate(marked) if m), 0)
        start = max(0, min(first - context, len(text) - width))
        end = start + width
    out = [ELLIPSIS if start > 0 else ""]
    i = start
    while i < end:
        j = i
        while j < end and marked[j] == marked[i]:
            j += 1
        piece = escape(text[i:j])
        out.append(f"<mark>{piece}</mark>" if marked[i] else str(piece))
        i = j
    out.append(ELLIPSIS if end < len(text) else "")
    return Markup("".join(out))  # noqa: S704 - every piece of text above went through escape()


def marked_count(text: str, terms: Sequence[str]) -> int:
    return sum(marked_positions(text or "", terms))
