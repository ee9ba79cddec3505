"""The demo data's identities: every USCC, 组织机构代码 and 身份证号 valid, persons and operators identifiable,
a few minors among penalised persons and none on a list (data-standard §2–§3)."""

from __future__ import annotations

import pytest

from portal import demo
from portal.domain import dates, text, uscc
from portal.domain.idnumber import id_problem, is_minor_on
from tests.test_demo import AS_OF, ID_COLUMNS, USCC_COLUMNS, all_rows, sample_rows


@pytest.fixture(scope="module")
def samples() -> dict[str, list[dict[str, str]]]:
    return sample_rows()


def test_every_uscc_passes_the_gb32100_check(samples: dict) -> None:
    codes = [row[c] for row in all_rows(samples) for c in USCC_COLUMNS if row.get(c)]
    assert len(codes) > 10_000
    for code in codes:
        normalised = text.normalize_code(code)
        assert uscc.is_well_formed(normalised), code
        assert uscc.has_valid_check(normalised), code
        assert uscc.is_valid_org_code(uscc.embedded_org_code(normalised)), code
    # some files carry full-width codes; they must still be valid after NFKC (data-standard §2)
    assert any(code != text.normalize_code(code) for code in codes)


def test_departments_have_distinct_valid_codes() -> None:
    codes = demo.department_usccs()
    assert len(set(codes.values())) == len(codes) > 50
    assert all(uscc.has_valid_check(code) and code.startswith(("11", "12", "13")) for code in codes.values())


def test_every_resident_id_is_valid(samples: dict) -> None:
    checked = 0
    for row in all_rows(samples):
        for type_column, number_column in ID_COLUMNS:
            if row.get(number_column):
                assert row[type_column] == "身份证"
                assert id_problem(text.normalize_code(row[number_column]), AS_OF) is None, row[number_column]
                checked += 1
    assert checked > 1000


def test_natural_persons_and_operators_can_be_identified(samples: dict) -> None:
    for row in samples["penalty"] + samples["permit"]:
        kind = row["行政相对人类别"]
        if kind == "自然人":
            assert row["证件类型"]
            assert row["证件号码"]
        elif kind == "个体工商户":
            assert row["行政相对人代码_1(统一社会信用代码)"] or row["行政相对人代码_2(工商注册号)"]
        else:
            assert kind == "法人及非法人组织"
            assert row["行政相对人代码_1(统一社会信用代码)"]


def test_a_few_penalties_concern_minors(samples: dict) -> None:
    minors = [r for r in samples["penalty"] if r["行政相对人类别"] == "自然人"
              and is_minor_on(text.normalize_code(r["证件号码"]), dates.parse_date(r["处罚决定日期"]))]
    assert 1 <= len(minors) <= 40  # ~0.5 %
    listed_minors = [r for r in samples["list"] if r["主体类别"] == "自然人"
                     and is_minor_on(text.normalize_code(r["证件号码"]), dates.parse_date(r["列入日期"]))]
    assert listed_minors == []
