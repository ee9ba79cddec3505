"""One contract, every backend (tantivy, whoosh, postgres): the SearchBackend docstring, case by case."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from search.contract import MAX_PER_PAGE, Query, SearchBackend
from search.factory import open_backend
from tests.search.conftest import make_doc

TODAY = date(2026, 11, 23)
USCC = "91430200MA4L0A1B7K"
ENDED = date(2026, 1, 1)


def keys(backend: SearchBackend, text: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.key for h in backend.search(Query(text, **kw), today=TODAY).hits]


def test_upserted_documents_are_found_at_once(backend: SearchBackend) -> None:
    backend.upsert([make_doc("penalty:1", subject_name="株洲江临水务有限公司", body="无证经营")])
    page = backend.search(Query("无证经营"), today=TODAY)
    assert page.total == 1
    hit = page.hits[0]
    assert (hit.key, hit.type, hit.id, hit.url) == ("penalty:1", "penalty", "1", "/penalty/1")
    assert hit.date == date(2026, 3, 10)
    assert hit.subject_name == "株洲江临水务有限公司"


def test_an_upsert_replaces_the_document_with_the_same_key(backend: SearchBackend) -> None:
    backend.upsert([make_doc("penalty:1", body="超标排放大气污染物")])
    backend.upsert([make_doc("penalty:1", body="未按规定明码标价")])
    assert keys(backend, "超标排放") == []
    assert keys(backend, "明码标价") == ["penalty:1"]
    assert backend.count() == 1


def test_deleted_documents_disappear_and_unknown_keys_are_ignored(backend: SearchBackend) -> None:
    backend.upsert([make_doc("penalty:1", body="无证经营"), make_doc("penalty:2", body="无证经营")])
    backend.delete(["penalty:1", "penalty:404"])
    assert keys(backend, "无证经营") == ["penalty:2"]


@pytest.mark.parametrize("query", ["水务", "江临", "临水", "有限公司"])
def test_two_character_fragments_of_a_name_are_found(backend: SearchBackend, query: str) -> None:
    backend.upsert([make_doc("subject:a", title="株洲江临水务有限公司", subject_name="株洲江临水务有限公司")])
    assert keys(backend, query) == ["subject:a"]


def test_a_two_character_name_is_found_whole(backend: SearchBackend) -> None:
    backend.upsert([make_doc("subject:a", title="水务", subject_name="水务"), make_doc("subject:b", title="水利")])
    assert keys(backend, "水务") == ["subject:a"]


@pytest.mark.parametrize("query", ["ＡＢＣ１２３", "abc123", "ABC123", " abc123 "])
def test_full_and_half_width_and_case_are_the_same(backend: SearchBackend, query: str) -> None:
    backend.upsert([make_doc("subject:a", subject_name="ＡＢＣ１２３科技有限公司"), make_doc("subject:b")])
    page = backend.search(Query(query), today=TODAY)
    assert [h.key for h in page.hits] == ["subject:a"]
    assert "<mark>ＡＢＣ１２３</mark>" in page.hits[0].highlight


def test_a_traditional_chinese_query_finds_simplified_text(backend: SearchBackend) -> None:
    backend.upsert([make_doc("subject:a", title="株洲江临水务有限公司", subject_name="株洲江临水务有限公司")])
    page = backend.search(Query("江臨水務"), today=TODAY)
    assert [h.key for h in page.hits] == ["subject:a"]
    assert "<mark>江临水务</mark>" in page.hits[0].highlight


def test_an_exact_uscc_ranks_first(backend: SearchBackend) -> None:
    backend.upsert(
        [
            make_doc("penalty:1", subject_name="江临示例有限公司", body=f"涉及 {USCC} 的关联企业"),
            make_doc("subject:x", title="株洲示例食品有限公司", subject_name="株洲示例食品有限公司", uscc=USCC),
            make_doc("penalty:2", subject_name="株洲示例食品有限公司", uscc=USCC, body="生产经营超过保质期的食品"),
        ]
    )
    page = backend.search(Query(USCC.lower()), today=TODAY)
    assert page.hits[0].key == "subject:x"
    assert {h.key for h in page.hits[:2]} == {"subject:x", "penalty:2"}
    assert page.hits[-1].key == "penalty:1"


@pytest.mark.parametrize(
    "query", ["株市监罚〔2026〕15号", "株市监罚(2026)15号", "株市监罚［2026］15号", "株市监罚 〔2026〕 15 号"]
)
def test_a_decision_number_is_found_exactly_and_first(backend: SearchBackend, query: str) -> None:
    backend.upsert(
        [
            make_doc("permit:9", title="株市监食许〔2026〕102号", body="2026-03-10依株市监罚〔2026〕15号吊销"),
            make_doc("penalty:1", title="株市监罚〔2026〕15号", identifiers=("株市监罚〔2026〕15号",)),
            make_doc("penalty:2", title="株市监罚〔2026〕150号", identifiers=("株市监罚〔2026〕150号",)),
        ]
    )
    found = keys(backend, query)
    assert found[0] == "penalty:1"
    assert "penalty:2" not in found


def test_name_matches_rank_above_body_matches(backend: SearchBackend) -> None:
    backend.upsert(
        [
            make_doc("penalty:1", subject_name="株洲某某建设有限公司", body="向江临水务有限公司供应不合格管材" * 3),
            make_doc("penalty:2", subject_name="江临水务有限公司", body="未按规定公示年度报告"),
            make_doc("subject:s", title="江临水务有限公司", subject_name="江临水务有限公司"),
        ]
    )
    assert keys(backend, "江临水务") == ["subject:s", "penalty:2", "penalty:1"]


def test_highlights_escape_html_before_marking(backend: SearchBackend) -> None:
    backend.upsert(
        [make_doc("penalty:1", title="<script>alert(1)</script>", body='<img src=x onerror="江临">江临水务 & <b>')]
    )
    for query in ("江临", "script", "alert"):
        page = backend.search(Query(query), today=TODAY)
        html = str(page.hits[0].highlight)
        for raw in ("<script", "<img", "<b>"):
            assert raw not in html
        assert "<mark>" in html
    html = str(backend.search(Query("江临"), today=TODAY).hits[0].highlight)
    assert "&lt;img" in html
    assert "&amp;" in html


def test_long_text_is_cut_around_the_first_match(backend: SearchBackend) -> None:
    body = "甲" * 200 + "超标排放" + "乙" * 200
    backend.upsert([make_doc("penalty:1", body=body)])
    html = str(backend.search(Query("超标排放"), today=TODAY).hits[0].highlight)
    assert html.startswith("…")
    assert html.endswith("…")
    assert "<mark>超标排放</mark>" in html
    assert len(html) < 150


def _corpus() -> list:  # type: ignore[type-arg]
    docs = []
    for i in range(45):
        kind = ("penalty", "permit", "redlist")[i % 3]
        docs.append(
            make_doc(
                f"{kind}:{i}",
                subject_name=f"江临第{i}建材有限公司",
                body="无证经营建材",
                department="株洲市市场监督管理局" if i % 2 else "株洲市生态环境局",
                year=2025 + i % 2,
                list_name="纳税信用A级纳税人" if kind == "redlist" else None,
                category="general" if kind == "penalty" else None,
            )
        )
    docs.append(make_doc("penalty:other", subject_name="无关公司", body="超标排放"))
    return docs


def test_totals_are_exact_and_pages_do_not_overlap(backend: SearchBackend) -> None:
    backend.upsert(_corpus())
    seen: list[str] = []
    for page_no, expected in ((1, 20), (2, 20), (3, 5), (4, 0)):
        page = backend.search(Query("建材", page=page_no, per_page=20), today=TODAY)
        assert page.total == 45
        assert (page.page, page.per_page) == (page_no, 20)
        assert len(page.hits) == expected
        seen += [h.key for h in page.hits]
    assert len(seen) == len(set(seen)) == 45


def test_per_page_is_capped(backend: SearchBackend) -> None:
    backend.upsert(_corpus())
    page = backend.search(Query("建材", per_page=1000), today=TODAY)
    assert page.per_page == MAX_PER_PAGE
    assert len(page.hits) == 45


def test_facets_count_type_department_year_and_list_name(backend: SearchBackend) -> None:
    backend.upsert(_corpus())
    page = backend.search(Query("建材"), today=TODAY)
    assert page.facets["type"] == {"penalty": 15, "permit": 15, "redlist": 15}
    assert page.facets["department"] == {"株洲市市场监督管理局": 22, "株洲市生态环境局": 23}
    assert page.facets["year"] == {"2025": 23, "2026": 22}
    assert page.facets["list_name"] == {"纳税信用A级纳税人": 15}
    assert page.facets["category"] == {"general": 15}


def test_a_type_filter_narrows_hits_but_keeps_the_type_facet_whole(backend: SearchBackend) -> None:
    backend.upsert(_corpus())
    page = backend.search(Query("建材", type="redlist"), today=TODAY)
    assert page.total == 15
    assert {h.type for h in page.hits} == {"redlist"}
    assert page.facets["type"] == {"penalty": 15, "permit": 15, "redlist": 15}
    assert sum(page.facets["year"].values()) == 15
    assert page.facets["list_name"] == {"纳税信用A级纳税人": 15}


def test_filters_by_department_and_year_combine(backend: SearchBackend) -> None:
    backend.upsert(_corpus())
    query = Query("建材", filters={"department": "株洲市生态环境局", "year": "2025"})
    page = backend.search(query, today=TODAY)
    assert page.total == 23
    assert page.facets["department"] == {"株洲市生态环境局": 23}


@pytest.mark.parametrize(
    ("until", "visible"),
    [(TODAY - timedelta(days=1), False), (TODAY, True), (TODAY + timedelta(days=1), True), (None, True)],
)
def test_documents_past_their_publicity_are_never_returned(
    backend: SearchBackend, until: date | None, visible: bool
) -> None:
    backend.upsert([make_doc("penalty:1", subject_name="江临水务有限公司", body="无证经营", public_until=until)])
    page = backend.search(Query("无证经营"), today=TODAY)
    assert page.total == (1 if visible else 0)
    assert sum(page.facets["type"].values()) == (1 if visible else 0)
    assert [s.title for s in backend.suggest("江临", today=TODAY)] == []  # only subjects are suggested


def test_expired_subjects_are_not_suggested_and_purge_removes_them(backend: SearchBackend) -> None:
    backend.upsert(
        [
            make_doc("subject:old", title="江临旧水务公司", subject_name="江临旧水务公司", public_until=ENDED),
            make_doc("subject:new", title="江临水务有限公司", subject_name="江临水务有限公司"),
        ]
    )
    assert [s.title for s in backend.suggest("江临", today=TODAY)] == ["江临水务有限公司"]
    assert backend.purge_expired(TODAY) == 1
    assert backend.count() == 1


@pytest.mark.parametrize("prefix", ["jlsw", "JLSW", "ｊｌｓｗ", "jianglin", "swyx", "江临", "江臨"])
def test_subject_names_are_suggested_by_fragment_and_pinyin(backend: SearchBackend, prefix: str) -> None:
    backend.upsert(
        [
            make_doc("subject:a", title="江临水务有限公司", subject_name="江临水务有限公司", uscc=USCC, url="/s/a"),
            make_doc("subject:b", title="株洲示例燃气有限公司", subject_name="株洲示例燃气有限公司"),
            make_doc("penalty:1", subject_name="江临水务有限公司"),
        ]
    )
    found = backend.suggest(prefix, today=TODAY)
    assert [(s.title, s.uscc, s.url) for s in found] == [("江临水务有限公司", USCC, "/s/a")]


def test_no_results_come_with_a_did_you_mean(backend: SearchBackend) -> None:
    backend.upsert([make_doc("subject:a", title="株洲江临水务有限公司", subject_name="株洲江临水务有限公司")])
    page = backend.search(Query("江林水务"), today=TODAY)
    assert page.total == 0
    assert page.suggestion == "株洲江临水务有限公司"
    assert backend.search(Query("jlsw"), today=TODAY).suggestion == "株洲江临水务有限公司"
    assert backend.search(Query("完全无关"), today=TODAY).suggestion is None
    assert backend.search(Query("水务"), today=TODAY).suggestion is None


def test_excluded_keys_leave_hits_totals_and_every_facet(backend: SearchBackend) -> None:
    backend.upsert(_corpus())
    gone = frozenset({"penalty:0", "penalty:3", "redlist:2"})
    page = backend.search(Query("建材", exclude=gone), today=TODAY)
    assert page.total == 42
    assert not {h.key for h in page.hits} & gone
    assert page.facets["type"] == {"penalty": 13, "permit": 15, "redlist": 14}
    assert sum(page.facets["department"].values()) == 42
    assert sum(page.facets["year"].values()) == 42
    assert page.facets["list_name"] == {"纳税信用A级纳税人": 14}
    one_type = backend.search(Query("建材", type="penalty", exclude=gone), today=TODAY)
    assert (one_type.total, one_type.facets["category"]) == (13, {"general": 13})
    assert one_type.facets["type"] == {"penalty": 13, "permit": 15, "redlist": 14}


def test_excluded_subjects_are_neither_suggested_nor_offered_as_did_you_mean(backend: SearchBackend) -> None:
    backend.upsert(
        [
            make_doc("subject:a", title="株洲江临水务有限公司", subject_name="株洲江临水务有限公司"),
            make_doc("subject:b", title="江临燃气有限公司", subject_name="江临燃气有限公司"),
        ]
    )
    gone = frozenset({"subject:a"})
    assert sorted(s.key for s in backend.suggest("江临", today=TODAY)) == ["subject:a", "subject:b"]
    assert [s.title for s in backend.suggest("江临", today=TODAY, exclude=gone)] == ["江临燃气有限公司"]
    assert backend.suggest("jlsw", today=TODAY, exclude=gone) == []
    assert backend.search(Query("江林水务", exclude=gone), today=TODAY).suggestion is None
    assert backend.search(Query("jlsw", exclude=gone), today=TODAY).suggestion is None


def test_a_rebuild_swaps_the_whole_index_at_once(backend: SearchBackend) -> None:
    backend.upsert([make_doc("penalty:old", body="无证经营")])
    with backend.rebuild() as builder:
        builder.add([make_doc("penalty:new", body="无证经营")])
        assert keys(backend, "无证经营") == ["penalty:old"]  # the live index serves until the swap
    assert keys(backend, "无证经营") == ["penalty:new"]


def test_a_failed_rebuild_leaves_the_live_index_alone(backend: SearchBackend) -> None:
    backend.upsert([make_doc("penalty:old", body="无证经营")])

    def failing_rebuild() -> None:
        with backend.rebuild() as builder:
            builder.add([make_doc("penalty:new", body="无证经营")])
            raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="went away"):
        failing_rebuild()
    assert keys(backend, "无证经营") == ["penalty:old"]
    backend.upsert([make_doc("penalty:2", body="无证经营")])
    assert sorted(keys(backend, "无证经营")) == ["penalty:2", "penalty:old"]


@pytest.mark.parametrize("name", ["tantivy", "whoosh"])
def test_another_process_follows_a_swap(tmp_path: Path, name: str) -> None:
    writer = open_backend(name, directory=tmp_path)
    reader = open_backend(name, directory=tmp_path)  # as a second gunicorn worker would
    assert not reader.healthy()
    with writer.rebuild() as builder:
        builder.add([make_doc("penalty:1", body="无证经营")])
    assert reader.healthy()
    assert keys(reader, "无证经营") == ["penalty:1"]
    with writer.rebuild() as builder:
        builder.add([make_doc("penalty:2", body="无证经营")])
    assert keys(reader, "无证经营") == ["penalty:2"]
    assert len(list((tmp_path / name).glob("gen-*"))) == 1  # old generations are removed
