"""Demo data only: plausible upload times for imported 双公示 records, so the timeliness statistic means something.

The demo importer writes every record "now"; a real platform receives each record some days after its decision.
Deterministic (from the record id), so the same seed gives the same statistics.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.models import Penalty, Permit

CHINA = ZoneInfo("Asia/Shanghai")
BATCH = 5_000


def upload_lag_days(record_id: int) -> int:
    """Most departments upload within days; about one record in five arrives weeks late."""
    spread = (record_id * 7919) % 100
    return 1 + spread % 8 if spread < 80 else 12 + spread % 30


def spread_upload_times(session: Session, *, as_of: date) -> int:
    """Sets created_at = decision day + lag (10:00 in China, never after as_of) for every penalty and permit."""
    changed = 0
    for model in (Penalty, Permit):
        last_id = 0
        while True:
            rows = session.execute(
                sa.select(model.id, model.decided_on).where(model.id > last_id).order_by(model.id).limit(BATCH)
            ).all()
            if not rows:
                break
            updates = []
            for record_id, decided_on in rows:
                day = min(decided_on + timedelta(days=upload_lag_days(record_id)), as_of)
                updates.append({"id": record_id, "created_at": datetime.combine(day, time(10), CHINA).astimezone(UTC)})
            session.execute(sa.update(model), updates)
            changed += len(updates)
            last_id = rows[-1][0]
    session.commit()
    return changed
