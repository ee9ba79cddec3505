"""GB 32100 统一社会信用代码 (USCC) and GB 11714 组织机构代码 checks and check characters (DOMAIN §14)."""

from __future__ import annotations

import re

from portal.domain.errors import InvalidValue

# GB 32100 charset: digits and capitals without I, O, S, V, Z; a char's value is its index here.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# The regex of DOMAIN §14 / data-standard §2; ASCII so that \d does not accept other scripts' digits.
USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", re.ASCII)
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {ch: i for i, ch in enumerate(CHARSET)}

# GB 11714: 8 body chars (digits, capitals), weights below, check = 11 − Σ mod 11 (10 → X, 11 → 0).
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_BODY_RE = re.compile(r"[0-9A-Z]{8}", re.ASCII)
_ORG_CODE_RE = re.compile(r"([0-9A-Z]{8})-?([0-9X])", re.ASCII)


def is_well_formed(code: str) -> bool:
    """True if the code has 18 chars from the charset in the §14 layout (else the importer rejects)."""
    return USCC_RE.fullmatch(code) is not None


def check_char(first17: str) -> str:
    """GB 32100 check character for the first 17 chars; raises InvalidValue on bad length or charset."""
    if len(first17) != 17 or any(ch not in _VALUES for ch in first17):
        raise InvalidValue("统一社会信用代码前17位无效", value=first17)
    total = sum(_VALUES[ch] * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def has_valid_check(code: str) -> bool:
    """True if char 18 is the GB 32100 check char; False for codes that are not well-formed.

    A wrong check char is only a warning (data-standard §2): some real early codes fail it.
    """
    return is_well_formed(code) and code[17] == check_char(code[:17])


def is_valid(code: str) -> bool:
    """Well-formed and with the right check character (for forms, where we can ask the user to retype)."""
    return has_valid_check(code)


def make_uscc(first17: str) -> str:
    """The full 18-char code: first17 plus its check character (demo data and tests)."""
    return first17 + check_char(first17)


def org_code_check_char(first8: str) -> str:
    """GB 11714 check character for an 8-char organisation code body; raises InvalidValue if malformed."""
    if _ORG_BODY_RE.fullmatch(first8) is None:
        raise InvalidValue("组织机构代码本体无效", value=first8)
    # Letters count as 10..35 (A=10), the usual int(ch, 36) mapping.
    total = sum(int(ch, 36) * weight for ch, weight in zip(first8, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def is_valid_org_code(code: str) -> bool:
    """True for a GB 11714-valid 9-char organisation code, also written XXXXXXXX-X."""
    match = _ORG_CODE_RE.fullmatch(code)
    return match is not None and match.group(2) == org_code_check_char(match.group(1))


def make_org_code(first8: str) -> str:
    """The 9-char organisation code (no hyphen): first8 plus its GB 11714 check character."""
    return first8 + org_code_check_char(first8)


def embedded_org_code(code: str) -> str:
    """Chars 9–17 of a USCC: the organisation code (DOMAIN §14)."""
    return code[8:17]
