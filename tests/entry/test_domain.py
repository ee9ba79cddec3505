"""Pure rules of entry and push (portal/domain/entry.py)."""

from __future__ import annotations

import pytest

from portal.domain import entry

COLUMNS = ["证件号码", "法定代表人证件号码", "处罚决定日期", "行政相对人名称"]


def test_a_reason_goes_to_the_longest_column_it_names() -> None:
    by_column, general = entry.reasons_by_column(
        ["证件号码无效（校验位）：法定代表人证件号码", "缺少必填字段：证件号码",
         "法人及非法人组织须至少填写一个行政相对人代码", "日期无效：处罚决定日期=2026-02-30"],
        COLUMNS,
    )  # fmt: skip
    assert by_column == {
        "法定代表人证件号码": ["证件号码无效（校验位）：法定代表人证件号码"],
        "证件号码": ["缺少必填字段：证件号码"],
        "处罚决定日期": ["日期无效：处罚决定日期=2026-02-30"],
    }
    assert general == ["法人及非法人组织须至少填写一个行政相对人代码"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, (None, True)), ("文本", ("文本", True)), (15, ("15", True)), (0.82, ("0.82", True)),
     (True, (None, False)), ([1], (None, False)), ({"a": 1}, (None, False)), (float("nan"), (None, False)),
     (float("inf"), (None, False)), (10**40, (None, False))],
)  # fmt: skip
def test_json_values_become_cells(value: object, expected: tuple[str | None, bool]) -> None:
    assert entry.json_cell(value) == expected


def test_unknown_keys_are_named_shortened_and_printable() -> None:
    assert entry.unknown_keys_warning([]) is None
    assert entry.unknown_keys_warning(["a\nb"]) == "未知字段已忽略：a?b"
    many = entry.unknown_keys_warning([f"k{i}" for i in range(7)])
    assert many == "未知字段已忽略：k0、k1、k2、k3、k4 等7个"
    assert len(entry.unknown_keys_warning(["x" * 1000]) or "") < 100
