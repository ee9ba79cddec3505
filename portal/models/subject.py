"""Subjects (法人及非法人组织, 个体工商户, 自然人) and departments (处罚/许可/认定机关, 数据来源单位)."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.kinds import SubjectKind
from portal.models.base import Base, TimestampMixin, enum_column


def new_public_id() -> str:
    """Opaque id for profile URLs of subjects without a USCC: never derived from an ID number (DOMAIN §17)."""
    return secrets.token_urlsafe(12)


class Subject(TimestampMixin, Base):
    """One 信用主体. `ident_key` follows data-standard §3: USCC:…, else C<n>:…, else ID:<type>:<number>."""

    __tablename__ = "subjects"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(24), unique=True, default=new_public_id)
    kind: Mapped[SubjectKind] = mapped_column(enum_column(SubjectKind, "subject_kind"))
    name: Mapped[str] = mapped_column(sa.String(256))
    name_norm: Mapped[str] = mapped_column(sa.String(256), index=True)  # NFKC form, for search
    uscc: Mapped[str | None] = mapped_column(sa.String(18), unique=True)
    # First old code (代码_2…_6) as "C<n>:<value>", or "ID:<证件类型>:<证件号码>" — the fallback identifier.
    alt_key: Mapped[str | None] = mapped_column(sa.String(160), unique=True)
    reg_no: Mapped[str | None] = mapped_column(sa.String(64))  # 代码_2 工商注册号
    org_code: Mapped[str | None] = mapped_column(sa.String(64))  # 代码_3 组织机构代码
    tax_no: Mapped[str | None] = mapped_column(sa.String(64))  # 代码_4 税务登记号
    institution_no: Mapped[str | None] = mapped_column(sa.String(64))  # 代码_5 事业单位证书号
    social_org_no: Mapped[str | None] = mapped_column(sa.String(64))  # 代码_6 社会组织登记证号
    # Never public (DOMAIN §6): the ID of a natural person / operator, and the legal representative's ID.
    id_type: Mapped[str | None] = mapped_column(sa.String(32))
    id_number: Mapped[str | None] = mapped_column(sa.String(64))
    legal_rep: Mapped[str | None] = mapped_column(sa.String(256))
    legal_rep_id_type: Mapped[str | None] = mapped_column(sa.String(32))
    legal_rep_id_number: Mapped[str | None] = mapped_column(sa.String(64))


class Department(TimestampMixin, Base):
    """A 处罚/许可/认定机关 or 数据来源单位, keyed by its USCC."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uscc: Mapped[str] = mapped_column(sa.String(18), unique=True)
    name: Mapped[str] = mapped_column(sa.String(256))
