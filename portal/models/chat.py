"""Consultation tickets from the inquiry service: a user asked for a human, or the bot failed twice (issue 9)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, TimestampMixin


class ChatHandoff(TimestampMixin, Base):
    """A question handed to staff; the transcript holds the user's recent messages only (bot replies are derivable)."""

    __tablename__ = "chat_handoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    reason: Mapped[str] = mapped_column(sa.String(16))  # asked | failed
    question: Mapped[str] = mapped_column(sa.Text)
    transcript: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16), default="open")  # open | answered | closed
