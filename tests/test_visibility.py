"""The SQL filter portal.visibility.public_on selects exactly the rows portal.domain.publicity.is_public accepts."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.domain.kinds import ListCategory, PermitState, SubjectKind
from portal.domain.publicity import RecordStatus, Severity, is_public
from portal.extensions import db
from portal.models import ListEntry, Penalty, Permit, Subject
from portal.visibility import public_on
from tests.conftest import TODAY

DAY = timedelta(days=1)
# Boundaries of DOMAIN §5.3: both ends inclusive, None = open-ended. public_from = today-1 and
# public_until = today+1 are the "well inside" cases that frame the boundaries.
FROMS = (TODAY + DAY, TODAY, TODAY - DAY)
UNTILS = (TODAY - DAY, TODAY, TODAY + DAY, None)
WINDOWS = list(itertools.product(list(RecordStatus), FROMS, UNTILS))

Model = type[Penalty] | type[Permit] | type[ListEntry]
Row = Penalty | Permit | ListEntry


def _common(subject: Subject, n: int, status: RecordStatus, public_from: date, public_until: date | None) -> dict:
    return {
        "subject_id": subject.id,
        "status": status,
        "hold_reason": None if status is RecordStatus.PUBLISHED else "测试",
        "public_from": public_from,
        "public_until": public_until,
        "source_name": "株洲市市场监督管理局",
        "source_uscc": "11430200006123458Y",
        "row_hash": f"{n:064d}",
    }


def _penalty(subject: Subject, n: int, **window: object) -> Penalty:
    return Penalty(
        decision_no=f"株市监罚〔2026〕{n}号",
        decision_key=f"株市监罚〔2026〕{n}号",
        violation_type="生产经营超过保质期的食品",
        facts="当事人销售超过保质期的预包装食品。",
        basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        punishment_types="罚款",
        content="罚款1万元",
        decided_on=TODAY - 30 * DAY,
        authority_name="株洲市市场监督管理局",
        authority_uscc="11430200006123458Y",
        severity=Severity.GENERAL,
        **_common(subject, n, **window),  # type: ignore[arg-type]
    )


def _permit(subject: Subject, n: int, **window: object) -> Permit:
    return Permit(
        doc_title="食品经营许可决定书",
        doc_no=f"株市监食许〔2026〕{n}号",
        doc_key=f"株市监食许〔2026〕{n}号",
        category="普通",
        content="预包装食品销售",
        decided_on=TODAY - 30 * DAY,
        valid_from=TODAY - 30 * DAY,
        valid_until=date(2031, 1, 7),
        authority_name="株洲市市场监督管理局",
        authority_uscc="11430200006123458Y",
        state=PermitState.VALID,
        **_common(subject, n, **window),  # type: ignore[arg-type]
    )


def _list_entry(subject: Subject, n: int, **window: object) -> ListEntry:
    return ListEntry(
        category=ListCategory.BLACKLIST,
        list_name="政府采购领域严重违法失信主体",
        list_key="政府采购领域严重违法失信主体",
        reason="在政府采购活动中提供虚假材料谋取中标",
        basis="《中华人民共和国政府采购法》第七十七条",
        doc_no=f"株财采处〔2026〕{n}号",
        doc_key=f"株财采处〔2026〕{n}号",
        recognised_by="株洲市财政局",
        recognised_by_uscc="11430200006123474L",
        listed_on=TODAY - 30 * DAY,
        **_common(subject, n, **window),  # type: ignore[arg-type]
    )


BUILDERS: dict[Model, Callable[..., Row]] = {Penalty: _penalty, Permit: _permit, ListEntry: _list_entry}


def _insert_every_window(model: Model) -> list[Row]:
    subject = Subject(
        kind=SubjectKind.LEGAL, name="株洲示例食品有限公司", name_norm="株洲示例食品有限公司", uscc="91430200MA4L0A1B7K"
    )
    db.session.add(subject)
    db.session.flush()
    rows = [
        BUILDERS[model](subject, n, status=status, public_from=start, public_until=end)
        for n, (status, start, end) in enumerate(WINDOWS, start=1)
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
