"""Red-list conflicts (DOMAIN §5.5): a red-list subject with public dishonesty information is flagged to the staff
and to the recognising department; nothing is flagged once the dishonesty information is no longer public."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask

from portal.domain.roles import Role
from portal.extensions import db
from portal.importers.run import import_file
from portal.review.redlist_conflicts import red_list_conflicts
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, write_csv
from tests.submissions.fixtures import MARKET_DEPT, staff_client

RED_USCC = "91430202MA4Q7K3C8H"  # 株洲示例燃气有限公司, 纳税信用A级纳税人 (red list) in the standard examples
RED_NAME = "株洲示例燃气有限公司"
TAX_BUREAU = "11430200MB1A2B3CXQ"  # recognised the red-list entry


def _penalise_the_red_subject(tmp_path: Path, severity: str = "严重", decided: str = "2026-09-01") -> None:
    row = {**example_rows("penalty")[0], "行政相对人名称": RED_NAME, "行政相对人代码_1(统一社会信用代码)": RED_USCC,
           "行政处罚决定书文号": "株税罚〔2026〕9号", "处罚决定日期": decided, "失信严重程度": severity,
           "公示截止期": ""}  # fmt: skip
    path = write_csv(tmp_path / "red-penalty.csv", "penalty", [row])
    assert import_file(db.session, path, "penalty", today=TODAY).summary == "imported=1 updated=0 rejected=0"


def _blacklist_the_red_subject(tmp_path: Path) -> None:
    row = {**example_rows("list")[0], "主体名称": RED_NAME, "统一社会信用代码": RED_USCC,
           "认定文书号": "株财采处〔2026〕9号", "列入日期": "2026-10-01"}  # fmt: skip
    path = write_csv(tmp_path / "red-black.csv", "list", [row])
    assert import_file(db.session, path, "list", today=TODAY).summary == "imported=1 updated=0 rejected=0"


def test_no_conflict_in_the_standard_examples(site: Flask, staff: dict[Role, int]) -> None:
    assert red_list_conflicts(db.session, TODAY) == []
    html = staff_client(site, Role.INTAKE).get("/review/conflicts").get_data(as_text=True)
    assert "没有红名单冲突" in html


def test_a_serious_penalty_and_a_blacklist_entry_make_a_flagged_conflict(
    site: Flask, staff: dict[Role, int], tmp_path: Path
) -> None:
    _penalise_the_red_subject(tmp_path)
    _blacklist_the_red_subject(tmp_path)
    [conflict] = red_list_conflicts(db.session, TODAY)
    assert conflict.subject_name == RED_NAME
    assert conflict.red_list == "纳税信用A级纳税人"
    assert conflict.serious
    assert [r.kind for r in conflict.reasons] == ["blacklist", "penalty_serious"]  # newest first
    html = staff_client(site, Role.REVIEWER).get("/review/conflicts").get_data(as_text=True)
    assert RED_NAME in html
    assert "株税罚〔2026〕9号" in html
    assert "政府采购领域严重违法失信主体" in html
    assert 'class="row-serious"' in html


def test_a_general_penalty_is_a_conflict_but_not_a_serious_one(
    site: Flask, staff: dict[Role, int], tmp_path: Path
) -> None:
    _penalise_the_red_subject(tmp_path, severity="一般")
    [conflict] = red_list_conflicts(db.session, TODAY)
    assert [r.kind for r in conflict.reasons] == ["penalty_general"]
    assert not conflict.serious


def test_the_conflict_ends_with_the_publicity_of_the_dishonesty_information(
    site: Flask, staff: dict[Role, int], tmp_path: Path
) -> None:
    # 一般: public one year, to 2027-03-01 inclusive; the red-list entry itself runs to 2027-04-14.
    _penalise_the_red_subject(tmp_path, severity="一般", decided="2026-03-01")
    assert red_list_conflicts(db.session, TODAY + timedelta(days=98)) != []  # 2027-03-01
    assert red_list_conflicts(db.session, TODAY + timedelta(days=99)) == []  # 2027-03-02: the penalty is gone


def test_a_verifier_sees_only_the_entries_its_department_recognised(
    site: Flask, staff: dict[Role, int], tmp_path: Path
) -> None:
    _penalise_the_red_subject(tmp_path)
    assert red_list_conflicts(db.session, TODAY, recognised_by_uscc=TAX_BUREAU) != []
    assert red_list_conflicts(db.session, TODAY, recognised_by_uscc=MARKET_DEPT) == []
    html = staff_client(site, Role.VERIFIER).get("/review/conflicts").get_data(as_text=True)  # the market regulator
    assert RED_NAME not in html


def test_the_csv_lists_each_item_and_defuses_formulas(site: Flask, staff: dict[Role, int], tmp_path: Path) -> None:
    _penalise_the_red_subject(tmp_path)
    response = staff_client(site, Role.ADMIN).get("/review/conflicts.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0][0] == "主体名称"
    assert rows[1][:3] == [RED_NAME, RED_USCC, "纳税信用A级纳税人"]
    assert rows[1][6:8] == ["行政处罚（严重）", "株税罚〔2026〕9号"]


def test_formula_cells_are_prefixed(site: Flask) -> None:
    from portal.tabular import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("株洲") == "株洲"


@pytest.mark.parametrize("path", ["/review/conflicts", "/review/conflicts.csv"])
def test_the_conflicts_need_a_staff_sign_in(site: Flask, path: str) -> None:
    response = site.test_client().get(path)
    assert response.status_code == 302
    assert "/accounts/login" in response.headers["Location"]
