"""Relaxed fragment match, on every backend: when the text as typed matches nothing, every word must match instead."""

from __future__ import annotations

from datetime import date

import pytest

from search.analysis import analyze_query
from search.contract import Query, SearchBackend
from search.relaxed import relax
from tests.search.conftest import make_doc

TODAY = date(2026, 11, 23)
WATER = "江临市锦丰水务有限公司"


def _subject(key: str, name: str, **fields):  # type: ignore[no-untyped-def]
    return make_doc(key, title=name, subject_name=name, **fields)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("江临水务", ("江临", "水务")),  # jieba cuts 江 / 临 / 水务: the unknown place name is joined again
        ("锦丰水务公司", ("锦丰", "水务", "公司")),
        ("江临 水务", None),  # already two words: the strict query is the relaxed one
        ("水务", None),
        ("91430200MA4L0A1B7K", None),  # an identifier is never relaxed
        ("", None),
    ],
)
def test_the_relaxed_query_keeps_only_bigrams_inside_each_word(text: str, terms: tuple[str, ...] | None) -> None:
    relaxed = relax(analyze_query(text))
    assert (relaxed.terms if relaxed else None) == terms


def test_words_in_any_order_find_a_name_when_the_text_as_typed_does_not(backend: SearchBackend) -> None:
    backend.upsert([_subject("subject:a", WATER), _subject("subject:b", "江临市锦丰建材有限公司")])
    page = backend.search(Query("江临水务"), today=TODAY)
    assert [h.key for h in page.hits] == ["subject:a"]
    assert page.relaxed is True
    assert page.total == 1
    assert "<mark>江临</mark>" in str(page.hits[0].highlight)
    assert "<mark>水务</mark>" in str(page.hits[0].highlight)


def test_a_contiguous_match_is_not_marked_relaxed(backend: SearchBackend) -> None:
    backend.upsert([_subject("subject:a", "江临水务有限公司"), _subject("subject:b", WATER)])
    page = backend.search(Query("江临水务"), today=TODAY)
    assert [h.key for h in page.hits] == ["subject:a"]  # strict hits exist: no widening to subject:b
    assert page.relaxed is False


def test_every_word_must_match_in_the_relaxed_query(backend: SearchBackend) -> None:
    backend.upsert([_subject("subject:a", "江临市锦丰建材有限公司"), _subject("subject:b", "株洲水务有限公司")])
    page = backend.search(Query("江临水务"), today=TODAY)
    assert page.hits == []
    assert page.relaxed is False


def test_strict_hits_of_another_type_keep_the_query_strict(backend: SearchBackend) -> None:
    backend.upsert([make_doc("penalty:1", subject_name="江临水务有限公司"), _subject("subject:b", WATER)])
    page = backend.search(Query("江临水务", type="subject"), today=TODAY)
    assert page.hits == []  # the tab counts still point at the penalty found as typed
    assert page.relaxed is False
    assert page.facets["type"].get("penalty") == 1


def test_relaxed_results_never_include_expired_documents(backend: SearchBackend) -> None:
    backend.upsert([_subject("subject:a", WATER, public_until=date(2026, 1, 1)), _subject("subject:b", "江临锦丰水务")])
    page = backend.search(Query("江临水务"), today=TODAY)
    assert [h.key for h in page.hits] == ["subject:b"]  # 江临锦丰水务 lacks 临水 too: relaxed
    assert page.relaxed is True


def test_relaxed_results_page_and_count_exactly(backend: SearchBackend) -> None:
    backend.upsert([_subject(f"subject:{i}", f"江临市第{i}水务有限公司") for i in range(5)])
    first = backend.search(Query("江临水务", per_page=2), today=TODAY)
    third = backend.search(Query("江临水务", per_page=2, page=3), today=TODAY)
    assert (first.total, len(first.hits), first.relaxed) == (5, 2, True)
    assert (third.total, len(third.hits), third.relaxed) == (5, 1, True)


@pytest.mark.parametrize("text", ['"江临" AND 水务*', "江临水务' OR 1=1 --", "江临:水务", "江临" * 60])
def test_odd_text_never_raises_in_the_relaxed_retry(backend: SearchBackend, text: str) -> None:
    backend.upsert([_subject("subject:a", WATER)])
    page = backend.search(Query(text), today=TODAY)
    assert page.total == len(page.hits)


def test_autocomplete_falls_back_to_every_word_in_any_order(backend: SearchBackend) -> None:
    backend.upsert([_subject("subject:a", WATER), _subject("subject:b", "江临市锦丰建材有限公司")])
    assert [s.title for s in backend.suggest("江临水务", today=TODAY)] == [WATER]
    assert sorted(s.title for s in backend.suggest("锦丰", today=TODAY)) == sorted([WATER, "江临市锦丰建材有限公司"])
