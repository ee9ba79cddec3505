"""An offline arithmetic question for the public forms: no external service, no JavaScript.

The session (signed, but readable by its holder) keeps only an HMAC of the answer, keyed per question by a
nonce that the form carries. A question is used once: the session forgets it, and verify() marks its nonce used in
the database, because the holder of an old session cookie could otherwise replay one solved answer (issue 15). It
slows scripted floods together with the rate limits; it is no defence against a determined human, which the limits
and the queue are.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.models import UsedChallenge

SESSION_KEY = "captcha"
MAX_OPEN = 5  # questions kept per session (several tabs)
MAX_AGE = 3600
Problem = Literal["wrong", "used"]
MESSAGES = {
    "wrong": _l("The answer to the question is not correct. Please answer the new question."),
    "used": _l("This question has already been answered once. Please answer the new question."),
}


@dataclass(frozen=True, slots=True)
class Challenge:
    nonce: str
    a: int
    b: int


def _digest(secret: str, nonce: str, answer: str) -> str:
    return hmac.new(secret.encode(), f"{nonce}:{answer}".encode(), hashlib.sha256).hexdigest()


def new_challenge(store: MutableMapping[str, Any], secret: str, *, now: float | None = None) -> Challenge:
    """A fresh question; its answer's digest goes into `store` (the session)."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(12)
    issued = time.time() if now is None else now
    open_ = [entry for entry in store.get(SESSION_KEY, []) if issued - entry[2] < MAX_AGE][-(MAX_OPEN - 1):]
    open_.append([nonce, _digest(secret, nonce, str(a + b)), issued])
    store[SESSION_KEY] = open_
    return Challenge(nonce, a, b)


def check(store: MutableMapping[str, Any], secret: str, nonce: str, answer: str, *, now: float | None = None) -> bool:
    """True when `answer` solves the question `nonce`; the question is used up either way."""
    entries = list(store.get(SESSION_KEY, []))
    found = next((e for e in entries if e[0] == nonce), None)
    if found is None:
        return False
    store[SESSION_KEY] = [e for e in entries if e[0] != nonce]
    current = time.time() if now is None else now
    if current - found[2] >= MAX_AGE:
        return False
    given = answer.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not given.isdigit() or len(given) > 3:
        return False
    return hmac.compare_digest(found[1], _digest(secret, nonce, str(int(given))))


def spend(db: Session, nonce: str, *, now: float) -> bool:
    """Marks the question used (flushed in a savepoint; the caller commits); False when it already was."""
    at = datetime.fromtimestamp(now, UTC)
    db.execute(sa.delete(UsedChallenge).where(UsedChallenge.used_at < at - timedelta(seconds=MAX_AGE)))
    try:
        with db.begin_nested():  # a concurrent replay fails here on the primary key, not the whole request
            db.add(UsedChallenge(nonce=nonce, used_at=at))
    except IntegrityError:
        return False
    return True


def verify(
    store: MutableMapping[str, Any], db: Session, secret: str, nonce: str, answer: str, *, now: float | None = None
) -> Problem | None:
    """None when `answer` solves the question `nonce` and the question was never used; else what is wrong."""
    current = time.time() if now is None else now
    if not check(store, secret, nonce, answer, now=current):
        return "wrong"
    return None if spend(db, nonce, now=current) else "used"
