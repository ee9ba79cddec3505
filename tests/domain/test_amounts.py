"""Amounts in 万元 (data-standard §2)."""

from decimal import Decimal

import pytest

from portal.domain import amounts
from portal.domain.amounts import AmountInvalid


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15", "15.000000"),
        ("0.82", "0.820000"),
        ("1,234.5万元", "1234.500000"),
        ("1，234.5", "1234.500000"),
        ("12,345,678", "12345678.000000"),
        (" 0.1 万元 ", "0.100000"),
        ("１，２３４．５", "1234.500000"),
        ("0", "0.000000"),
        (".5", "0.500000"),
        ("3.", "3.000000"),
        ("+3", "3.000000"),
        ("0.0000005", "0.000001"),  # half-up at 0.01 元
        ("0.00000049", "0.000000"),
        ("1.2345675", "1.234568"),
    ],
)
def test_text_amounts_are_read_and_rounded_half_up_to_six_places(raw, expected):
    result = amounts.parse_amount(raw)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.1, "0.100000"),
        (0.82, "0.820000"),
        (15, "15.000000"),
        (1234.5, "1234.500000"),
        (0.3 - 0.1 + 0.0, "0.200000"),  # 0.19999999999999998 rounds back to 0.2
        (-0.0, "0.000000"),
        (Decimal("2.5"), "2.500000"),
    ],
)
def test_xlsx_numbers_carry_no_float_noise(raw, expected):
    assert str(amounts.parse_amount(raw)) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "—", "/", "无", "空", "NULL", "null"])
def test_blank_and_placeholder_amounts_are_none(raw):
    assert amounts.parse_amount(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "-1",
        "-0.5万元",
        "1e3",
        "1E3",
        "abc",
        "1元",  # given in 元, not 万元: refuse rather than guess
        "1.2.3",
        "+",
        ".",
        "nan",
        "inf",
        "0x10",
        -1,
        -0.01,
        float("nan"),
        float("inf"),
        Decimal("-1"),
        Decimal("NaN"),
        True,
    ],
)
def test_negative_or_non_numeric_amounts_are_rejected(raw):
    with pytest.raises(AmountInvalid) as caught:
        amounts.parse_amount(raw)
    assert caught.value.code == "amount_invalid"


def test_large_amounts_are_flagged_as_suspicious():
    assert str(amounts.SUSPICIOUS_AMOUNT) == "100000"
    assert amounts.is_suspicious(Decimal("100000"))
    assert not amounts.is_suspicious(Decimal("99999.999999"))
