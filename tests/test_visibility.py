"""The SQL filter portal.visibility.public_on selects exactly the rows portal.domain.publicity.is_public accepts."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.domain.publicity import RecordStatus, is_public
from portal.extensions import db
from portal.models import ListEntry, Penalty, Permit
from portal.visibility import public_on
from tests import factories
from tests.conftest import TODAY

DAY = timedelta(days=1)
# Boundaries of DOMAIN §5.3: both ends inclusive, None = open-ended. public_from = today-1 and
# public_until = today+1 are the "well inside" cases that frame the boundaries.
FROMS = (TODAY + DAY, TODAY, TODAY - DAY)
UNTILS = (TODAY - DAY, TODAY, TODAY + DAY, None)
WINDOWS = list(itertools.product(list(RecordStatus), FROMS, UNTILS))

Model = type[Penalty] | type[Permit] | type[ListEntry]
Row = Penalty | Permit | ListEntry


BUILDERS: dict[Model, Callable[..., Row]] = {
    Penalty: factories.PenaltyFactory.build,
    Permit: factories.PermitFactory.build,
    ListEntry: factories.ListEntryFactory.build,
}


def _insert_every_window(model: Model) -> list[Row]:
    subject = factories.SubjectFactory()
    rows = [
        BUILDERS[model](subject=subject, status=status, public_from=start, public_until=end)
        for status, start, end in WINDOWS
    ]
    db.session.add_all(rows)
    db.session.commit()
    return rows


@pytest.mark.usefixtures("app_any_db")
@pytest.mark.parametrize("model", [Penalty, Permit, ListEntry], ids=["penalty", "permit", "list"])
def test_the_sql_filter_selects_exactly_the_rows_the_domain_rule_calls_public(model: Model) -> None:
    rows = _insert_every_window(model)
    selected = set(db.session.scalars(sa.select(model.id).where(public_on(model, TODAY))))
    expected = {r.id for r in rows if is_public(r.status, r.public_from, r.public_until, TODAY)}
    assert selected == expected
    # Published + under objection, each with from ∈ {today, today-1} and until ∈ {today, today+1, None}.
    assert len(expected) == 2 * 2 * 3


@pytest.mark.usefixtures("app_any_db")
@pytest.mark.parametrize("model", [Penalty, Permit, ListEntry], ids=["penalty", "permit", "list"])
def test_the_sql_filter_and_the_domain_rule_agree_on_the_days_around_today(model: Model) -> None:
    rows = _insert_every_window(model)
    for day in (TODAY - 2 * DAY, TODAY - DAY, TODAY + DAY, TODAY + 2 * DAY):
        selected = set(db.session.scalars(sa.select(model.id).where(public_on(model, day))))
        assert selected == {r.id for r in rows if is_public(r.status, r.public_from, r.public_until, day)}, day


def _window_of(rows: list[Row], status: RecordStatus, start: date, end: date | None) -> int:
    return next(r.id for r in rows if (r.status, r.public_from, r.public_until) == (status, start, end))


# Explicit expectations, so a shared mistake in both rules cannot pass unnoticed.
EXPLICIT_CASES = [
    (RecordStatus.PUBLISHED, TODAY, TODAY, True),  # first and last day at once
    (RecordStatus.PUBLISHED, TODAY + DAY, None, False),  # not yet
    (RecordStatus.PUBLISHED, TODAY - DAY, TODAY - DAY, False),  # the day after the end
    (RecordStatus.PUBLISHED, TODAY - DAY, None, True),  # open-ended
    (RecordStatus.UNDER_OBJECTION, TODAY, TODAY, True),  # still visible with the mark (DOMAIN §5.4)
    (RecordStatus.NOT_PUBLIC, TODAY - DAY, None, False),
    (RecordStatus.WITHDRAWN, TODAY - DAY, None, False),
    (RecordStatus.REPAIRED, TODAY - DAY, None, False),
]


@pytest.mark.usefixtures("app_any_db")
def test_a_penalty_is_public_only_inside_its_window_and_with_a_visible_status() -> None:
    rows = _insert_every_window(Penalty)
    selected = set(db.session.scalars(sa.select(Penalty.id).where(public_on(Penalty, TODAY))))
    for status, start, end, public in EXPLICIT_CASES:
        assert (_window_of(rows, status, start, end) in selected) is public, (status, start, end)
