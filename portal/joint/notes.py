"""The other kinds' information a 联合奖惩 credit check shows beside the list hits (issue 16).

Kinds opt in by KindSpec.joint_role: "discipline" records (行政强制, 违诺 commitments) are information for the
department's 失信惩戒 review, "incentive" ones (honours) for 守信激励. Like the hits, only records public on the day of
the check are read (portal/visibility.py) and shown through the kind's public presenter (masked), so a department
sees here exactly what the public site shows, never a 政务共享 or withdrawn record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.models import Subject
from portal.visibility import public_on

CHUNK = 500
PER_KIND = 20  # newest records per subject and kind kept with a check: enough for a review, bounded for a batch
ROLES = ("discipline", "incentive")


def reviewed_kinds() -> list[Any]:
    """The kinds a check looks at, in registry order."""
    return [spec for spec in kinds.specs() if spec.joint_role in ROLES]


def public_notes(session: Session, subject_ids: Sequence[int], today: date) -> dict[int, list[dict[str, Any]]]:
    """subject id -> the CheckNote values (without check ids) of its public records of the reviewed kinds."""
    found: dict[int, list[dict[str, Any]]] = {}
    ids = sorted(set(subject_ids))
    for spec in reviewed_kinds():
        model = spec.model
        where = [public_on(model, today)]
        if spec.joint_where is not None:
            where.append(spec.joint_where(model))
        per_subject: dict[int, int] = {}
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            owned = model.id.in_(sa.select(model.id).where(model.subject_id.in_(part)).scalar_subquery())
            query = (
                sa.select(model, Subject)
                .join(Subject, Subject.id == model.subject_id)
                .where(owned, *where)
                .order_by(model.subject_id, model.day.desc(), model.id.desc())
            )
            for record, subject in session.execute(query):
                if per_subject.get(subject.id, 0) >= PER_KIND:
                    continue
                per_subject[subject.id] = per_subject.get(subject.id, 0) + 1
                shown = spec.present(record, subject)
                found.setdefault(subject.id, []).append({
                    "kind": spec.kind.value, "record_id": record.id, "role": spec.joint_role,
                    "title": shown.title[:512], "summary": shown.summary or "", "day": shown.decided_on,
                    "authority": shown.authority[:256],
                })  # fmt: skip
    return found
