"""The search contract for odd queries (hostile text, empty and one-character queries, partial codes, ranking
tiers across pages): every backend through the `backend` fixture, like tests/search/test_contract.py."""

from __future__ import annotations

import pytest

from search.contract import Query, SearchBackend
from tests.search.conftest import make_doc
from tests.search.test_contract import TODAY, USCC, keys

HOSTILE = [
    '"',
    "'",
    '江临"水务',
    "type:penalty",
    "title:*",
    "*",
    "?",
    "水*",
    "a AND b OR NOT c",
    "AND",
    "OR OR OR",
    "(((",
    ")",
    "[1 TO 5]",
    "{}",
    "\\",
    "\\\\'",
    "'; DROP TABLE search_documents; --",
    "1' OR '1'='1",
    "%_%",
    "<script>alert(1)</script>",
    "~2",
    "^10",
    "+-!&|:",
    "\x00\x01",
    "\u200b\ufeff",
    "😀💥",
    "𠀀𪚥",
    "江" * 5000,
    "a" * 5000,
    "91430200MA4L0A1B7K" * 20,
    "株市监罚〔2026〕" * 30,
    " ".join(["水务"] * 200),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_raise(backend: SearchBackend, text: str) -> None:
    backend.upsert([make_doc("subject:a", title="江临水务有限公司", subject_name="江临水务有限公司")])
    page = backend.search(Query(text), today=TODAY)
    assert page.total >= len(page.hits) >= 0
    for hit in page.hits:
        assert "<script" not in str(hit.highlight)
    backend.suggest(text, today=TODAY)


@pytest.mark.parametrize("text", ["", "   ", "，。！", "'\"", "--"])
def test_an_empty_query_gives_an_empty_page(backend: SearchBackend, text: str) -> None:
    backend.upsert([make_doc("subject:a", title="江临水务有限公司")])
    page = backend.search(Query(text), today=TODAY)
    assert (page.total, page.hits, page.suggestion) == (0, [], None)
    assert backend.suggest(text, today=TODAY) == []


def test_a_single_character_matches_words_it_starts_or_ends(backend: SearchBackend) -> None:
    backend.upsert([make_doc("subject:a", title="江临水务", subject_name="江临水务"), make_doc("subject:b")])
    assert keys(backend, "水") == ["subject:a"]
    assert keys(backend, "务") == ["subject:a"]


def test_a_partial_uscc_matches_as_a_prefix(backend: SearchBackend) -> None:
    backend.upsert([make_doc("subject:a", uscc=USCC), make_doc("subject:b", uscc="91430202MA4Q7K3C8H")])
    assert keys(backend, USCC[:12]) == ["subject:a"]


def test_pages_run_through_the_ranking_tiers_in_order(backend: SearchBackend) -> None:
    docs = [make_doc(f"subject:s{i}", title=f"江临水务{i}号公司", subject_name=f"江临水务{i}号公司") for i in range(5)]
    docs += [make_doc(f"penalty:n{i}", subject_name=f"江临水务{i}号公司", body="未按规定公示") for i in range(7)]
    docs += [make_doc(f"penalty:b{i}", subject_name=f"示例{i}号公司", body="向江临水务供货") for i in range(9)]
    backend.upsert(docs)
    seen: list[str] = []
    for page_no in range(1, 8):
        page = backend.search(Query("江临水务", page=page_no, per_page=4), today=TODAY)
        assert page.total == 21
        seen += [h.key for h in page.hits]
    assert len(seen) == len(set(seen)) == 21
    tiers = [key.split(":")[1][0] for key in seen]
    assert tiers == ["s"] * 5 + ["n"] * 7 + ["b"] * 9
