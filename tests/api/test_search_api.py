"""GET /api/v1/search and /api/v1/suggest over the imported data-standard examples (CONTRACT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Penalty
from tests.conftest import TODAY, import_examples
from tests.search.conftest import EXAMPLE_KEYS

RESULT_KEYS = {"type", "id", "title", "subject_name", "uscc", "date", "url", "highlight"}


def search(client: FlaskClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()  # type: ignore[no-any-return]


def test_a_search_returns_the_contract_shape(api: FlaskClient) -> None:
    body = search(api, q="株洲示例食品")
    assert {"query", "total", "page", "per_page", "took_ms", "results", "facets"} <= set(body)
    assert (body["query"], body["page"], body["per_page"]) == ("株洲示例食品", 1, 20)
    assert body["total"] == len(body["results"]) == 3
    assert body["facets"]["type"] == {"penalty": 1, "permit": 1, "subject": 1}
    assert body["degraded"] is False
    first = body["results"][0]
    assert set(first) == RESULT_KEYS
    assert (first["type"], first["title"], first["uscc"]) == ("subject", "株洲示例食品有限公司", "91430200MA4L0A1B7K")
    assert first["url"] == "/subjects/91430200MA4L0A1B7K"
    assert "<mark>株洲示例食品</mark>" in first["highlight"]
    penalty = next(r for r in body["results"] if r["type"] == "penalty")
    assert (penalty["title"], penalty["date"]) == ("株市监罚〔2026〕15号", "2026-03-10")
    assert penalty["url"] == f"/penalties/{penalty['id']}"


def test_a_decision_number_with_other_brackets_finds_its_penalty_first(api: FlaskClient) -> None:
    body = search(api, q="株市监罚(2026)15号")
    assert body["results"][0]["title"] == "株市监罚〔2026〕15号"
    assert "<mark>" in body["results"][0]["highlight"]


def test_a_uscc_finds_its_subject_first(api: FlaskClient) -> None:
    body = search(api, q="91430203MA4M8N2P8B")
    assert body["results"][0]["title"] == "株洲示例建设工程有限公司"
    assert [r["type"] for r in body["results"]] == ["subject", "blacklist"]


def test_the_type_parameter_filters_and_lists_are_typed_by_category(api: FlaskClient) -> None:
    body = search(api, q="株洲示例", type="blacklist")
    assert [(r["type"], r["title"]) for r in body["results"]] == [("blacklist", "政府采购领域严重违法失信主体")]
    assert body["facets"]["type"]["blacklist"] == 1
    assert search(api, q="纳税信用", type="redlist")["total"] == 1


def test_the_minor_penalty_is_never_found(api: FlaskClient) -> None:
    assert search(api, q=EXAMPLE_KEYS["minor_penalty"])["results"] == []
    body = search(api, q="荷塘区示例餐饮店")
    assert {r["type"] for r in body["results"]} == {"subject", "permit"}
    assert "penalty" not in body["facets"]["type"]
    assert search(api, q="未按规定公示食品经营许可证")["total"] == 0


def test_the_removed_list_entry_and_its_subject_are_never_found(api: FlaskClient) -> None:
    for query in ("株洲示例商贸", "企业经营异常名录", "株市监异列〔2026〕118号", "91430211MA4T6G9H32"):
        assert search(api, q=query)["results"] == [], query


def test_a_natural_person_appears_only_masked(api: FlaskClient) -> None:
    response = api.get("/api/v1/search", query_string={"q": "株城管罚〔2026〕3号"})
    text = response.get_data(as_text=True)
    body = response.get_json()
    found = [(r["title"], r["subject_name"], r["uscc"]) for r in body["results"]]
    assert found == [("株城管罚〔2026〕3号", "王**", None)]
    assert "王小明" not in text
    assert EXAMPLE_KEYS["person_id_number"] not in text
    people = search(api, q="王", type="subject")["results"]
    assert [r["title"] for r in people] == ["王**"]
    assert people[0]["url"].startswith("/subjects/p/")


@pytest.mark.parametrize(
    ("query", "decision_no"),
    [
        ("预包装食品", "株市监罚〔2026〕15号"),
        ("吊销食品经营许可证", "株市监罚〔2026〕15号"),
        ("焚烧落叶", "株城管罚〔2026〕3号"),
    ],
)
def test_facts_and_content_of_a_penalty_are_searchable(api: FlaskClient, query: str, decision_no: str) -> None:
    """违法事实 and 处罚内容 are found, not only the type of violation; with the highlight in the facts."""
    results = search(api, q=query, type="penalty")["results"]
    assert [r["title"] for r in results] == [decision_no]
    assert f"<mark>{query[:2]}" in results[0]["highlight"]


def test_the_facts_of_a_minor_penalty_stay_unsearchable(api: FlaskClient) -> None:
    assert search(api, q="显著位置悬挂")["total"] == 0  # 轻微: not public


@pytest.mark.parametrize("query", ["王小明", "小明", "430202198503121235", "430202199001014565", "张三"])
def test_hidden_personal_data_finds_nothing(api: FlaskClient, query: str) -> None:
    body = search(api, q=query)
    assert (body["total"], body["results"], body["facets"]["type"]) == (0, [], {})


def test_pages_and_per_page_cap(api: FlaskClient) -> None:
    first = search(api, q="株洲", per_page=2)
    second = search(api, q="株洲", per_page=2, page=2)
    assert first["total"] == second["total"] > 2
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})
    assert search(api, q="株洲", per_page=500)["per_page"] == 100


def test_a_blank_query_gives_an_empty_page(api: FlaskClient) -> None:
    body = search(api, q="   ")
    assert (body["total"], body["results"]) == (0, [])


def test_no_results_suggest_a_name(api: FlaskClient) -> None:
    body = search(api, q="株洲示列食品")  # 列 for 例
    assert body["total"] == 0
    assert body["suggestion"] == "株洲示例食品有限公司"


def test_a_record_withdrawn_after_indexing_is_not_shown(indexed: Flask, api: FlaskClient) -> None:
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == "株市监罚〔2026〕15号")).one()
    penalty.status = RecordStatus.WITHDRAWN  # the worker has not applied the outbox row yet
    db.session.commit()
    assert search(api, q="株市监罚〔2026〕15号")["results"] == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "missing_query"),
        ({"q": "x" * 101}, "query_too_long"),
        ({"q": "水务", "type": "company"}, "invalid_type"),
        ({"q": "水务", "type": "penalty' OR 1=1"}, "invalid_type"),
        ({"q": "水务", "page": "0"}, "invalid_page"),
        ({"q": "水务", "page": "-1"}, "invalid_page"),
        ({"q": "水务", "page": "abc"}, "invalid_page"),
        ({"q": "水务", "page": "１"}, "invalid_page"),
        ({"q": "水务", "page": "99999"}, "invalid_page"),
        ({"q": "水务", "per_page": "0"}, "invalid_per_page"),
        ({"q": "水务", "per_page": "1e3"}, "invalid_per_page"),
        ({"q": "水务", "year": "20x6"}, "invalid_filter"),
        ({"q": "水务", "department": "部" * 300}, "invalid_filter"),
    ],
)
def test_bad_parameters_are_a_400_json_error(api: FlaskClient, params: dict[str, str], code: str) -> None:
    response = api.get("/api/v1/search", query_string=params)
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert "Traceback" not in response.get_data(as_text=True)


def test_error_messages_follow_the_locale(api: FlaskClient) -> None:
    english = api.get("/api/v1/search?q=a&type=x", headers={"Accept-Language": "en"}).get_json()
    assert english["error"]["message"] == (
        "Unknown type. Use one of: all, subject, penalty, permit, redlist, blacklist, watchlist, coercion, honour, "
        "commitment, rating, inspection."
    )
    chinese = api.get("/api/v1/search?q=a&type=x", headers={"Accept-Language": "zh-CN"}).get_json()
    assert chinese["error"]["code"] == "invalid_type"


def test_a_query_of_exactly_the_limit_is_accepted(api: FlaskClient) -> None:
    assert search(api, q="水" * 100)["total"] == 0


@pytest.mark.parametrize("query", ["'; DROP TABLE subjects; --", 'title:"x" AND *', "\\", "%_%", "<script>"])
def test_hostile_queries_are_answered(api: FlaskClient, query: str) -> None:
    body = search(api, q=query)
    assert "<script>" not in "".join(r["highlight"] for r in body["results"])


@pytest.mark.parametrize("prefix", ["zzslsp", "株洲示例食", "ZZSL"])
def test_suggest_completes_subject_names(api: FlaskClient, prefix: str) -> None:
    response = api.get("/api/v1/suggest", query_string={"q": prefix})
    assert response.status_code == 200
    names = [s["name"] for s in response.get_json()["suggestions"]]
    assert "株洲示例食品有限公司" in names
    assert EXAMPLE_KEYS["person_full_name"] not in names


def test_without_an_index_the_api_answers_degraded(
    app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    client = app.test_client()
    body = search(client, q="株市监罚〔2026〕15号")
    assert body["degraded"] is True
    assert [r["title"] for r in body["results"]] == ["株市监罚〔2026〕15号"]
    for hidden in ("minor_penalty", "person_full_name", "person_id_number", "removed_entry_subject"):
        assert search(client, q=EXAMPLE_KEYS[hidden])["results"] == []


def test_the_optional_result_cache_answers_repeated_searches_and_is_off_by_default(
    indexed: Flask, api: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.search_ui import services

    assert services.search_cache(indexed) is None  # default: every search asks the index and re-checks
    calls: list[str] = []
    real = services._search

    def counting(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append("search")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "_search", counting)
    indexed.config["SEARCH_CACHE_SECONDS"] = 30
    first = search(api, q="株洲示例食品")
    again = search(api, q="株洲示例食品")
    other_page = search(api, q="株洲示例食品", page=2)
    assert calls == ["search", "search"]  # the repeat came from memory, another page did not
    assert first["results"] == again["results"]
    assert other_page["results"] == []
