"""Masking of personal names and ID numbers for every public output, and of ID numbers in free text (DOMAIN §6)."""

from __future__ import annotations

import re

from portal.domain.errors import InvalidValue
from portal.domain.idnumber import CHECKED_ID_TYPES
from portal.domain.text import clean, nfkc

_MASK = "*"
_LONG_ID = 18
_SHOWN_TAIL = 4
_MIN_LEN_WITH_TAIL = 10

# Subject kinds (values of portal.domain.kinds.SubjectKind).
LEGAL = "legal"
INDIVIDUAL_BUSINESS = "individual_business"
NATURAL_PERSON = "natural_person"
_KINDS = frozenset({LEGAL, INDIVIDUAL_BUSINESS, NATURAL_PERSON})

# 2–4 CJK ideographs (incl. Extension A, used in rare surnames and given names).
_CJK_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,4}")
# Words that never occur in personal names: any of them anywhere means a trade name.
_BUSINESS_WORDS = re.compile(
    "公司|中心|商行|车行|银行|商城|影城|超市|市场|商店|门市|经营部|服务部|工作室|合作社|小吃|饭店|餐饮|餐馆|"
    "餐厅|酒店|酒家|宾馆|旅馆|便利|批发|零售|维修|汽修|美发|理发|美容|养殖|种植|加工|药房|药店|诊所|烟酒|"
    "五金|建材|家具|服装|副食|粮油|水果|食品|快递|网吧|茶楼"
)
# 组织形式 characters ending trade names (个体工商户名称 = 行政区划 + 字号 + 行业 + 组织形式). Counted only
# as the last of 3–4 chars: a 2-char name like 张店 is more likely a person than a shop. 城 and 行 are left
# out (common last characters of given names: 李海城, 张一行); they count only in 商城, 商行 etc. above.
_BUSINESS_SUFFIXES = frozenset("店厂部馆社坊铺场所室屋站吧厅")


def mask_person_name(name: str) -> str:
    """First character + one `*` per remaining character (张三 → 张*, 欧阳娜娜 → 欧***).

    A one-character name is fully masked (`*`): showing its only character would show the whole name.
    """
    text = clean(name)
    if len(text) <= 1:
        return _MASK * len(text)
    return text[0] + _MASK * (len(text) - 1)


def mask_id_number(number: str, *, id_type: str | None = None) -> str:
    """Masked ID for public output (DOMAIN §6); the full number never leaves the server.

    18 chars: first 6 + ******** + last 4. Other lengths (or, when id_type is given, other 证件类型
    than 身份证 / 港澳台居民居住证): only the last 4, and nothing at all below 10 characters.
    """
    text = clean(number)
    resident_style = id_type is None or id_type in CHECKED_ID_TYPES
    if resident_style and len(text) == _LONG_ID:
        return text[:6] + _MASK * 8 + text[-_SHOWN_TAIL:]
    if len(text) >= _MIN_LEN_WITH_TAIL:
        return _MASK * (len(text) - _SHOWN_TAIL) + text[-_SHOWN_TAIL:]
    return _MASK * len(text)


# An ID number inside free text, however it was typed: 18 characters (the last may be X) or the old 15 digits,
# in ASCII or full-width digits, optionally split by spaces, hyphens or dashes ("1101 0519 9001 0112 34",
# "110105-19900101-1234", "１１０１０５…"). The character classes of digits and separators are disjoint, so the
# optional separators cannot make the pattern backtrack.
_DIGIT = "[0-9\uff10-\uff19]"
_SEP = "[ \t\u00a0\u3000\\-\u2010-\u2015\u2212\uff0d]{0,3}"
_LAST = "[0-9\uff10-\uff19Xx\uff38\uff58]"
_EDGE = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_ID_IN_TEXT = re.compile(
    rf"(?<![{_EDGE}])(?:{_DIGIT}(?:{_SEP}{_DIGIT}){{16}}{_SEP}{_LAST}|{_DIGIT}(?:{_SEP}{_DIGIT}){{14}})(?![{_EDGE}])"
)
_ID_CHARS = re.compile(r"[0-9Xx]")


def _plausible_birth_date(compact: str) -> bool:
    """The birth date inside an ID number (YYYYMMDD at 7–14, or YYMMDD at 7–12 in the 15-digit form)."""
    if len(compact) == _LONG_ID:
        year, month, day = int(compact[6:10]), int(compact[10:12]), int(compact[12:14])
        if not 1900 <= year <= 2099:
            return False
    else:
        month, day = int(compact[8:10]), int(compact[10:12])
    return 1 <= month <= 12 and 1 <= day <= 31


def mask_id_numbers(text: str, *, hide_all: bool = False) -> str:
    """Every ID number in free text masked like mask_id_number (or wholly, with `hide_all`).

    Contiguous 18/15-digit runs are always masked; a run split by separators is masked when its birth-date part is
    a date, so that phone numbers and amounts written with spaces are left alone.
    """

    def replace(match: re.Match[str]) -> str:
        raw = match.group(0)
        compact = "".join(_ID_CHARS.findall(nfkc(raw)))
        separated = len(compact) != len(raw)
        if separated and not _plausible_birth_date(compact):
            return raw
        return _MASK * len(raw) if hide_all else mask_id_number(compact)

    return _ID_IN_TEXT.sub(replace, text)


def looks_like_personal_name(name: str) -> bool:
    """Heuristic: is this 个体工商户 name just the operator's personal name? (DOMAIN §17: mask it then).

    True for 2–4 CJK characters with no business word and, for 3–4 characters, no 组织形式 ending.
    It errs towards True: masking a shop name costs little, showing a person's name is a privacy leak.
    """
    text = re.sub(r"\s+", "", nfkc(clean(name)))
    if _CJK_NAME.fullmatch(text) is None:
        return False
    if _BUSINESS_WORDS.search(text):
        return False
    return not (len(text) >= 3 and text[-1] in _BUSINESS_SUFFIXES)


def public_subject_name(name: str, kind: str) -> str:
    """Subject name as shown publicly: natural persons masked, personal-name 个体工商户 masked, others as is.

    Raises InvalidValue for an unknown kind rather than guessing (a wrong guess could leak a name).
    """
    if kind not in _KINDS:
        raise InvalidValue("未知的主体类别", value=kind)
    if kind == NATURAL_PERSON or (kind == INDIVIDUAL_BUSINESS and looks_like_personal_name(name)):
        return mask_person_name(name)
    return clean(name)
