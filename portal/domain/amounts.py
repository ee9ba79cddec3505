"""Amounts in 万元: parsing of import cells into 6-place decimals (data-standard §2 Amounts)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from portal.domain.errors import InvalidValue
from portal.domain.text import clean, is_placeholder, nfkc

# 6 places of 万元 = 0.01 元 (data-standard §2).
QUANTUM = Decimal("0.000001")
# ≥ 100000 万元 (10 亿元) in one penalty is most likely an amount given in 元: warn, don't reject.
SUSPICIOUS_AMOUNT = Decimal(100000)
UNIT_SUFFIX = "万元"

# Plain non-negative decimal: no sign but an optional "+", no exponent (1e3 is not how people write money).
_DECIMAL_RE = re.compile(r"\+?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_REMOVABLE = re.compile(r"[\s,，]+")


class AmountInvalid(InvalidValue):
    """Negative, non-numeric, NaN or infinite amount (data-standard §2: 金额无效)."""

    code = "amount_invalid"


def _from_text(text: str, raw: object) -> Decimal:
    # NFKC first: full-width digits, point and comma (１，２３４．５) become ASCII.
    text = nfkc(text).strip()
    if text.endswith(UNIT_SUFFIX):
        text = text[: -len(UNIT_SUFFIX)]
    text = _REMOVABLE.sub("", text)
    if _DECIMAL_RE.fullmatch(text) is None:
        raise AmountInvalid("金额无效", value=raw)
    return Decimal(text)


def parse_amount(value: object) -> Decimal | None:
    """The amount in 万元 rounded half-up to 6 places; None for blank or a placeholder.

    XLSX numbers are read from their shortest decimal form (0.1 → 0.100000, no float noise).
    Raises AmountInvalid for negative, non-numeric, NaN or infinite values.
    """
    if value is None:
        return None
    if isinstance(value, bool):  # bool is an int, but True is not an amount
        raise AmountInvalid("金额无效", value=value)
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float):
        # str() of a float is its shortest round-trip form, so Decimal gets "0.1", not 0.1000000000000000055…
        amount = Decimal(str(value))
    else:
        text = clean(value)
        if not text or is_placeholder(text):
            return None
        amount = _from_text(text, value)
    if not amount.is_finite() or amount < 0:
        raise AmountInvalid("金额无效", value=value)
    try:
        rounded = amount.quantize(QUANTUM, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the decimal context holds
        raise AmountInvalid("金额无效", value=value) from None
    # -0.0 from a spreadsheet is zero, not a negative amount.
    return rounded if rounded else Decimal(0).quantize(QUANTUM)


def is_suspicious(amount: Decimal) -> bool:
    """True for amounts ≥ 100000 万元: probably given in 元 (data-standard §2: warn)."""
    return amount >= SUSPICIOUS_AMOUNT
