"""Consultation tickets from the inquiry service: a user asked for a human, or the bot failed twice (issue 9)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, TimestampMixin, UTCDateTime


class ChatHandoff(TimestampMixin, Base):
    """A question handed to staff; the transcript holds the user's recent messages only (bot replies are derivable).

    The user reads the staff reply with the ticket number (ZX + id) and the 查询码 shown once at handoff; only the
    code's hash is kept. Every reply and status change also writes an AuditEntry (target "consultation:<id>").
    """

    __tablename__ = "chat_handoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    reason: Mapped[str] = mapped_column(sa.String(16))  # asked | failed
    question: Mapped[str] = mapped_column(sa.Text)
    transcript: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16), default="open")  # portal.chat.tickets.TicketStatus
    code_hash: Mapped[str | None] = mapped_column(sa.String(255))  # None: tickets from before codes existed
    reply: Mapped[str | None] = mapped_column(sa.Text)  # the staff answer the user sees
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replied_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
