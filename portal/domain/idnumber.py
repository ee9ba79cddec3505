"""GB 11643 公民身份号码 checks, birth date and age, and the 证件类型 values (DOMAIN §14)."""

from __future__ import annotations

import re
from datetime import date

from portal.domain.errors import InvalidValue
from portal.domain.text import clean, nfkc

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # indexed by Σ mod 11
ADULT_AGE = 18
_EARLIEST_BIRTH = date(1900, 1, 1)
# 17 digits + check char; 15-digit old IDs are rejected (DOMAIN §14). ASCII: \d must not take other scripts.
_ID_RE = re.compile(r"\d{17}[\dX]", re.ASCII)
_OTHER_ID_RE = re.compile(r"[A-Za-z0-9-]{4,64}", re.ASCII)

# data-standard §2 "证件类型 values", in the order given there.
ID_TYPES = (
    "身份证",
    "港澳台居民居住证",
    "护照号",
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
    "外国人永久居留身份证",
)
SYNONYMS = {"居民身份证": "身份证", "中华人民共和国居民身份证": "身份证", "护照": "护照号"}
# Both follow GB 11643 (the residence permit uses 81/82/83 as address code); others are only format-checked.
CHECKED_ID_TYPES = frozenset({"身份证", "港澳台居民居住证"})


def _check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date(number: str) -> date | None:
    """Birth date from digits 7–14 of an 18-char number, or None when the number or the date is not valid."""
    if _ID_RE.fullmatch(number) is None:
        return None
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_problem(number: str, today: date) -> str | None:
    """None if the (normalised) number is valid, else the reason word of data-standard §8.

    "长度": not 17 digits + check char; "出生日期": not a real date, after today or before 1900;
    "校验位": wrong GB 11643 check char.
    """
    if _ID_RE.fullmatch(number) is None:
        return "长度"
    born = birth_date(number)
    if born is None or born > today or born < _EARLIEST_BIRTH:
        return "出生日期"
    if number[17] != _check_char(number[:17]):
        return "校验位"
    return None


def make_resident_id(first17: str) -> str:
    """first17 plus its GB 11643 check char (demo data, tests); raises InvalidValue unless 17 digits."""
    if re.fullmatch(r"\d{17}", first17, re.ASCII) is None:
        raise InvalidValue("身份证号码前17位须为数字", value=first17)
    return first17 + _check_char(first17)


def age_on(number: str, on: date) -> int | None:
    """Age in completed years on a date, or None when the number has no valid birth date.

    The birthday itself counts (adult on the 18th birthday); someone born on 29 February
    becomes a year older on 1 March in common years, the later and so more protective day (DOMAIN §6).
    """
    born = birth_date(number)
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_minor_on(number: str, on: date) -> bool:
    """True if the holder is under 18 on that date (DOMAIN §6: never public); False without a birth date."""
    age = age_on(number, on)
    return age is not None and age < ADULT_AGE


def other_id_ok(number: str) -> bool:
    """Format check for the other 证件类型: 4–64 letters, digits or hyphens (data-standard §2)."""
    return _OTHER_ID_RE.fullmatch(number) is not None


def canonical_id_type(value: str) -> tuple[str | None, bool]:
    """(canonical 证件类型 or None if unknown, whether a synonym was used — the importer warns then)."""
    text = nfkc(clean(value))
    if text in ID_TYPES:
        return text, False
    if text in SYNONYMS:
        return SYNONYMS[text], True
    return None, False
