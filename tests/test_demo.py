"""Demo data: rows in the import formats of data-standard §4–§6, valid, deterministic and varied."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from itertools import islice
from pathlib import Path

import pytest

from portal import demo
from portal.demo.vocab.lists import LIST_SPECS
from portal.domain import dates, publicity, text
from portal.domain.amounts import parse_amount
from portal.domain.kinds import PERMIT_CATEGORIES

AS_OF = date(2025, 6, 30)
SEED = 20250630
USCC_COLUMNS = (
    "行政相对人代码_1(统一社会信用代码)", "处罚机关统一社会信用代码", "许可机关统一社会信用代码",
    "数据来源单位统一社会信用代码", "统一社会信用代码", "认定单位统一社会信用代码",
)
ID_COLUMNS = (("证件类型", "证件号码"), ("法定代表人证件类型", "法定代表人证件号码"))
REQUIRED = {
    "penalty": ("行政相对人名称", "行政相对人类别", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
                "处罚类别", "处罚内容", "处罚决定日期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
                "数据来源单位统一社会信用代码"),
    "permit": ("行政相对人名称", "行政相对人类别", "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可内容",
               "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "当前状态",
               "数据来源单位", "数据来源单位统一社会信用代码"),
    "list": ("名单类别", "名单名称", "主体名称", "主体类别", "列入事由", "认定依据", "认定文书号", "认定单位",
             "认定单位统一社会信用代码", "列入日期", "数据来源单位", "数据来源单位统一社会信用代码"),
}
# (start column, end column) pairs where the end may not lie before the start (data-standard §4–§6)
ORDERED = {
    "penalty": (("处罚决定日期", "处罚有效期"), ("处罚决定日期", "公示截止期")),
    "permit": (("有效期自", "有效期至"),),
    "list": (("列入日期", "有效期至"), ("列入日期", "移出日期")),
}
EVENT_DATES = ("处罚决定日期", "许可决定日期", "有效期自", "列入日期", "移出日期")


def sample_rows() -> dict[str, list[dict[str, str]]]:
    """The sample of rows these tests and test_demo_identities.py look at."""
    return {
        "penalty": list(demo.generate_rows("penalty", 2000, seed=SEED, as_of=AS_OF)),
        "permit": list(demo.generate_rows("permit", 2000, seed=SEED, as_of=AS_OF)),
        "list": list(demo.generate_rows("list", 1000, seed=SEED, as_of=AS_OF)),
    }


@pytest.fixture(scope="module")
def samples() -> dict[str, list[dict[str, str]]]:
    return sample_rows()


def all_rows(samples: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    return [row for rows in samples.values() for row in rows]


def subject_ident(row: dict[str, str]) -> str:
    """data-standard §3 subject identifier (list rows: USCC or ID)."""
    code = text.normalize_code(row.get("行政相对人代码_1(统一社会信用代码)", row.get("统一社会信用代码", "")))
    if code:
        return f"USCC:{code}"
    for n in range(2, 7):
        other = next((v for k, v in row.items() if k.startswith(f"行政相对人代码_{n}")), "")
        if other:
            return f"C{n}:{text.normalize_code(other)}"
    return f"ID:{row['证件类型']}:{text.normalize_code(row['证件号码'])}"


def test_headers_are_those_of_the_data_standard() -> None:
    assert len(demo.PENALTY_HEADER) == 31
    assert len(demo.PERMIT_HEADER) == 28
    assert len(demo.LIST_HEADER) == 20
    assert demo.PENALTY_HEADER[:13] == demo.PERMIT_HEADER[:13]
    assert demo.PENALTY_HEADER[13] == "行政处罚决定书文号"
    assert demo.PENALTY_HEADER[19:21] == ("罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)")
    assert demo.LIST_HEADER[-2:] == ("数据来源单位统一社会信用代码", "备注")


@pytest.mark.parametrize("kind", ["penalty", "permit", "list"])
def test_every_row_has_exactly_the_header_columns_in_order(samples: dict, kind: str) -> None:
    header = list(demo.HEADERS[kind])
    assert all(list(row) == header for row in samples[kind])
    assert all(isinstance(value, str) for row in samples[kind] for value in row.values())


@pytest.mark.parametrize("kind", ["penalty", "permit", "list"])
def test_same_seed_gives_identical_rows_and_another_seed_other_rows(kind: str) -> None:
    first = list(demo.generate_rows(kind, 300, seed=7, as_of=AS_OF))
    assert first == list(demo.generate_rows(kind, 300, seed=7, as_of=AS_OF))
    assert first != list(demo.generate_rows(kind, 300, seed=8, as_of=AS_OF))


def test_the_kinds_of_one_seed_share_their_subjects(samples: dict) -> None:
    penalised = {subject_ident(r) for r in samples["penalty"]}
    permitted = {subject_ident(r) for r in samples["permit"]}
    listed = {subject_ident(r) for r in samples["list"]}
    assert len(penalised & permitted) > 100
    assert len(penalised & listed) > 20


def test_red_listed_subjects_rarely_have_penalties_and_about_half_are_never_penalised(samples: dict) -> None:
    penalised = {subject_ident(r) for r in samples["penalty"]}
    honoured = {subject_ident(r) for r in samples["list"] if r["名单类别"] == "红名单"}
    permitted = {subject_ident(r) for r in samples["permit"]}
    # a subject with dishonesty records should not be a red-list subject; the few conflicts are for the
    # red/black conflict check of DOMAIN §5.5
    assert len(honoured & penalised) <= 0.1 * len(honoured)
    assert 0.3 < len(permitted & penalised) / len(permitted) < 0.7


def test_rows_are_generated_lazily_and_the_prefix_does_not_depend_on_count() -> None:
    rows = demo.generate_rows("permit", 10**9, seed=3, as_of=AS_OF)
    with pytest.raises(ValueError, match="kind"):
        demo.generate_rows("blacklist", 1, seed=3, as_of=AS_OF)
    assert len(list(islice(demo.generate_rows("list", 5, seed=3, as_of=AS_OF), 10))) == 5
    assert list(demo.generate_rows("penalty", 0, seed=3, as_of=AS_OF)) == []
    del rows  # never started: creating the generator must not build anything


def test_plan_splits_the_total_into_the_three_kinds() -> None:
    plan = demo.plan_for(1_000_000)
    assert plan == demo.DemoPlan(penalties=400_000, permits=450_000, lists=150_000)
    for total in (0, 1, 2, 7, 99, 1001):
        p = demo.plan_for(total)
        assert p.penalties + p.permits + p.lists == total
        assert min(p.penalties, p.permits, p.lists) >= 0


@pytest.mark.parametrize("kind", ["penalty", "permit", "list"])
def test_required_fields_are_filled(samples: dict, kind: str) -> None:
    for row in samples[kind]:
        assert all(row[column].strip() for column in REQUIRED[kind]), row


@pytest.mark.parametrize("kind", ["penalty", "permit", "list"])
def test_dates_parse_lie_before_as_of_and_ends_follow_starts(samples: dict, kind: str) -> None:
    for row in samples[kind]:
        for column in EVENT_DATES:
            if row.get(column):
                assert dates.parse_date(row[column]) <= AS_OF, (column, row[column])
        for start, end in ORDERED[kind]:
            if row[end]:
                assert dates.parse_date(row[end], allow_long_term=True) >= dates.parse_date(row[start]), row
    assert dates.parse_date(max(r[EVENT_DATES[0]] for r in samples["penalty"])) <= AS_OF


def test_decision_dates_cover_four_years_with_recent_ones_more_frequent(samples: dict) -> None:
    decided = [dates.parse_date(r["处罚决定日期"]) for r in samples["penalty"]]
    assert min(decided) >= date(2021, 6, 30)
    last_week = sum(1 for d in decided if (AS_OF - d).days < 7)
    assert 0.03 * len(decided) <= last_week <= 0.1 * len(decided)
    per_year = Counter(d.year for d in decided)
    assert per_year[2024] > per_year[2022] > 0


def test_all_permit_categories_appear(samples: dict) -> None:
    assert {r["许可类别"] for r in samples["permit"]} == set(PERMIT_CATEGORIES)
    assert {r["当前状态"] for r in samples["permit"]} == {"1", "2"}
    assert any(r["有效期至"] in ("2099-12-31", "长期") for r in samples["permit"])
    assert all(r["备注"] for r in samples["permit"] if r["当前状态"] == "2")


def test_all_three_severities_appear_in_realistic_shares(samples: dict) -> None:
    severities = Counter()
    for row in samples["penalty"]:
        types = publicity.split_punishment_types(row["处罚类别"])
        assert types
        assert not publicity.unknown_punishment_types(types), row["处罚类别"]
        result = publicity.derive_severity(types, publicity.parse_severity(row["失信严重程度"]))
        assert result.warnings == (), row
        severities[result.severity] += 1
    n = len(samples["penalty"])
    assert 0.08 * n < severities[publicity.Severity.MINOR] < 0.22 * n
    assert 0.6 * n < severities[publicity.Severity.GENERAL] < 0.8 * n
    assert 0.08 * n < severities[publicity.Severity.SERIOUS] < 0.22 * n


def test_punishment_types_come_with_their_amounts_and_licences(samples: dict) -> None:
    seen: Counter[str] = Counter()
    for row in samples["penalty"]:
        types = publicity.split_punishment_types(row["处罚类别"])
        seen.update(types)
        fine = parse_amount(row["罚款金额(万元)"])
        assert (fine is not None and fine > 0) == ("罚款" in types), row
        seized = parse_amount(row["没收违法所得、没收非法财物的金额(万元)"])
        assert (seized is not None) == any(t.startswith("没收") for t in types), row
        assert bool(row["暂扣或吊销证照名称及编号"]) == any(t in ("暂扣许可证件", "吊销许可证件") for t in types)
        assert ("行政拘留" not in types) or row["行政相对人类别"] == "自然人"
    assert len(seen) >= 11
    assert seen.most_common(1)[0][0] == "罚款"


def test_every_punishment_type_and_amount_style_occurs_in_a_larger_sample() -> None:
    rows = list(demo.generate_rows("penalty", 10_000, seed=SEED, as_of=AS_OF))
    seen = {t for row in rows for t in publicity.split_punishment_types(row["处罚类别"])}
    assert seen == set(publicity.PUNISHMENT_TYPES)
    fines = [row["罚款金额(万元)"] for row in rows if row["罚款金额(万元)"]]
    assert any(fine.endswith("万元") for fine in fines)
    assert any("," in fine for fine in fines)  # thousands separators in big cases, e.g. 1,283.5224
    assert all(parse_amount(fine) > 0 for fine in fines)


def test_violations_are_varied(samples: dict) -> None:
    kinds = Counter(r["违法行为类型"] for r in samples["penalty"])
    assert len(kinds) >= 40
    # boilerplate facts (tax filings) repeat, as in real files; most facts differ by date, place and numbers
    assert len({r["违法事实"] for r in samples["penalty"]}) > 0.8 * len(samples["penalty"])
    assert len({r["处罚机关"] for r in samples["penalty"]}) >= 20


def test_all_list_types_of_the_catalogue_appear(samples: dict) -> None:
    with demo.LIST_TYPES_CSV.open(encoding="utf-8-sig", newline="") as fh:
        catalogue = {row["名单名称"]: row["类别"] for row in csv.DictReader(fh)}
    assert len(catalogue) == 71
    rows = samples["list"]
    assert {r["名单名称"] for r in rows} == set(catalogue)
    assert all(catalogue[r["名单名称"]] == r["名单类别"] for r in rows)
    assert all(not r["认定依据"].startswith("（原文") for r in rows)
    assert 0.05 * len(rows) < sum(1 for r in rows if r["移出日期"]) < 0.2 * len(rows)
    assert all(r["移出原因"] for r in rows if r["移出日期"])
    people = {r["名单名称"] for r in rows if r["主体类别"] == "自然人"}
    assert "失信被执行人" in people
    assert "企业经营异常名录" not in people


def test_every_catalogue_list_type_has_its_own_vocabulary() -> None:
    with demo.LIST_TYPES_CSV.open(encoding="utf-8-sig", newline="") as fh:
        names = {row["名单名称"] for row in csv.DictReader(fh)}
    assert names <= set(LIST_SPECS)


@pytest.mark.parametrize("kind", ["penalty", "permit", "list"])
def test_natural_keys_are_unique(samples: dict, kind: str) -> None:
    keys = []
    for row in samples[kind]:
        if kind == "penalty":
            keys.append((text.doc_no_key(row["行政处罚决定书文号"]), subject_ident(row)))
        elif kind == "permit":
            keys.append((text.doc_no_key(row["行政许可决定文书号"]), subject_ident(row)))
        else:
            keys.append((text.name_key(row["名单名称"]), text.doc_no_key(row["认定文书号"]), subject_ident(row)))
    assert len(set(keys)) == len(keys)


def test_some_subjects_are_busy(samples: dict) -> None:
    per_subject = Counter(subject_ident(r) for r in samples["penalty"])
    assert per_subject.most_common(1)[0][1] >= 20
    assert len(per_subject) < len(samples["penalty"]) / 1.5


def test_messy_but_valid_cells_occur(samples: dict) -> None:
    decided = [r["处罚决定日期"] for r in samples["penalty"] + samples["permit"] if r.get("处罚决定日期")]
    assert any("/" in d or "年" in d or "." in d for d in decided)
    docs = [r["行政处罚决定书文号"] for r in samples["penalty"]]
    assert any("〔" not in d and "（治）" not in d for d in docs)
    assert all(text.doc_no_key(d).count("〔") == 1 for d in docs)


def test_write_csv_writes_the_header_and_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "penalty.csv"
    demo.write_csv(path, "penalty", 50, seed=1, as_of=AS_OF)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert tuple(table[0]) == demo.PENALTY_HEADER
    expected = [list(r.values()) for r in demo.generate_rows("penalty", 50, seed=1, as_of=AS_OF)]
    assert table[1:] == expected
    gb = tmp_path / "list.csv"
    demo.write_csv(gb, "list", 20, seed=1, as_of=AS_OF, encoding="gb18030")
    with gb.open(encoding="gb18030", newline="") as fh:
        assert len(list(csv.reader(fh))) == 21
