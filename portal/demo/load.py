"""Loads generated demo data through the real importer, so demo rows pass the same validation as files.

The only module of portal/demo that touches the database; the generators stay pure.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.demo.generate import plan_for, write_csv
from portal.demo.more_kinds import more_plan, write_more_csv
from portal.demo.rated import write_rated
from portal.domain.kinds import RecordKind
from portal.importers.run import import_file
from portal.public.stats_demo import spread_upload_times


def has_records(session: Session) -> bool:
    return any(session.scalar(sa.select(model.id).limit(1)) is not None for model in (s.model for s in kinds.specs()))


def load_demo(
    session: Session, *, records: int, seed: int, as_of: date, progress: Callable[[int], None] | None = None
) -> str:
    """Generate `records` rows split over the kinds and import them; returns one summary line per kind."""
    further = more_plan(records)  # 行政强制, 荣誉, 信用承诺 (portal/demo/more_kinds.py): a small share each
    plan = plan_for(records - sum(count for _kind, count in further))
    lines = []
    with tempfile.TemporaryDirectory(prefix="portal-demo-") as tmp:
        # the demo plan has one count per kind; list entries first, as before
        planned = (
            (RecordKind.LIST_ENTRY, plan.lists),
            (RecordKind.PENALTY, plan.penalties),
            (RecordKind.PERMIT, plan.permits),
        )
        for kind, count in planned:
            path = Path(tmp) / f"demo-{kind}.csv"
            write_csv(path, kind, count, seed=seed, as_of=as_of)
            result = import_file(session, path, kind, today=as_of, source_label="demo-data")
            lines.append(f"{kind}: {result.summary}")
            if progress:
                progress(count)
        for kind_value, count in further:
            path = Path(tmp) / f"demo-{kind_value}.csv"
            write_more_csv(path, kind_value, count, seed=seed, as_of=as_of, pool_records=records)
            result = import_file(session, path, RecordKind(kind_value), today=as_of, source_label="demo-data")
            lines.append(f"{kind_value}: {result.summary}")
            if progress:
                progress(count)
        for kind, path in write_rated(Path(tmp), records, seed=seed, as_of=as_of):  # ratings and inspections
            lines.append(f"{kind}: {import_file(session, path, kind, today=as_of, source_label='demo-data').summary}")
    spread_upload_times(session, as_of=as_of)  # realistic 双公示 timeliness on /statistics (issue 6)
    return "; ".join(lines)
