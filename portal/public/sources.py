"""/statistics/sources — 数据来源及更新情况: per 数据来源单位, the kinds it provides, its public records and their
last update, like 信用济南's table. Public records only (portal.visibility.public_on), every kind in the registry;
cached with the statistics (same data version), so a request does not repeat the GROUP BY while nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask import render_template
from sqlalchemy.orm import Session

from portal import clock, kinds
from portal.clock import CHINA_TZ
from portal.data_version import data_version
from portal.domain.kinds import RecordKind
from portal.extensions import db
from portal.public.stats_cache import stats_cache
from portal.visibility import public_on


@dataclass(slots=True)
class Source:
    uscc: str
    name: str
    records: int = 0
    last_update: datetime | None = None
    kinds: list[RecordKind] = field(default_factory=list)

    @property
    def last_day(self) -> date | None:
        return self.last_update.astimezone(CHINA_TZ).date() if self.last_update else None


def compute(session: Session, today: date) -> list[Source]:
    """Departments by public records, most first; kinds in registry order."""
    found: dict[str, Source] = {}
    for spec in kinds.specs():
        model = spec.model
        query = (sa.select(model.source_uscc, sa.func.max(model.source_name), sa.func.count(),
                           sa.func.max(model.updated_at))
                 .where(public_on(model, today)).group_by(model.source_uscc))  # fmt: skip
        for uscc, name, count, updated in session.execute(query):
            source = found.setdefault(uscc, Source(uscc, name))
            source.records += int(count)
            source.kinds.append(spec.kind)
            if updated is not None and (source.last_update is None or updated > source.last_update):
                source.last_update = updated
    return sorted(found.values(), key=lambda s: (-s.records, s.name))


def sources():  # type: ignore[no-untyped-def]
    today = clock.today()
    key = ("sources", today, data_version(db.session))
    rows = stats_cache().get_or_compute(key, lambda: compute(db.session, today))
    labels = {spec.kind: spec.label for spec in kinds.specs()}
    return render_template("public/sources.html", sources=rows, labels=labels, today=today)
