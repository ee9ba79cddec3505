"""A number that changes whenever published data changes, read from the database that every app server shares.

Caches of totals, statistics and search results key their entries by it (portal/public/cache.py), so a change
made through any app server is seen by the caches of every server at their next lookup, not after their TTL
(issue 21). Imports add a batch row and staff status changes add a history row: two primary-key lookups.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.models import ImportBatch, RecordHistory


def data_version(session: Session) -> tuple[int, int]:
    batches = session.scalar(sa.select(sa.func.max(ImportBatch.id))) or 0
    history = session.scalar(sa.select(sa.func.max(RecordHistory.id))) or 0
    return int(batches), int(history)
