"""Consultation tickets (咨询单): opened by the chat, answered and closed by staff, read back with number + 查询码.

Statuses: 待处理 open → 处理中 in_progress → 已答复 answered / 已关闭 closed. A ticket is answered by writing a reply;
staff may amend a reply until the ticket is closed. Every change adds an AuditEntry in the same transaction; the
caller commits.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from portal.domain.errors import DomainError
from portal.models import AuditEntry, ChatHandoff
from portal.submissions import codes

MAX_REPLY = 2000
# A consultation code guards a staff answer to a general question, not personal records (those are behind the
# 查询码 of a submission, hashed with submissions.codes' slow setting): 50 random bits with a light PBKDF2 keep the
# handoff reply inside the chat's 100 ms budget while an offline guess still costs ~2^50 × 2,000 hashes.
CODE_HASH = "pbkdf2:sha256:2000"
_DUMMY_HASH = generate_password_hash("unused-dummy-code", method=CODE_HASH)
NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])ZX(\d{6})(?!\d)", re.IGNORECASE)


class TicketStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"


# status → the statuses staff may move it to (a reply moves it to answered, see reply()).
TRANSITIONS: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.OPEN: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.CLOSED}),
    TicketStatus.IN_PROGRESS: frozenset({TicketStatus.CLOSED}),
    TicketStatus.ANSWERED: frozenset({TicketStatus.IN_PROGRESS, TicketStatus.CLOSED}),
    TicketStatus.CLOSED: frozenset(),
}


class TicketError(DomainError):
    """A change the ticket's status does not allow, or an empty/oversized reply (code: see the raise sites)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Opened:
    number: str
    code: str  # shown once to the user, never stored in clear


@dataclass(frozen=True, slots=True)
class PublicTicket:
    """What the user sees of their ticket: no transcript, no staff identity."""

    number: str
    status: TicketStatus
    question: str
    reply: str | None
    replied_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StaffActor:
    id: int
    email: str


def number_of(ticket_id: int) -> str:
    return f"ZX{ticket_id:06d}"


def id_of(number: str) -> int | None:
    match = NUMBER_RE.fullmatch((number or "").strip())
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def status_of(ticket: ChatHandoff) -> TicketStatus:
    try:
        return TicketStatus(ticket.status)
    except ValueError:
        return TicketStatus.OPEN


def open_ticket(db: Session, session_id: str, reason: str, question: str, transcript: str) -> Opened:
    """Adds a ticket (flushed, not committed) and returns its number with a fresh 查询码."""
    code = "".join(secrets.choice(codes.ALPHABET) for _ in range(codes.CODE_LENGTH))
    row = ChatHandoff(
        session_id=session_id, reason=reason, question=question[:500], transcript=transcript,
        status=TicketStatus.OPEN.value, code_hash=generate_password_hash(code, method=CODE_HASH),
    )  # fmt: skip
    db.add(row)
    db.flush()
    return Opened(number_of(row.id), code)


def lookup(db: Session, number: str, code: str) -> PublicTicket | None:
    """The ticket when number and code both match; None otherwise (the same answer and cost for either mistake)."""
    ticket_id = id_of(number)
    row = db.get(ChatHandoff, ticket_id) if ticket_id else None
    stored = row.code_hash if row is not None else None
    # The same work whether the number exists or not, so numbers cannot be probed by timing.
    ok = check_password_hash(stored or _DUMMY_HASH, codes.normalize_code(code))
    if not ok or row is None or stored is None:
        return None
    return PublicTicket(number_of(row.id), status_of(row), row.question, row.reply, row.replied_at, row.created_at)


def tickets(db: Session, *, status: TicketStatus | None = None, limit: int = 200) -> list[ChatHandoff]:
    """Tickets for the back office, newest first."""
    query = sa.select(ChatHandoff).order_by(ChatHandoff.id.desc()).limit(limit)
    if status is not None:
        query = query.where(ChatHandoff.status == status.value)
    return list(db.scalars(query))


def get(db: Session, ticket_id: int, *, lock: bool = False) -> ChatHandoff | None:
    query = sa.select(ChatHandoff).where(ChatHandoff.id == ticket_id)
    if lock and db.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return db.scalar(query)


def reply(db: Session, ticket_id: int, text: str, actor: StaffActor, *, now: datetime) -> ChatHandoff:
    """Stores the staff reply (new or amended) and marks the ticket answered; raises TicketError, LookupError."""
    ticket = get(db, ticket_id, lock=True)
    if ticket is None:
        raise LookupError(ticket_id)
    text = (text or "").strip()
    if not text:
        raise TicketError("reply_required")
    if len(text) > MAX_REPLY:
        raise TicketError("reply_too_long")
    if status_of(ticket) is TicketStatus.CLOSED:
        raise TicketError("ticket_closed")
    before = ticket.status
    ticket.reply, ticket.replied_at, ticket.replied_by_id = text, now, actor.id
    ticket.status = TicketStatus.ANSWERED.value
    db.add(AuditEntry(actor=actor.email, actor_id=actor.id, action="consultation_reply",
                      target=f"consultation:{ticket.id}", reason=f"{before}→answered: {text}", at=now))  # fmt: skip
    return ticket


def set_status(db: Session, ticket_id: int, status: TicketStatus, actor: StaffActor, *, now: datetime) -> ChatHandoff:
    """Moves the ticket along TRANSITIONS; raises TicketError("transition_not_allowed") or LookupError."""
    ticket = get(db, ticket_id, lock=True)
    if ticket is None:
        raise LookupError(ticket_id)
    current = status_of(ticket)
    if status not in TRANSITIONS[current]:
        raise TicketError("transition_not_allowed")
    ticket.status = status.value
    db.add(AuditEntry(actor=actor.email, actor_id=actor.id, action="consultation_status",
                      target=f"consultation:{ticket.id}", reason=f"{current}→{status}", at=now))  # fmt: skip
    return ticket


def audit_trail(db: Session, ticket_id: int) -> list[AuditEntry]:
    return list(
        db.scalars(
            sa.select(AuditEntry).where(AuditEntry.target == f"consultation:{ticket_id}").order_by(AuditEntry.id)
        )
    )
