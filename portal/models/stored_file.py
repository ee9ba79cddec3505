"""Uploaded files kept in the database (PORTAL_FILE_STORE=database, portal/file_store.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, UTCDateTime


class StoredFile(Base):
    """One file under its random stored name (the `stored_name` of an attachment or binding document)."""

    __tablename__ = "stored_files"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
