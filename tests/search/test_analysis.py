"""search.analysis and search.highlight: the one tokenizer and the one source of safe HTML."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from markupsafe import Markup

from search import analysis
from search.contract import Query, ResultPage, SearchUnavailable
from search.guarded import GuardedBackend
from search.highlight import highlight
from search.tantivy_backend import TantivyBackend


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ＡＢＣ１２３", "abc123"), ("江臨水務", "江临水务"), ("监罚（2026）", "监罚(2026)"), ("ＵＳＣＣ", "uscc")],
)
def test_normalize_folds_width_case_and_traditional_chinese(text: str, expected: str) -> None:
    assert analysis.normalize(text) == expected


def test_cjk_runs_become_bigrams_plus_their_last_character() -> None:
    assert analysis.tokens("江临水务") == ["江临", "临水", "水务", "务"]
    assert analysis.tokens("水") == ["水"]
    assert analysis.tokens("ABC123科技，有限") == ["abc123", "科技", "技", "有限", "限"]
    assert analysis.tokens("<script>") == ["script"]


@pytest.mark.parametrize(
    "text", ["株市监罚〔2026〕15号", "株市监罚(2026)15号", "株市监罚【2026】15号", "株市监罚 [2026] 15 号"]
)
def test_decision_numbers_share_one_key_whatever_the_brackets(text: str) -> None:
    assert analysis.ident_key(text) == "株市监罚〔2026〕15号"
    assert analysis.is_doc_no(analysis.ident_key(text))


def test_uscc_detection() -> None:
    assert analysis.is_uscc(analysis.ident_key("９１４３０２００ＭＡ４Ｌ０Ａ１Ｂ７Ｋ"))
    assert not analysis.is_uscc(analysis.ident_key("430202198503121235x"))


def test_a_query_is_cut_like_a_document() -> None:
    q = analysis.analyze_query("江臨水務 ABC１２３")
    assert q.terms == ("江临", "临水", "水务", "abc123")
    assert q.prefix_terms == frozenset()  # codes are indexed with their prefixes instead
    assert q.ident_kind is None
    assert analysis.analyze_query("水").prefix_terms == frozenset({"水"})
    assert analysis.analyze_query("91430200MA4L0A1B7K").ident_kind == "uscc"
    assert analysis.analyze_query("株市监罚(2026)15号").ident_kind == "doc_no"
    assert analysis.analyze_query("jlsw").pinyin == "jlsw"
    assert analysis.analyze_query("江临").pinyin == ""


def test_a_query_is_bounded() -> None:
    q = analysis.analyze_query("江" * 1000 + "临")
    assert len(q.text) <= analysis.MAX_QUERY_CHARS
    assert len(analysis.analyze_query(" ".join(f"w{i}" for i in range(100))).terms) == analysis.MAX_QUERY_TERMS


def test_pinyin_keys_cover_initials_and_full_pinyin_from_any_syllable() -> None:
    keys = analysis.pinyin_keys("江临水务有限公司")
    assert {"jlswyxgs", "swyxgs", "jianglinshuiwuyouxiangongsi", "shuiwuyouxiangongsi"} <= set(keys)
    assert "cqscjdglj" in analysis.pinyin_keys("重庆市场监督管理局")  # 重 read chong in 重庆


def test_highlight_escapes_then_marks() -> None:
    out = highlight("<b>江临水务</b> & co", ["江临", "临水", "水务"])
    assert isinstance(out, Markup)
    assert str(out) == "&lt;b&gt;<mark>江临水务</mark>&lt;/b&gt; &amp; co"


def test_highlight_marks_the_original_characters_of_a_folded_match() -> None:
    assert str(highlight("ＡＢＣ１２３科技", ["abc123"])) == "<mark>ＡＢＣ１２３</mark>科技"
    assert str(highlight("江臨水務", ["江临"])) == "<mark>江臨</mark>水務"


def test_highlight_marks_latin_and_digit_terms_only_as_whole_tokens() -> None:
    assert str(highlight("第15号 2015年", ["15"])) == "第<mark>15</mark>号 2015年"


def test_highlight_cannot_be_tricked_into_markup() -> None:
    out = str(highlight("<mark>x</mark><script>", ["mark", "script"]))
    assert out == "&lt;<mark>mark</mark>&gt;x&lt;/<mark>mark</mark>&gt;&lt;<mark>script</mark>&gt;"


class _Broken(TantivyBackend):
    def search(self, query: Query, *, today: date) -> ResultPage:
        raise SearchUnavailable("corrupt")

    def healthy(self) -> bool:
        return True


class _Fallback(TantivyBackend):
    def search(self, query: Query, *, today: date) -> ResultPage:
        return ResultPage.empty(query, degraded=True)


def test_the_guard_falls_back_and_warns_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    guarded = GuardedBackend(_Broken(tmp_path / "a"), lambda: _Fallback(tmp_path / "b"))
    with caplog.at_level(logging.WARNING, logger="search.guarded"):
        pages = [guarded.search(Query("江临"), today=date(2026, 11, 23)) for _ in range(3)]
    assert all(p.degraded for p in pages)
    assert len([r for r in caplog.records if "degraded" in r.getMessage()]) == 1


def test_a_subject_uscc_is_indexed_with_its_prefixes() -> None:
    assert analysis.code_prefixes("91430200MA4L0A1B7K")[:3] == ["914302", "9143020", "91430200"]
    assert analysis.code_prefixes("91430200MA4L0A1B7K")[-1] == "91430200ma4l0a1b7"
