"""The list catalogue (名单名称 by category) and the joint reward/punishment measures (措施清单)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.kinds import ListCategory
from portal.models.base import Base, TimestampMixin, enum_column


class ListType(TimestampMixin, Base):
    """Editable reference data (DOMAIN §4): staff add, rename, retire and re-categorise list types."""

    __tablename__ = "list_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[ListCategory] = mapped_column(enum_column(ListCategory, "list_type_category"))
    name: Mapped[str] = mapped_column(sa.String(256))
    name_key: Mapped[str] = mapped_column(sa.String(256), unique=True)
    department: Mapped[str | None] = mapped_column(sa.String(256))  # 认定部门
    basis: Mapped[str | None] = mapped_column(sa.Text)  # 依据
    sources: Mapped[str | None] = mapped_column(sa.String(256))  # seed files, ";"-separated
    remarks: Mapped[str | None] = mapped_column(sa.Text)
    is_active: Mapped[bool] = mapped_column(default=True)


class Measure(TimestampMixin, Base):
    """One measure in the 安徽 8-field format plus 名单名称 (catalogue/measures.csv)."""

    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    list_name: Mapped[str] = mapped_column(sa.String(256), index=True)
    item: Mapped[str] = mapped_column(sa.String(64))  # 事项名称 (small vocabulary, DOMAIN §11)
    office: Mapped[str | None] = mapped_column(sa.String(256))  # 责任处室
    basis: Mapped[str | None] = mapped_column(sa.Text)  # 奖惩依据
    target: Mapped[str | None] = mapped_column(sa.Text)  # 奖惩对象
    measure: Mapped[str] = mapped_column(sa.Text)  # 措施
    stage: Mapped[str | None] = mapped_column(sa.String(16))  # 管理阶段 事前/事中/事后
    implementation: Mapped[str | None] = mapped_column(sa.Text)  # 组织实施
    mode: Mapped[str | None] = mapped_column(sa.String(8))  # 应用手段 强制/推荐
    sources: Mapped[str | None] = mapped_column(sa.String(256))
    remarks: Mapped[str | None] = mapped_column(sa.Text)
    # Staff edits (issue 10): each edit bumps the version and keeps the old values in measure_revisions;
    # a retired measure is kept (never deleted) but no longer applies to credit checks.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    is_active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
