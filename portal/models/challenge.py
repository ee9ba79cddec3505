"""Arithmetic questions of the public forms that have been answered: the server-side "used" mark (issue 15)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime


class UsedChallenge(Base):
    """One row per answered question (its nonce): a solved answer replayed with an old session cookie is refused.

    Rows older than the question's lifetime (portal.submissions.captcha.MAX_AGE) are deleted when new ones arrive.
    """

    __tablename__ = "used_challenges"

    nonce: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
