"""The /search results page: tabs with counts, highlights, paging links, empty and error states, privacy."""

from __future__ import annotations

from flask.testing import FlaskClient


def page(client: FlaskClient, **params: str) -> tuple[int, str]:
    response = client.get("/search", query_string=params, headers={"Accept-Language": "zh-CN"})
    return response.status_code, response.get_data(as_text=True)


def test_a_search_shows_highlighted_results_and_type_tabs(api: FlaskClient) -> None:
    status, html = page(api, q="株洲示例食品")
    assert status == 200
    assert "<mark>株洲示例食品</mark>" in html
    assert 'href="/subjects/91430200MA4L0A1B7K"' in html
    assert "株市监罚〔2026〕15号" in html
    assert "<p class=\"result-count\">3 条结果 · 涉及 1 个主体</p>" in html  # zh_CN: the default locale


def test_a_type_tab_narrows_the_results(api: FlaskClient) -> None:
    _status, html = page(api, q="株洲示例", type="blacklist")
    assert "政府采购领域严重违法失信主体" in html
    assert "株市监罚〔2026〕15号" not in html


def test_non_public_records_and_full_names_of_persons_never_appear(api: FlaskClient) -> None:
    for q in ("荷市监简罚", "王小明", "430202198503121235", "株洲示例商贸"):
        _status, html = page(api, q=q)
        results = html.split('class="result-count"', 1)[1]  # what the server found, not the query echoed back
        assert "荷市监简罚〔2026〕7号" not in results
        assert "王小明" not in results
        assert "430202198503121235" not in results
        assert "企业经营异常名录" not in results
    # A person's full name is no search key at all (no confirmation oracle, DOMAIN §6).
    _status, html = page(api, q="王小明")
    assert "0 " in html.split('class="result-count"', 1)[1][:40]


def test_no_results_explains_what_to_try(api: FlaskClient) -> None:
    status, html = page(api, q="不存在的公司名称")
    assert status == 200
    assert "没有找到符合搜索条件的公开记录。" in html


def test_hostile_queries_are_escaped_and_bad_parameters_are_a_400_page(api: FlaskClient) -> None:
    _status, html = page(api, q="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    status, html = page(api, q="株洲", page="-1")
    assert status == 400
    assert "Traceback" not in html
    status, html = page(api, q="株" * 101)  # one character over MAX_QUERY_CHARS, still a short URL
    assert status == 400
    assert "Traceback" not in html
    status, html = page(api, q="株" * 500)  # 4.5 KB of query string: refused before any view, like gunicorn does
    assert status == 414
    assert "株株" not in html


def test_the_empty_page_shows_only_the_form(api: FlaskClient) -> None:
    status, html = page(api)
    assert status == 200
    assert 'name="q"' in html
    assert "result-count" not in html


def test_a_count_the_engine_capped_is_shown_as_a_lower_bound(api: FlaskClient, monkeypatch) -> None:  # noqa: ANN001
    """The postgres backend stops counting at 10,000 (search/postgres_query.py): the page must not claim exactness."""
    import dataclasses

    backend = api.application.extensions["search"]
    real = backend.search

    def capped(query, *, today):  # noqa: ANN001, ANN202
        found = real(query, today=today)
        return dataclasses.replace(found, total=10_000, total_exact=False, types_exact=False)

    monkeypatch.setattr(backend, "search", capped)
    _status, html = page(api, q="株洲示例食品")
    assert "至少 10,000 条结果" in html
    assert "3 条结果" not in html
    assert "(1+)" in html  # each type tab is a lower bound too
    assert "行政许可 (" in html  # ... and every type keeps its tab, counted in the sample or not
    assert ">信用评价<" in html or ">信用评价结果<" in html
    body = api.get("/api/v1/search", query_string={"q": "株洲示例食品"}).get_json()
    assert (body["total"], body["total_exact"], body["types_exact"]) == (10_000, False, False)
