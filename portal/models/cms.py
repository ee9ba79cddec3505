"""Staff-edited pages of the site (政策法规, 工作动态, 办事指南) and their previous versions."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, TimestampMixin, UTCDateTime, enum_column, utcnow

SLUG_MAX = 80
TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 50_000  # characters of Markdown; a longer text is rejected, not truncated


class PageKind(StrEnum):
    POLICY = "policy"  # 政策法规
    NEWS = "news"  # 工作动态
    GUIDE = "guide"  # 办事指南


class Page(TimestampMixin, Base):
    """The current version of a page; `version` grows by one at every saved edit (PageRevision keeps the old)."""

    __tablename__ = "pages"
    __table_args__ = (
        sa.UniqueConstraint("kind", "slug"),  # the public URL is /<kind>/<slug>
        sa.Index("ix_pages_listing", "kind", "is_published", "published_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PageKind] = mapped_column(enum_column(PageKind, "page_kind"))
    slug: Mapped[str] = mapped_column(sa.String(SLUG_MAX))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    summary: Mapped[str | None] = mapped_column(sa.String(SUMMARY_MAX))
    body: Mapped[str] = mapped_column(sa.Text)  # Markdown, rendered and sanitised at display time
    is_published: Mapped[bool] = mapped_column(default=False)
    published_on: Mapped[date | None] = mapped_column(sa.Date)  # the date shown; set when first published
    author: Mapped[str] = mapped_column(sa.String(254))  # staff e-mail of the last editor, or "system"
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)


class PageRevision(Base):
    """A superseded version of a page, written in the same transaction as the edit; append-only."""

    __tablename__ = "page_revisions"
    __table_args__ = (sa.UniqueConstraint("page_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(sa.ForeignKey("pages.id"), index=True)
    version: Mapped[int]
    slug: Mapped[str] = mapped_column(sa.String(SLUG_MAX))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    summary: Mapped[str | None] = mapped_column(sa.String(SUMMARY_MAX))
    body: Mapped[str] = mapped_column(sa.Text)
    author: Mapped[str] = mapped_column(sa.String(254))  # who wrote that version
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # when that version was written
