"""Public snapshots of followed subjects and their differences: 新增, 变更 and 停止公示.

A snapshot maps "<kind>:<id>" to "<version>:<status>" for every record that is public on a day, computed through
portal.visibility.public_on, so a record whose publicity ends by date (no write at all) simply leaves the set.
A record matching its kind's follow_alert (a 违诺 commitment) carries a trailing "!": becoming such is news to the
followers, so diff() reports it as 新增 rather than as a 变更 of the record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.models import Subject
from portal.public.presenters import PublicRecord
from portal.visibility import public_on

CHUNK = 500  # subject ids per IN (...) query

Snapshot = dict[str, str]


ALERT = "!"


def marker(version: int, status: Any, alert: bool = False) -> str:
    """What counts as a change: a new version (correction, re-import) or a visible status change (异议标注)."""
    return f"{version}:{getattr(status, 'value', status)}{ALERT if alert else ''}"


def alert_column(spec: kinds.KindSpec) -> Any:
    """True for a record its kind marks as news to followers (KindSpec.follow_alert), as a selectable column."""
    if spec.follow_alert is None:
        return sa.literal(False)
    return sa.case((spec.follow_alert(spec.model), True), else_=False)


def public_snapshots(session: Session, subject_ids: Iterable[int], today: date) -> dict[int, Snapshot]:
    """Each subject's public records on `today` as a snapshot; subjects without any get an empty one."""
    ids = sorted(set(subject_ids))
    out: dict[int, Snapshot] = {subject_id: {} for subject_id in ids}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for spec in kinds.specs():
            model = spec.model
            query = sa.select(model.id, model.subject_id, model.version, model.status, alert_column(spec)).where(
                model.subject_id.in_(chunk), public_on(model, today)
            )
            for record_id, subject_id, version, status, alert in session.execute(query):
                out[subject_id][f"{spec.kind.value}:{record_id}"] = marker(version, status, bool(alert))
    return out


def load(text: str | None) -> Snapshot:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def dump(snapshot: Snapshot) -> str:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Changes:
    added: tuple[str, ...] = ()  # keys newly public
    changed: tuple[str, ...] = ()  # keys public before and now, with a new version or status
    stopped: dict[str, int] = field(default_factory=dict)  # kind -> how many left public view (no details)
    alerts: frozenset[str] = frozenset()  # the added keys their kind points out (a 违诺): "needs attention"

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.stopped)


def _newly_alerted(old: str, new: str) -> bool:
    return new.endswith(ALERT) and not old.endswith(ALERT)


def diff(old: Snapshot, new: Snapshot) -> Changes:
    added = tuple(sorted(k for k in new if k not in old or _newly_alerted(old[k], new[k])))
    changed = tuple(sorted(k for k in new if k in old and old[k] != new[k] and not _newly_alerted(old[k], new[k])))
    stopped: dict[str, int] = {}
    for key in old:
        if key not in new:
            kind = key.partition(":")[0]
            stopped[kind] = stopped.get(kind, 0) + 1
    alerts = frozenset(k for k in added if new[k].endswith(ALERT))
    return Changes(added, changed, stopped, alerts)


def present_keys(session: Session, keys: Iterable[str], today: date) -> dict[str, PublicRecord]:
    """The public presentation of records named by snapshot keys; anything not public today is left out."""
    wanted: dict[kinds.KindSpec, list[int]] = {}
    for key in keys:
        kind, _sep, ident = key.partition(":")
        spec = kinds.find(kind)
        if spec is not None and ident.isdigit():
            wanted.setdefault(spec, []).append(int(ident))
    out: dict[str, PublicRecord] = {}
    for spec, ids in wanted.items():
        model = spec.model
        for start in range(0, len(ids), CHUNK):
            query = (
                sa.select(model, Subject)
                .join(Subject, Subject.id == model.subject_id)
                .where(model.id.in_(ids[start : start + CHUNK]), public_on(model, today))
            )
            for record, subject in session.execute(query):
                out[f"{spec.kind.value}:{record.id}"] = spec.present(record, subject)
    return out
