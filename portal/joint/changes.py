"""List changes since a moment, for downstream sync (推送, DOMAIN §11 step 2): 新增 / 变更 / 移出 of list entries.

An entry changed after `since` is `added` (created after it) or `changed`, both with its public fields, or
`removed` when it is no longer public (移出, withdrawn, repaired), with its id only. Entries whose publicity
ended by date in the period are listed as `expired` ids. Entries that were never published never appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.publicity import RecordStatus
from portal.models import ListEntry, Subject
from portal.public.presenters import ListEntryDetail, present_list_entry_detail
from portal.visibility import public_on

MAX_LIMIT = 500
MAX_EXPIRED = 1000
NEVER_PUBLISHED = (RecordStatus.NOT_PUBLIC.value,)


@dataclass(frozen=True, slots=True)
class Change:
    change: str  # added | changed | removed
    at: datetime
    entry_id: int
    entry: ListEntryDetail | None  # None for removed


@dataclass(frozen=True)
class ChangePage:
    changes: list[Change]
    expired: list[int]
    next_cursor: str | None


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EARLIEST = EPOCH
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
CURSOR_PATTERN = r"^[0-9]{1,20}-[0-9]{1,12}$"
_CURSOR = re.compile(CURSOR_PATTERN, re.ASCII)


def clamp(moment: datetime) -> datetime:
    """Into [1970, 9000): far-off moments from a client must not overflow date arithmetic or the database."""
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        return EARLIEST if moment.year < 2000 else LATEST
    return min(max(moment, EARLIEST), LATEST)


def encode_cursor(at: datetime, entry_id: int) -> str:
    """ "<microseconds since 1970>-<id>": exact (no float) and easy to validate."""
    return f"{(clamp(at) - EPOCH) // timedelta(microseconds=1)}-{entry_id}"


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    if _CURSOR.fullmatch(cursor) is None:
        return None
    micros, _sep, entry_id = cursor.partition("-")
    limit = (LATEST - EPOCH) // timedelta(microseconds=1)
    return EPOCH + timedelta(microseconds=min(int(micros), limit)), int(entry_id)


def changes_since(
    session: Session, since: datetime, *, today: date, limit: int = 100, cursor: tuple[datetime, int] | None = None
) -> ChangePage:
    """Changes in order of their time (then id); `cursor` continues after the last change of the previous page."""
    limit = max(1, min(limit, MAX_LIMIT))
    since = clamp(since)
    query = (
        sa.select(ListEntry, Subject, public_on(ListEntry, today).label("is_public"))
        .join(Subject, Subject.id == ListEntry.subject_id)
        .where(ListEntry.updated_at > since, ListEntry.status.not_in(NEVER_PUBLISHED))
        .order_by(ListEntry.updated_at, ListEntry.id)
        .limit(limit + 1)
    )
    if cursor is not None:
        at, last_id = cursor
        query = query.where(
            sa.or_(ListEntry.updated_at > at, sa.and_(ListEntry.updated_at == at, ListEntry.id > last_id))
        )
    rows = session.execute(query).all()
    changes = []
    for entry, subject, is_public in rows[:limit]:
        if not is_public:
            changes.append(Change("removed", entry.updated_at, entry.id, None))
        else:
            kind = "added" if entry.created_at > since else "changed"
            changes.append(Change(kind, entry.updated_at, entry.id, present_list_entry_detail(entry, subject)))
    next_cursor = encode_cursor(changes[-1].at, changes[-1].entry_id) if len(rows) > limit else None
    expired: list[int] = []
    if cursor is None:
        start = since.date() - timedelta(days=1)
        ended = (
            sa.select(ListEntry.id)
            .where(ListEntry.public_until >= start, ListEntry.public_until < today, ListEntry.updated_at <= since,
                   ListEntry.status.not_in(NEVER_PUBLISHED))
            .order_by(ListEntry.id)
            .limit(MAX_EXPIRED)
        )  # fmt: skip
        expired = [int(i) for i in session.scalars(ended)]
    return ChangePage(changes, expired, next_cursor)
