"""CSV and XLSX downloads: the filtered public rows only, masked, no ID number, no formula, BOM for Excel."""

from __future__ import annotations

import csv
import io

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from portal.extensions import db
from portal.models import Penalty
from tests.public.helpers import (
    MARKET_DEPT,
    MINOR_PENALTY_NO,
    PERSON_NO,
    REMOVED_SUBJECT,
    SERIOUS_NO,
    assert_no_id_numbers,
    penalty_id,
)

pytestmark = pytest.mark.usefixtures("examples")


def _csv(client: FlaskClient, url: str) -> tuple[bytes, list[list[str]]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(client: FlaskClient, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_the_penalty_csv_has_a_bom_the_standard_headers_and_the_public_rows(client: FlaskClient) -> None:
    body, rows = _csv(client, "/penalties/export.csv")
    assert body.startswith(b"\xef\xbb\xbf")
    header = rows[0]
    for column in ("行政相对人名称", "统一社会信用代码", "法定代表人", "行政处罚决定书文号", "处罚类别",
                   "罚款金额（万元）", "处罚决定日期", "公示截止期", "处罚机关", "数据来源单位", "失信严重程度"):
        assert column in header, column
    assert "证件号码" not in header
    assert "证件类型" not in header
    data = rows[1:]
    assert [r[header.index("行政处罚决定书文号")] for r in data] == [PERSON_NO, SERIOUS_NO]
    person = data[0]
    assert person[header.index("行政相对人名称")] == "王**"
    assert person[header.index("行政相对人类别")] == "自然人"
    food = data[1]
    assert food[header.index("法定代表人")] == "张*"
    assert food[header.index("公示截止期")] == "2029-03-10"
    assert food[header.index("罚款金额（万元）")] == "15"
    assert food[-1].endswith(f"/penalties/{penalty_id(SERIOUS_NO)}")
    text = body.decode("utf-8-sig")
    assert "王小明" not in text
    assert "张三" not in text
    assert MINOR_PENALTY_NO not in text
    assert_no_id_numbers(text)


def test_the_csv_follows_the_filters_of_the_listing(client: FlaskClient) -> None:
    _, rows = _csv(client, f"/penalties/export.csv?dept={MARKET_DEPT}&sort=asc&after=2026-01-01.1")
    assert len(rows) == 2  # the header and the one penalty of that department; paging is ignored
    assert SERIOUS_NO in rows[1]


def test_the_penalty_xlsx_holds_the_same_rows(client: FlaskClient) -> None:
    rows = _xlsx(client, "/penalties/export.xlsx?sort=asc")
    assert rows[0][0] == "行政相对人名称"
    assert [r[rows[0].index("行政处罚决定书文号")] for r in rows[1:]] == [SERIOUS_NO, PERSON_NO]
    flat_text = "\n".join("\t".join(r) for r in rows)
    assert "王**" in flat_text
    assert "王小明" not in flat_text
    assert MINOR_PENALTY_NO not in flat_text
    assert_no_id_numbers(flat_text)


def test_the_permit_exports_mask_people_and_show_long_term_validity(client: FlaskClient) -> None:
    _, rows = _csv(client, "/permits/export.csv")
    text = "\n".join(",".join(r) for r in rows)
    assert len(rows) == 4
    assert "王**" in text
    assert "李*" in text
    assert "王小明" not in text
    assert "李四" not in text
    assert "长期" in text
    assert "2099-12-31" not in text
    assert_no_id_numbers(text)
    xlsx = _xlsx(client, "/permits/export.xlsx")
    assert len(xlsx) == 4
    assert_no_id_numbers("\n".join("\t".join(r) for r in xlsx))


def test_cells_that_look_like_formulas_are_neutralised(client: FlaskClient) -> None:
    penalty = db.session.get(Penalty, penalty_id(SERIOUS_NO))
    assert penalty is not None
    penalty.violation_type = '=HYPERLINK("http://evil.example","click")'
    penalty.remarks = "+1-2"
    db.session.commit()
    _, rows = _csv(client, "/penalties/export.csv")
    cells = [c for r in rows for c in r]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells
    assert "'+1-2" in cells
    xlsx = _xlsx(client, "/penalties/export.xlsx")
    assert not [c for r in xlsx for c in r if c.startswith("=")]


def test_an_export_with_a_hostile_filter_is_refused(client: FlaskClient) -> None:
    for url in ("/penalties/export.csv?year=<script>", "/permits/export.xlsx?dept=' OR 1=1 --"):
        response = client.get(url)
        assert response.status_code == 400
        assert "Traceback" not in response.get_data(as_text=True)
    assert client.get("/penalties/export.pdf").status_code == 404


def test_the_removed_list_subject_is_in_no_export(client: FlaskClient) -> None:
    for url in ("/penalties/export.csv", "/permits/export.csv"):
        assert REMOVED_SUBJECT not in client.get(url).get_data(as_text=True)


def test_a_list_category_downloads_its_public_entries_only(client: FlaskClient) -> None:
    page = client.get("/lists/blacklist").get_data(as_text=True)
    assert 'href="/lists/blacklist/export.csv"' in page
    _, rows = _csv(client, "/lists/blacklist/export.csv")
    assert rows[0][:2] == ["名单类别", "名单名称"]
    assert [r[4] for r in rows[1:]] == ["91430203MA4M8N2P8B"]  # 株洲示例建设工程有限公司 only
    assert rows[1][0] == "严重失信主体名单"
    assert rows[1][-1].endswith(f"/lists/entries/{rows[1][-1].rsplit('/', 1)[1]}")
    _, watch = _csv(client, "/lists/watchlist/export.csv")
    assert len(watch) == 1  # the header: the removed entry is not public
    assert REMOVED_SUBJECT not in "".join(c for r in watch for c in r)
    xlsx = _xlsx(client, "/lists/redlist/export.xlsx")
    assert [r[2] for r in xlsx[1:]] == ["株洲示例燃气有限公司"]


def test_a_list_type_downloads_with_its_filters(client: FlaskClient) -> None:
    from tests.public.helpers import list_type_id

    type_id = list_type_id("纳税信用A级纳税人")
    page = client.get(f"/lists/type/{type_id}?year=2026").get_data(as_text=True)
    assert f'href="/lists/type/{type_id}/export.csv?year=2026"' in page
    _, rows = _csv(client, f"/lists/type/{type_id}/export.csv?year=2026")
    assert [r[2] for r in rows[1:]] == ["株洲示例燃气有限公司"]
    _, none = _csv(client, f"/lists/type/{type_id}/export.csv?year=2026&kind=natural_person")
    assert len(none) == 1


def test_list_exports_refuse_unknown_lists_and_hostile_filters(client: FlaskClient) -> None:
    assert client.get("/lists/greylist/export.csv").status_code == 404
    assert client.get("/lists/type/99999/export.csv").status_code == 404
    assert client.get("/lists/blacklist/export.pdf").status_code == 404
    hostile = client.get("/lists/blacklist/export.csv?year=<script>alert(1)</script>")
    assert hostile.status_code == 400
    assert "<script>" not in hostile.get_data(as_text=True)
