"""Entries of the 红名单, 严重失信主体名单 and 重点关注名单."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from portal.domain.kinds import ListCategory
from portal.models.base import Base, enum_column
from portal.models.catalogue import ListType
from portal.models.record import RecordMixin
from portal.models.subject import Subject


class ListEntry(RecordMixin, Base):
    __tablename__ = "list_entries"
    __table_args__ = (
        sa.UniqueConstraint("list_key", "doc_key", "subject_id"),  # natural key (data-standard §6)
        sa.Index("ix_list_entries_public", "status", "category", "public_until", "listed_on"),
        sa.Index("ix_list_entries_doc_key", "doc_key"),  # 文号 lookup without the list name (chat, issue 9)
    )

    category: Mapped[ListCategory] = mapped_column(enum_column(ListCategory, "list_category"))
    list_name: Mapped[str] = mapped_column(sa.String(256))  # 名单名称, as given
    list_key: Mapped[str] = mapped_column(sa.String(256))  # NFKC, whitespace removed
    list_type_id: Mapped[int | None] = mapped_column(sa.ForeignKey("list_types.id"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text)  # 列入事由
    basis: Mapped[str] = mapped_column(sa.Text)  # 认定依据
    doc_no: Mapped[str] = mapped_column(sa.String(256))  # 认定文书号
    doc_key: Mapped[str] = mapped_column(sa.String(256))
    recognised_by: Mapped[str] = mapped_column(sa.String(256))  # 认定单位 (发起部门)
    recognised_by_uscc: Mapped[str] = mapped_column(sa.String(18))
    listed_on: Mapped[date] = mapped_column(sa.Date, index=True)
    valid_until: Mapped[date | None] = mapped_column(sa.Date)  # None: open-ended until removed
    removed_on: Mapped[date | None] = mapped_column(sa.Date)  # not public from this day
    removal_reason: Mapped[str | None] = mapped_column(sa.Text)

    # The names every record kind shares (portal/kinds.py): the record's date and the deciding department.
    day: Mapped[date] = synonym("listed_on")
    authority_name: Mapped[str] = synonym("recognised_by")
    authority_uscc: Mapped[str] = synonym("recognised_by_uscc")

    subject: Mapped[Subject] = relationship(lazy="raise")
    list_type: Mapped[ListType | None] = relationship(lazy="raise")
