"""Report numbers, the canonical content hash, its HMAC signature and the verification code; no Flask here.

The signature is HMAC-SHA256(key, "number|hash"); the verification code printed on the report is a short HMAC of
the same message under another label, so neither can be computed without the key. Changing the key makes every
earlier report fail verification: set REPORT_SIGNING_KEY once and keep it (it falls back to SECRET_KEY).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from datetime import date
from typing import Any

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: typed from paper
REPORT_NO_RE = re.compile(r"^XYBG-\d{8}-[2-9A-HJ-NP-Z]{8}$")
CODE_RE = re.compile(r"^[2-9A-HJ-NP-Z]{12}$")
HASH_RE = re.compile(r"^[0-9a-f]{64}$")


def new_report_no(today: date, prefix: str = "XYBG") -> str:
    """XYBG-YYYYMMDD-XXXXXXXX (信用报告; CXZM for a 查询结果证明): 40 random bits, so numbers cannot be enumerated."""
    return f"{prefix}-{today:%Y%m%d}-" + "".join(secrets.choice(ALPHABET) for _ in range(8))


def canonical_json(content: dict[str, Any]) -> str:
    """The one serialisation that is hashed and stored: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _mac(key: str, label: str, report_no: str, digest: str) -> bytes:
    message = f"{label}|{report_no}|{digest}".encode()
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).digest()


def sign(key: str, report_no: str, digest: str) -> str:
    return _mac(key, "report-signature", report_no, digest).hex()


def verification_code(key: str, report_no: str) -> str:
    """12 characters from ALPHABET (60 bits), printed as XXXX-XXXX-XXXX.

    It depends on the number only, so a report whose stored hash or content was changed is still found and
    reported as tampered (the signature check fails) rather than as unknown.
    """
    mac = int.from_bytes(_mac(key, "report-code", report_no, "")[:8], "big")
    chars = []
    for _position in range(12):
        mac, index = divmod(mac, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalize_code(value: str | None) -> str:
    """What a person types: spaces, dashes and lower case are forgiven."""
    return re.sub(r"[\s-]+", "", (value or "")).upper()


def normalize_report_no(value: str | None) -> str:
    return re.sub(r"\s+", "", (value or "")).upper()


def is_signed(key: str, report_no: str, digest: str, signature: str) -> bool:
    return hmac.compare_digest(sign(key, report_no, digest), signature or "")


def code_matches(key: str, report_no: str, code: str) -> bool:
    return hmac.compare_digest(verification_code(key, report_no), normalize_code(code))
