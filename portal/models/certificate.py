"""Issued search result certificates (查询结果证明, DOMAIN §24): number, signed content hash and the snapshot."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime


class SearchCertificate(Base):
    """One issued certificate. `content` is the canonical JSON of the search as the public saw it (query, filters,
    masked results), drawn by the HTML page, the PDF and /verify and never re-queried; `content_hash` is its
    SHA-256 and `signature` an HMAC of number + hash. The 核验码 is not stored: like a credit report's, it is an
    HMAC of the number under the signing key. Nothing here names who asked (no account, no address).
    """

    __tablename__ = "search_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())  # = the moment of the search
    data_as_of: Mapped[datetime] = mapped_column(UTCDateTime())
    result_count: Mapped[int]  # total public matches at that moment
    content: Mapped[str] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    signature: Mapped[str] = mapped_column(sa.String(64))
