"""Identifier cells of subjects: check characters, computed lazily on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from portal.domain.idnumber import make_resident_id
from portal.domain.uscc import make_uscc, org_code_check_char


class LazyCode:
    """A code cell whose check character is computed when the subject is first used.

    The check functions cost more than the rest of a subject, and a penalty file uses only the
    rule-breaking half of the pool.
    """

    __slots__ = ("args", "fn", "result")

    def __init__(self, fn: Callable[..., str], *args: Any) -> None:
        self.fn, self.args, self.result = fn, args, ""

    def value(self) -> str:
        if not self.result:
            self.result = self.fn(*(a.value() if isinstance(a, LazyCode) else a for a in self.args))
        return self.result


def org_code(body: str) -> str:
    return body + org_code_check_char(body)


def uscc_of(head: str, org: str) -> str:
    return make_uscc(head + org)


def dashed_org_code(org: str) -> str:
    return f"{org[:8]}-{org[8]}"  # 组织机构代码 as written on old certificates


def tax_no(division: str, org: str) -> str:
    return division + org  # 15-char 税务登记号


def resident_number(first17: str, lower: bool) -> str:
    number = make_resident_id(first17)
    return number.lower() if lower and number[-1] == "X" else number  # files often have a lower-case x


def mod11_10(digits: str) -> str:
    """ISO 7064 MOD 11,10 check digit (15-digit 工商注册号)."""
    p = 10
    for ch in digits:
        s = (p + int(ch)) % 10 or 10
        p = s * 2 % 11
    return str((11 - p) % 10)
