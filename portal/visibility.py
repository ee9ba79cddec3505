"""The publicity rules as SQL: every public read filters through `public_on` (STYLE §1)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from portal.domain.publicity import VISIBLE_STATUSES
from portal.models import ListEntry, Penalty, Permit

PublicModel = type[Penalty] | type[Permit] | type[ListEntry]


def public_on(model: PublicModel, today: date | sa.BindParameter[date]) -> sa.ColumnElement[bool]:
    """Public on `today`: a visible status and today inside [public_from, public_until] (inclusive end).

    `today` may be a bound parameter, for statements built once and run with the day as a parameter.

    Mirrors portal.domain.publicity.is_public, which a test checks row by row against this filter.
    """
    return sa.and_(
        model.status.in_(sorted(VISIBLE_STATUSES)),
        model.public_from <= today,
        sa.or_(model.public_until.is_(None), model.public_until >= today),
    )
