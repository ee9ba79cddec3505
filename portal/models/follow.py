"""Followers of subjects (e-mail subscribers, optionally a user account) and their follows with public snapshots."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, TimestampMixin, UTCDateTime


class Subscriber(TimestampMixin, Base):
    """One e-mail address that receives alerts; `user_id` links it to an account when one signs in later.

    The address is personal data: it is never logged, indexed or shown to anyone but its owner.
    """

    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # normalised: trimmed, domain lower-cased
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    locale: Mapped[str] = mapped_column(sa.String(8), default="zh_CN")  # language of the e-mails, from the form
    last_digest_on: Mapped[date | None] = mapped_column(sa.Date)


class Follow(TimestampMixin, Base):
    """A subscriber follows one subject. Double opt-in: alerts start at `confirmed_at`; soft-ended by unsubscribing.

    `snapshot` is the JSON object {"<kind>:<id>": "<version>:<status>"} of the subject's public records as last
    reported; the digest compares it with today's public set, so expiry by date (no write at all) is caught too.
    `generation` grows on every re-subscription, so links of an earlier subscription no longer act on this one.
    """

    __tablename__ = "follows"
    __table_args__ = (sa.UniqueConstraint("subscriber_id", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(sa.ForeignKey("subscribers.id"), index=True)
    subject_id: Mapped[int] = mapped_column(sa.ForeignKey("subjects.id"), index=True)
    generation: Mapped[int] = mapped_column(default=1)
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snapshot: Mapped[str] = mapped_column(sa.Text, default="{}")
    snapshot_on: Mapped[date | None] = mapped_column(sa.Date)

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
