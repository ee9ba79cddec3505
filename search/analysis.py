"""The only tokenizer: normalisation (NFKC, lower case, Traditional→Simplified) and the terms of indexing and querying.

Every backend indexes `index_terms()` and queries with `analyze_query()`, so a document and a query are always cut
the same way. CJK runs become overlapping character bigrams (plus the run's last character alone), which makes every
fragment of two or more characters findable (水务 in 江临水务有限公司); jieba words go into a separate field that only
ranks. Latin letters and digits stay whole tokens (USCC, 许可编号, ABC123).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_QUERY_CHARS = 100  # longer queries are cut (the HTTP layer rejects them first)
MAX_QUERY_TERMS = 24  # bounds the cost of a pasted paragraph
MAX_TOKEN_CHARS = 64  # longer Latin/digit runs are cut, so no term can blow up an index
MIN_PREFIX_CODE = 6  # a subject's USCC is also indexed by its prefixes from this length (typed in part)

# CJK ideographs: the URO, Extension A, compatibility ideographs, Extensions B–F (planes 2–3) and 〇.
_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(f"([{_CJK}]+)|([0-9a-z]+)")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE = re.compile(r"[\s\ufeff]+")
# A 文号 year in (), [], 【】, 〔〕 or ﹝﹞ after NFKC (same rule as portal.domain.text.doc_no_key).
_DOC_YEAR = re.compile(r"[(\[【〔](\d{4})[)\]】〕]", re.ASCII)
# GB 32100: 登记管理部门码 + 机构类别码 + 6-digit 行政区划码 + 9-char 主体标识码 + check char.
_USCC = re.compile(r"[0-9a-hj-npqrtuwxy]{2}\d{6}[0-9a-hj-npqrtuwxy]{10}")
_DOC_NO = re.compile(rf"[{_CJK}0-9a-z]+〔\d{{4}}〕[0-9a-z-]+号")

log = logging.getLogger(__name__)
_jieba_lock = threading.Lock()
_jieba_ready = False


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """Every BMP ideograph that t2s changes (~4,000; computed once in ~40 ms): most text needs no conversion."""
    convert = _t2s().convert
    ranges = (range(0x3400, 0x4DC0), range(0x4E00, 0xA000), range(0xF900, 0xFB00))
    return frozenset(ch for r in ranges for cp in r if convert(ch := chr(cp)) != ch)


def fold(text: str) -> str:
    """NFKC and lower case: full-width ＡＢＣ１２３ becomes abc123. Keeps length only roughly (NFKC may expand)."""
    return unicodedata.normalize("NFKC", text).lower()


def to_simplified(text: str) -> str:
    """Traditional → Simplified Chinese (OpenCC t2s); other text passes through."""
    if not text or _traditional().isdisjoint(text):
        return text
    return str(_t2s().convert(text))


def normalize(text: str) -> str:
    """The normal form every comparison uses: NFKC, lower case, Simplified Chinese."""
    return to_simplified(fold(text or ""))


def tokens(text: str) -> list[str]:
    """Terms of a text: per CJK run its bigrams and its last character alone; Latin/digit runs whole.

    江临水务 → 江临 临水 水务 务; ＡＢＣ１２３ → abc123. Punctuation and symbols separate runs and are dropped.
    """
    return list(_tokens(text or ""))


@lru_cache(maxsize=65_536)
def _tokens(text: str) -> tuple[str, ...]:
    # Field values repeat a lot (违法行为类型, 机关, 名单名称, a subject's name on each of its records).
    out: list[str] = []
    for cjk, alnum in _RUNS.findall(normalize(text)):
        if cjk:
            out += map(_pair, cjk, cjk[1:])
            out.append(cjk[-1])
        else:
            out.append(alnum[:MAX_TOKEN_CHARS])
    return tuple(out)


def _pair(a: str, b: str) -> str:
    return a + b


def configure_jieba(cache_dir: str | Path | None = None) -> None:
    """Load jieba's dictionary once per process, caching it under `cache_dir` (default: jieba's temp dir).

    Call it at start-up; the first call to `words()` does it otherwise. Paddle mode is never used.
    """
    global _jieba_ready
    with _jieba_lock:
        if _jieba_ready:
            return
        import jieba

        jieba.setLogLevel(logging.WARNING)
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            jieba.dt.tmp_dir = str(cache_dir)
        jieba.dt.initialize()
        _jieba_ready = True


@lru_cache(maxsize=65_536)
def _segments(run: str) -> tuple[str, ...]:
    """jieba's cut of one normalised CJK run (cached: runs such as 有限公司 or 市场监督管理局 repeat)."""
    if not _jieba_ready:
        configure_jieba()
    import jieba

    return tuple(jieba.cut(run, HMM=False))


def words(text: str) -> list[str]:
    """jieba words (two or more characters) of the normalised text; used for ranking only."""
    return list(_words(text or ""))


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for cjk, _alnum in _RUNS.findall(normalize(text)):
        if len(cjk) >= 2:
            out.extend(w for w in _segments(cjk) if len(w) >= 2)
    return tuple(out)


def code_prefixes(code: str) -> list[str]:
    """Prefixes of a code (USCC) from MIN_PREFIX_CODE characters on, as index terms: 914302, 9143020, …"""
    key = "".join(ch for ch in normalize(code) if ch.isascii() and ch.isalnum())
    return [key[:n] for n in range(MIN_PREFIX_CODE, len(key))]


def ident_key(text: str) -> str:
    """Key of an identifier (USCC, 文号, 许可编号) for exact lookup: normalised, no spaces, 〔YYYY〕 brackets."""
    return _DOC_YEAR.sub(r"〔\1〕", _SPACE.sub("", normalize(text)))


def is_uscc(key: str) -> bool:
    return len(key) == 18 and _USCC.fullmatch(key) is not None


def is_doc_no(key: str) -> bool:
    return _DOC_NO.fullmatch(key) is not None


def pinyin_keys(name: str) -> list[str]:
    """Autocomplete keys of a name: every suffix of its pinyin initials and of its full pinyin (from a syllable).

    江临水务有限公司 → jlswyxgs, lswyxgs, …, jianglinshuiwuyouxiangongsi, linshuiwu…; prefix matching on these
    finds the name from "jlsw", "swyx" or "jianglin". Latin letters and digits in the name count as syllables.
    """
    syllables: list[str] = []
    initials: list[str] = []
    for cjk, alnum in _RUNS.findall(normalize(name)):
        if cjk:
            for word in _segments(cjk):  # per jieba word, so 重庆 reads chong qing and 银行 yin hang
                full, first = _pinyin(word)
                syllables.extend(full)
                initials.extend(first)
        else:
            syllables.append(alnum)
            initials.append(alnum)
    keys: list[str] = []
    for parts in (initials, syllables):
        for i in range(len(parts)):
            key = "".join(parts[i:])[:MAX_TOKEN_CHARS]
            if len(key) >= 2:
                keys.append(key)
    return list(dict.fromkeys(keys))


@lru_cache(maxsize=65_536)
def _pinyin(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from pypinyin import Style, lazy_pinyin

    full = tuple(s for s in lazy_pinyin(word, style=Style.NORMAL, errors="ignore") if s.isascii() and s)
    first = tuple(s for s in lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore") if s.isascii() and s)
    return full, first


@dataclass(frozen=True, slots=True)
class AnalyzedQuery:
    """A query cut like the documents are: `terms` must all match; `prefix_terms` are the subset matched as prefixes."""

    text: str  # normalised query text (cut to MAX_QUERY_CHARS)
    terms: tuple[str, ...]
    prefix_terms: frozenset[str]
    words: tuple[str, ...]  # jieba words, ranking only
    ident: str  # the whole query as an identifier key ("" when it has no letters, digits or CJK)
    ident_kind: str | None  # "uscc" | "doc_no" | None
    pinyin: str  # the query as pinyin letters (a-z only), "" unless it is all Latin letters

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.ident


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def analyze_query(text: str) -> AnalyzedQuery:
    """Analyse a user's query. Never raises: quotes, colons, AND/OR, wildcards and SQL are only characters."""
    raw = (text or "")[:MAX_QUERY_CHARS]
    norm = normalize(raw).strip()
    out: list[str] = []
    prefixes: set[str] = set()
    for cjk, alnum in _RUNS.findall(norm):
        if len(cjk) == 1:
            out.append(cjk)
            prefixes.add(cjk)  # a lone character matches the bigrams it starts
        elif cjk:
            out.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))
        else:
            out.append(alnum[:MAX_TOKEN_CHARS])
    terms = _dedupe(out)[:MAX_QUERY_TERMS]
    ident = ident_key(raw)
    if not any(ch.isalnum() for ch in ident):
        ident = ""
    kind = "uscc" if is_uscc(ident) else "doc_no" if is_doc_no(ident) else None
    letters = _SPACE.sub("", norm)
    return AnalyzedQuery(
        text=norm,
        terms=terms,
        prefix_terms=frozenset(prefixes & set(terms)),
        words=_dedupe(words(norm))[:MAX_QUERY_TERMS] if terms else (),
        ident=ident[:256],
        ident_kind=kind,
        pinyin=letters if letters.isascii() and letters.isalpha() else "",
    )
