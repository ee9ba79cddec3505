"""Counts of public records per subject, for many subjects in one go (search cards) — every kind of the registry.

Keys as in a profile (portal/public/records.py): one per kind, but one per list category (redlist, blacklist,
watchlist) for the kind filed by list category. Only records public on `today` are counted (portal.visibility).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.kinds import ListCategory
from portal.i18n import CATEGORY_LABELS, RECORD_KIND_LABELS
from portal.visibility import public_on


def count_keys() -> list[str]:
    """Every count key, in registry order (list categories in place of the list kind)."""
    out: list[str] = []
    for spec in kinds.specs():
        out.extend(c.value for c in ListCategory) if spec.by_list_category else out.append(spec.kind.value)
    return out


def count_labels() -> dict[str, Any]:
    """Count key -> its heading in the interface language (list categories by their list's name)."""
    return {key: CATEGORY_LABELS.get(key) or RECORD_KIND_LABELS[key] for key in count_keys()}


def public_counts(session: Session, today: date, subject_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """subject id -> {count key: number of public records}, every key present (zero included). One round trip."""
    ids = sorted(set(subject_ids))
    out: dict[int, dict[str, int]] = {i: dict.fromkeys(count_keys(), 0) for i in ids}
    if not ids:
        return out
    for key, subject_id, n in session.execute(_counts_statement(), {"today": today, "ids": ids}):
        out[subject_id][str(getattr(key, "value", key))] += int(n)
    return out


@cache
def _counts_statement() -> sa.CompoundSelect:
    """Built once (building and compiling it cost more than running it): per kind, the public records of the
    subjects in :ids on :today, grouped by subject (and by list category for the kind filed by category)."""
    today = sa.bindparam("today", type_=sa.Date)
    parts = []
    for spec in kinds.specs():
        model = spec.model
        key = sa.cast(model.category, sa.String) if spec.by_list_category else sa.literal(spec.kind.value)
        where = (model.subject_id.in_(sa.bindparam("ids", expanding=True)), public_on(model, today))
        group = (model.subject_id, model.category) if spec.by_list_category else (model.subject_id,)
        parts.append(sa.select(key.label("key"), model.subject_id, sa.func.count()).where(*where).group_by(*group))
    return sa.union_all(*parts)
