"""Tracking numbers (YYYYMMDD-XXXXXX) and 查询码: random, unambiguous characters; the code is stored hashed.

The 查询码 of a submission is derived from the one-time token of the form it came from (HMAC with the secret
key), so a double-clicked submit shows the same code again without the code ever being stored in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import date

from werkzeug.security import check_password_hash, generate_password_hash

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed from paper
TRACKING_RE = re.compile(r"^\d{8}-[2-9A-HJ-NP-Z]{6}$")
CODE_LENGTH = 10
CODE_RE = re.compile(r"^[2-9A-HJ-NP-Z]{10}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_HASH_METHOD = "pbkdf2:sha256:100000"
# Checked when the number is unknown, so a wrong number costs the same time as a wrong code.
_DUMMY_HASH = generate_password_hash("unused-dummy-code", method=_HASH_METHOD)


def new_tracking_no(today: date) -> str:
    return f"{today:%Y%m%d}-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


def token_key(token: str) -> str:
    """What the database keeps of a form token (its SHA-256): enough to find a double submit, not the code."""
    return hashlib.sha256(token.encode()).hexdigest()


def query_code(secret: str, token: str) -> str:
    digest = hmac.new(secret.encode(), f"query-code:{token}".encode(), hashlib.sha256).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:CODE_LENGTH])


def hash_code(code: str) -> str:
    return generate_password_hash(code, method=_HASH_METHOD)


def normalize_tracking_no(value: str) -> str:
    """Typed numbers: full-width forms, spaces and lower case are forgiven."""
    text = re.sub(r"\s+", "", value or "").upper()
    return text.translate(str.maketrans("０１２３４５６７８９－—", "0123456789--"))


def normalize_code(value: str) -> str:
    text = re.sub(r"[\s\-—]+", "", value or "").upper()
    return text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def format_code(code: str) -> str:
    """XXXXX-XXXXX for reading; normalize_code accepts it back."""
    return f"{code[:5]}-{code[5:]}"


def code_matches(code_hash: str | None, code: str) -> bool:
    """Constant work whether the number was found or not (code_hash None)."""
    ok = check_password_hash(code_hash or _DUMMY_HASH, code)
    return ok and code_hash is not None
