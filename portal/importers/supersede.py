"""A newer rating of the same scheme supersedes the older one (data-standard §11), applied after an import.

The rule itself is pure (portal/domain/publicity_rated.py); this module applies it to every rating of the
(subject, scheme) pairs a batch touched, whatever order the ratings arrived in, and queues the records whose window
changed for the search index. A leaf module: the rating's KindSpec names `supersede_ratings` (`after_import`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import publicity, publicity_rated
from portal.domain.publicity import RecordStatus
from portal.models import Rating, SearchOutbox
from portal.models.base import utcnow


def supersede_ratings(session: Session, batch_id: int) -> int:
    """Recompute `superseded_on` and the window of every rating sharing a subject and scheme with a rating of the
    batch; returns how many changed. A withdrawn rating supersedes nothing."""
    r, b = Rating.__table__.alias("r"), Rating.__table__.alias("b")
    touched = sa.select(b.c.id).where(
        b.c.batch_id == batch_id, b.c.subject_id == r.c.subject_id, b.c.scheme_key == r.c.scheme_key
    )
    query = sa.select(
        r.c.id, r.c.subject_id, r.c.scheme_key, r.c.scheme, r.c.rated_on, r.c.valid_until, r.c.superseded_on,
        r.c.public_until, r.c.suspended_days, r.c.status,
    ).where(sa.exists(touched))  # fmt: skip
    groups: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for row in session.execute(query):
        groups[(row.subject_id, row.scheme_key)].append(row)
    changes: list[dict[str, object]] = []
    for rows in groups.values():
        dates = [_day(x.rated_on) for x in rows if x.status != RecordStatus.WITHDRAWN.value]
        for x in rows:
            rated_on = _day(x.rated_on)
            newer = publicity_rated.superseded_on(rated_on, dates)
            _start, end = publicity_rated.rating_window(x.scheme, rated_on, _day(x.valid_until), newer)
            if end is not None and x.suspended_days:
                end = publicity.shift_end(end, int(x.suspended_days))
            if newer != _day(x.superseded_on) or end != _day(x.public_until):
                changes.append({"id": x.id, "superseded_on": newer, "public_until": end})
    if changes:
        session.execute(sa.update(Rating), changes)
        now = utcnow()
        queued = [{"record_kind": "rating", "record_id": c["id"], "created_at": now} for c in changes]
        session.execute(sa.insert(SearchOutbox), queued)
    return len(changes)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])  # SQLite may hand back text
