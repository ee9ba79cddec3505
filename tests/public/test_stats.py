"""/statistics: public records only, grouped in SQL, cached; timeliness in working days; SVG, table and CSV agree."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.workdays import WorkCalendar
from portal.extensions import db
from portal.models import ImportBatch, ListEntry, Penalty, Permit
from portal.public import stats_cache
from portal.public.stats_queries import Window, compute, upload_deadlines
from tests.conftest import TODAY

MARKET = "11430200006123458Y"  # 株洲市市场监督管理局: the serious penalty, a permit, the removed list entry
HETANG = "1143020200712345X3"  # 荷塘区市场监督管理局: the 轻微 penalty (not public) and a permit
WINDOW = Window(date(2024, 12, 1), TODAY)


def statistics(source: str | None = None):  # type: ignore[no-untyped-def]
    return compute(db.session, today=TODAY, window=WINDOW, calendar=WorkCalendar(), source=source)


def set_upload(model, decision_no_or_doc: str, decided_on: date, uploaded_at: datetime) -> None:  # type: ignore[no-untyped-def]
    column = Penalty.decision_no if model is Penalty else Permit.doc_no
    db.session.execute(sa.update(model).where(column == decision_no_or_doc).values(
        decided_on=decided_on, public_from=decided_on, created_at=uploaded_at))  # fmt: skip
    db.session.commit()


def test_only_public_records_are_counted(examples_any_db: Flask) -> None:
    result = statistics()
    assert result.total == 2 + 3 + 2  # penalties (轻微 not public), permits, list entries (one removed)
    assert (result.months["2026-03"].penalties, result.months["2026-04"].penalties) == (1, 0)  # 04-02 is the 轻微 one
    assert (result.months["2026-05"].penalties, result.months["2026-01"].permits) == (1, 1)
    assert result.months["2026-07"].lists == 0  # listed 2026-07-15, removed 2026-09-01
    assert len(result.months) == 24
    assert result.categories == {"罚款": 2, "没收违法所得": 1, "吊销许可证件": 1}  # no 警告: not public
    assert sorted(name for _cat, name, _n in result.lists) == ["政府采购领域严重违法失信主体", "纳税信用A级纳税人"]
    name, counts = result.departments[HETANG]
    assert (name, counts.penalties, counts.permits, counts.lists) == ("株洲市荷塘区市场监督管理局", 0, 1, 0)
    assert (result.departments[MARKET][1].penalties, result.departments[MARKET][1].lists) == (1, 0)
    assert statistics(source=HETANG).total == 1


def test_upload_within_7_working_days_is_on_time_and_on_the_8th_is_late(app: Flask, examples: Flask) -> None:
    # DOMAIN §15: decided Fri 2025-01-24, + 7 WD across 春节 (and the 调休 Sunday 01-26) = Mon 2025-02-10.
    deadline = upload_deadlines(WorkCalendar(), Window(date(2025, 1, 24), date(2025, 1, 24)))[date(2025, 1, 24)]
    assert deadline == date(2025, 2, 10)  # uploads until 23:59:59 in China (15:59:59 UTC) are on time
    set_upload(Penalty, "株市监罚〔2026〕15号", date(2025, 1, 24), datetime(2025, 2, 10, 15, 59, 59, tzinfo=UTC))
    set_upload(Penalty, "株城管罚〔2026〕3号", date(2025, 1, 24), datetime(2025, 2, 10, 16, 0, 0, tzinfo=UTC))
    set_upload(Penalty, "荷市监简罚〔2026〕7号", date(2025, 1, 24), datetime(2025, 1, 25, tzinfo=UTC))  # not public
    result = statistics()
    market, city = result.timeliness[MARKET], result.timeliness["11430200006123490A"]
    assert (city.records, city.on_time, city.share) == (1, 0, 0.0)  # 8th working day in China: late
    assert (market.records, market.on_time) == (2, 1)  # its permit (decided 2026-01-08) was imported today: late
    assert HETANG in result.timeliness
    assert result.timeliness[HETANG].records == 1


def test_the_page_shows_charts_with_titles_and_tables_with_the_same_numbers(client, examples: Flask) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/statistics").get_data(as_text=True)
    assert html.count('role="img"') == 6  # the kinds of information, then the five tables of 双公示 and lists
    assert html.count("<title id=\"chart-") == 6
    assert html.count("<desc id=\"chart-") == 6
    section = html[html.index('id="categories"'):html.index('id="lists"')]
    chart, table = section.split("</svg>", 1)
    chart_values = re.findall(r'fill="#1a1a1a">(\d+)</text>', chart)
    table_values = re.findall(r'<td class="num-col">(\d+)</td>', table)
    assert sorted(chart_values) == sorted(table_values) == ["1", "1", "2"]
    assert "企业经营异常名录" not in html  # the removed list entry
    assert "荷市监简罚" not in html
    assert 'href="/statistics/timeliness.csv"' in html


def test_csv_downloads_start_with_a_bom_and_hold_the_table_rows(client, examples: Flask) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/statistics/categories.csv?year=2026")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 4
    assert rows[0][1]
    assert sorted(int(r[1]) for r in rows[1:]) == [1, 1, 2]
    months = list(csv.reader(io.StringIO(client.get("/statistics/months.csv").get_data().decode("utf-8")[1:])))
    assert len(months) == 25
    assert ["2026-03", "1", "0", "0", "1"] in months


def test_a_department_name_that_looks_like_a_formula_is_defused_in_csv(client, examples: Flask) -> None:  # type: ignore[no-untyped-def]
    db.session.execute(sa.update(Permit).where(Permit.source_uscc == HETANG).values(source_name="=HYPERLINK(1)"))
    db.session.commit()
    text = client.get("/statistics/departments.csv").get_data().decode("utf-8")
    assert "'=HYPERLINK(1)" in text
    assert "\n=HYPERLINK" not in text


def test_no_data_shows_an_empty_state(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/statistics", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "There are no public records for this period and department." in html
    assert "<svg" not in html
    assert client.get("/statistics/months.csv").status_code == 200


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=1900", "year=2999", "department=%3Cscript%3E", "department=1%27%20OR%201%3D1--",
     "department=../../etc/passwd"],
)  # fmt: skip
def test_malformed_filters_are_a_bad_request(client, examples: Flask, query: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"/statistics?{query}").status_code == 400
    assert client.get(f"/statistics/months.csv?{query}").status_code == 400


def test_filters_narrow_every_table(client, examples: Flask) -> None:  # type: ignore[no-untyped-def]
    html = client.get(f"/statistics?year=2026&department={HETANG}").get_data(as_text=True)
    assert "株洲市荷塘区市场监督管理局" in html
    assert "株洲市交通运输局</th>" not in html
    assert client.get("/statistics/lists.csv?year=2025").get_data().decode("utf-8").count("\n") == 1  # header only
    assert client.get("/statistics/other.csv").status_code == 404


def test_results_are_cached_until_the_data_changes(client, examples: Flask, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    real = stats_cache.compute
    monkeypatch.setattr(stats_cache, "compute", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    for _round in range(3):
        client.get("/statistics")
        client.get("/statistics/months.csv")
    assert len(calls) == 1
    db.session.add(ImportBatch(kind="penalty", filename="x.csv"))  # a new import: a new data version
    db.session.commit()
    client.get("/statistics")
    assert len(calls) == 2


def test_the_window_is_the_last_24_months_or_one_year() -> None:
    assert stats_cache.window_for(date(2026, 11, 23), None) == Window(date(2024, 12, 1), date(2026, 11, 23))
    assert stats_cache.window_for(date(2026, 1, 5), None).start == date(2024, 2, 1)
    assert stats_cache.window_for(date(2026, 11, 23), 2026) == Window(date(2026, 1, 1), date(2026, 11, 23))
    assert stats_cache.window_for(date(2026, 11, 23), 2024) == Window(date(2024, 1, 1), date(2024, 12, 31))


def test_list_entries_count_under_their_list(examples: Flask) -> None:
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ListEntry)) == 3
    assert {(cat, n) for cat, _name, n in statistics().lists} == {("blacklist", 1), ("redlist", 1)}


def test_demo_upload_times_follow_the_decision_and_never_pass_the_as_of_day(examples: Flask) -> None:
    from portal.public.stats_demo import spread_upload_times, upload_lag_days

    assert [upload_lag_days(i) for i in range(1, 6)] == [upload_lag_days(i) for i in range(1, 6)]
    assert spread_upload_times(db.session, as_of=TODAY) == 6
    for decided_on, created_at in db.session.execute(sa.select(Penalty.decided_on, Penalty.created_at)):
        assert decided_on < created_at.date() <= TODAY


def test_while_another_request_builds_the_old_numbers_are_served(  # type: ignore[no-untyped-def]
    client, examples: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get("/statistics/months.csv").get_data()
    calls: list[int] = []
    monkeypatch.setattr(stats_cache, "compute", lambda *a, **kw: calls.append(1))
    db.session.add(ImportBatch(kind="penalty", filename="x.csv"))  # new data version: the cache misses
    db.session.commit()
    assert stats_cache._BUILD_LOCK.acquire(blocking=False)  # as if another request were building now
    try:
        assert client.get("/statistics/months.csv").get_data() == first
    finally:
        stats_cache._BUILD_LOCK.release()
    assert calls == []
