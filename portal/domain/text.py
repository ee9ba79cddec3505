"""Text clean-up shared by every import column: trimming, placeholders, NFKC, codes, 文号 and name keys."""

from __future__ import annotations

import re
import unicodedata

# data-standard §2 "Placeholders": these count as blank in code, ID, date and amount columns.
PLACEHOLDERS = frozenset({"-", "—", "/", "无", "空", "NULL"})

# Python's \s covers U+3000 and NBSP; the BOM (U+FEFF) is not whitespace, so it is named (data-standard §1).
_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")
_ANY_SPACE = re.compile(r"[\s\ufeff]+")
# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F; tab and line breaks are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# 文号 year in (), [], 【】 or 〔〕 (after NFKC: full-width （）［］ become ASCII, ﹝﹞ become 〔〕).
_DOC_YEAR = re.compile(r"[(\[【〔](\d{4})[)\]】〕]", re.ASCII)


def clean(value: object) -> str:
    """Return the cell as text trimmed of whitespace (incl. U+3000, NBSP, BOM); None becomes ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # XLSX stores numeric-looking codes as floats; "123.0" would never match a code.
        value = int(value)
    text = str(value).strip()  # str.strip() covers U+3000 and NBSP; the regex is only needed for a BOM
    return _EDGES.sub("", text) if "\ufeff" in text else text


def is_placeholder(value: str) -> bool:
    """True for the placeholders of data-standard §2 (full-width forms and any case of NULL too)."""
    text = nfkc(clean(value))
    return text in PLACEHOLDERS or text.upper() == "NULL"


def nfkc(value: str) -> str:
    """NFKC form: full-width letters and digits become ASCII, compatibility forms are unified."""
    return unicodedata.normalize("NFKC", value)


def normalize_code(value: str) -> str:
    """Code or ID as checked and stored: trimmed, placeholder → "", NFKC, upper-case, no spaces (§2)."""
    text = clean(value)
    if is_placeholder(text):
        return ""
    return _ANY_SPACE.sub("", nfkc(text).upper())


def has_control_chars(value: str) -> bool:
    """True if the text holds a control character other than tab and line breaks (§2: reject)."""
    return _CONTROL.search(value) is not None


def doc_no_key(value: str) -> str:
    """文号 key (data-standard §2): NFKC, no whitespace, a 4-digit year in brackets becomes 〔YYYY〕."""
    text = _ANY_SPACE.sub("", nfkc(clean(value)))
    return _DOC_YEAR.sub(r"〔\1〕", text)


def name_key(value: str) -> str:
    """Name comparison key (list names, search): NFKC with all whitespace removed."""
    return _ANY_SPACE.sub("", nfkc(clean(value)))
