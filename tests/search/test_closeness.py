"""A "did you mean" is offered only for a name close to the query (search.closeness), both ways."""

from __future__ import annotations

from datetime import date

import pytest

from search.closeness import char_overlap, distinctive, is_close, substring_distance
from search.contract import Query, SearchBackend
from tests.search.conftest import make_doc

TODAY = date(2026, 9, 1)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("江林水务", "株洲江临水务有限公司"),  # one wrong character
        ("株洲示列食品", "株洲示例食品有限公司"),
        ("示例食吕有限公司", "株洲示例食品有限公司"),  # the generic words do not count either way
        ("株州示例食品有限责任公司", "株洲示例食品有限公司"),
    ],
)
def test_a_typo_of_a_name_is_close(query: str, name: str) -> None:
    assert is_close(query, name)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("不存在的某某公司", "株洲示例食品有限公司"),  # only 公司 in common
        ("不存在的某某公司", "株洲某某贸易有限公司"),  # two characters of six
        ("完全无关", "株洲江临水务有限公司"),
        ("有限公司", "株洲江临水务有限公司"),  # nothing distinctive typed
        ("食", "株洲示例食品有限公司"),  # too short to judge
        ("株洲示例食品有限公司", "株洲示例食品有限公司"),  # the same name is no correction
        ("江临燃气热力", "株洲江临水务有限公司"),
    ],
)
def test_unrelated_or_identical_names_are_not_close(query: str, name: str) -> None:
    assert not is_close(query, name)


def test_the_measures() -> None:
    assert distinctive("株洲 示例（食品）有限公司") == "株洲示例食品"
    assert char_overlap("江林水务", "株洲江临水务") == 0.75
    assert substring_distance("江林水务", "株洲江临水务") == 1
    assert substring_distance("", "abc") == 0
    assert char_overlap("", "abc") == 0.0


def test_the_engine_offers_only_close_names(backend: SearchBackend) -> None:
    backend.upsert(
        [
            make_doc("subject:a", title="株洲江临水务有限公司", subject_name="株洲江临水务有限公司"),
            make_doc("subject:b", title="株洲某某贸易有限公司", subject_name="株洲某某贸易有限公司"),
        ]
    )
    assert backend.search(Query("不存在的某某公司"), today=TODAY).suggestion is None
    assert backend.search(Query("江林水务"), today=TODAY).suggestion == "株洲江临水务有限公司"
    assert backend.search(Query("株洲某某贸意"), today=TODAY).suggestion == "株洲某某贸易有限公司"
