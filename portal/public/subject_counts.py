"""Counts of public records per subject, for many subjects in one go (search cards) — every kind of the registry.

Keys as in a profile (portal/public/records.py): one per kind, but one per list category (redlist, blacklist,
watchlist) for the kind filed by list category. Only records public on `today` are counted (portal.visibility).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
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
    """subject id -> {count key: number of public records}, every key present (zero included)."""
    ids = sorted(set(subject_ids))
    out: dict[int, dict[str, int]] = {i: dict.fromkeys(count_keys(), 0) for i in ids}
    if not ids:
        return out
    for spec in kinds.specs():
        model = spec.model
        where = (model.subject_id.in_(ids), public_on(model, today))
        if spec.by_list_category:
            query = sa.select(model.subject_id, model.category, sa.func.count()).where(*where)
            rows = session.execute(query.group_by(model.subject_id, model.category))
            for subject_id, category, n in rows:
                out[subject_id][str(getattr(category, "value", category))] += int(n)
        else:
            query = sa.select(model.subject_id, sa.func.count()).where(*where).group_by(model.subject_id)
            for subject_id, n in session.execute(query):
                out[subject_id][spec.kind.value] += int(n)
    return out


def totals(counts: dict[int, dict[str, int]]) -> dict[int, int]:
    return {subject_id: sum(c.values()) for subject_id, c in counts.items()}
