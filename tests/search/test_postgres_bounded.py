"""The postgres backend's bounded search (issue 21, search/postgres_query.py): capped counts, ranking among a
bounded pool of candidates, types inside the index. The contract itself (exact totals below the cap, tiers,
facets) is test_contract.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from search.contract import Query
from search.factory import open_backend
from search.postgres_backend import PostgresBackend
from tests.search.conftest import make_doc

pytestmark = pytest.mark.postgres
TABLE = "search_bounded_test"
TODAY = date(2026, 6, 1)
Open = Callable[..., PostgresBackend]


def _drop(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        for name in list(conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE tablename LIKE :p"),
                                      {"p": f"{TABLE}%"}).scalars()):  # fmt: skip
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))


@pytest.fixture
def engine(pg_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(pg_url)
    _drop(engine)
    yield engine
    _drop(engine)
    engine.dispose()


@pytest.fixture
def build(engine: sa.Engine) -> Iterator[Open]:
    opened: list[PostgresBackend] = []

    def _build(docs: list, **options: object) -> PostgresBackend:
        backend = open_backend("postgres", engine=engine, table=TABLE, **options)
        with backend.rebuild() as builder:
            builder.add(docs)
        opened.append(backend)
        return backend

    yield _build
    for backend in opened:
        backend.close()


def _water_works(n: int) -> list:
    """n penalties of different companies, all with 水务 in the text, none in the name."""
    return [make_doc(f"penalty:{i}", subject_name=f"第{i:02d}号商贸有限公司", title=f"江临罚〔2026〕{i}号",
                     body="水务设施管理违规" + "水务" * (i % 3)) for i in range(n)]  # fmt: skip


def test_a_type_is_searched_inside_the_index_and_its_lexeme_cannot_be_typed(build: Open) -> None:
    docs = _water_works(3) + [make_doc("subject:S1", subject_name="江临水务集团有限公司", title="江临水务集团有限公司")]
    backend = build(docs)
    page = backend.search(Query("水务", type="subject"), today=TODAY)
    assert [h.id for h in page.hits] == ["S1"]
    assert page.total == 1
    assert page.facets["type"] == {"penalty": 3, "subject": 1}  # the type tabs still count every type
    for text in ("type=penalty", "type penalty", "TYPE＝SUBJECT"):
        assert backend.search(Query(text), today=TODAY).total == 0


def test_counts_stop_at_the_cap_and_say_so(build: Open) -> None:
    backend = build(_water_works(12), total_cap=5)
    page = backend.search(Query("水务"), today=TODAY)
    assert page.total == 5
    assert page.total_exact is False
    assert sum(page.facets["type"].values()) == 5
    assert len(page.hits) == 12 or len(page.hits) == page.per_page  # the page itself is not capped
    below = build(_water_works(4), total_cap=5)
    exact = below.search(Query("水务"), today=TODAY)
    assert (exact.total, exact.total_exact, exact.facets["type"]) == (4, True, {"penalty": 4})


def test_a_narrow_window_still_ranks_the_name_and_the_exact_key_first(build: Open) -> None:
    docs = _water_works(10)
    docs.append(make_doc("subject:S1", subject_name="江临水务集团有限公司", title="江临水务集团有限公司"))
    docs.append(make_doc("penalty:99", subject_name="某某商贸有限公司", title="江临罚〔2026〕99号", body="其他",
                         identifiers=("江临罚〔2026〕99号",)))  # fmt: skip
    backend = build(docs, rank_window=2)
    page = backend.search(Query("水务"), today=TODAY)
    assert page.hits[0].title == "江临水务集团有限公司"  # the name holds the query: above ten text matches
    assert page.total == 11
    assert page.total_exact
    assert backend.search(Query("江临罚(2026)99号"), today=TODAY).hits[0].id == "99"


def test_pages_past_the_ranked_pool_go_on_in_key_order_without_repeats(build: Open) -> None:
    backend = build(_water_works(9), rank_window=2)
    seen = []
    for number in (1, 2, 3):
        page = backend.search(Query("水务", per_page=3, page=number), today=TODAY)
        assert len(page.hits) == 3
        assert page.total == 9
        seen += [h.id for h in page.hits]
    last = backend.search(Query("水务", per_page=3, page=4), today=TODAY)
    assert last.hits == []
    assert last.total == 9
    assert sorted(seen, key=int) == [str(i) for i in range(9)]  # the ranked pool, then the rest: no repeat, no gap


def test_the_api_says_when_the_total_is_a_lower_bound() -> None:
    from portal.api.search import page_json
    from search.contract import ResultPage

    query = Query("水务")
    page = ResultPage([], 10_000, {"type": {"penalty": 10_000}}, 1, 20, 3.0, total_exact=False)
    assert page_json(query, page)["total_exact"] is False
    assert page_json(query, page)["types_exact"] is True
    assert page_json(query, ResultPage.empty(query))["total_exact"] is True


def test_a_table_built_by_an_earlier_version_is_unhealthy_until_rebuilt(engine: sa.Engine, build: Open) -> None:
    backend = build(_water_works(2))
    assert backend.healthy()
    with engine.begin() as conn:  # as tables built before the type lexemes were: no format comment
        conn.execute(sa.text(f"COMMENT ON TABLE {TABLE} IS NULL"))
    fresh = open_backend("postgres", engine=engine, table=TABLE)
    assert fresh.healthy() is False  # the guarded wrapper serves the degraded search; search-worker rebuilds
    with fresh.rebuild() as builder:
        builder.add(_water_works(2))
    assert fresh.healthy()
    assert fresh.search(Query("水务", type="penalty"), today=TODAY).total == 2
    fresh.close()
