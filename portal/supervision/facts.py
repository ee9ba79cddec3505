"""Records → grading facts (portal.domain.grading.Fact), one loader per record kind, keyed by the kind's value.

Public and non-public records both count (DOMAIN §20); withdrawn (撤销) and repaired (修复) ones do not, as their
effect has ended. Each loader selects only the few columns a rule can test, for a range of subjects, and skips in
SQL what can no longer count on the day (older than the longest RECENT window and no longer in force).

The rating and inspection kinds (data-standard §11, §14) are read by kind value from the registry once they are
registered, through the attribute names their models carry (`scheme`, `scheme_key`, `grade`, `valid_until`;
`result`, `check_type`, `doc_no`); until then their loaders return nothing, so rules about them find nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.dates import add_months, add_years
from portal.domain.grading import Fact, Rule, Window, rating_position, recent_since
from portal.domain.kinds import BROKEN_COMMITMENT_STATES
from portal.domain.publicity import RecordStatus
from portal.domain.publicity_rated import rating_default_until
from portal.models import Coercion, Commitment, Honour, ListEntry, Penalty

Where = Callable[[Any], Any]  # subject_id column → SQL condition (a range of ids, or a list)
ENDED = (RecordStatus.WITHDRAWN, RecordStatus.REPAIRED)


@dataclass(frozen=True, slots=True)
class Scope:
    where: Where
    day: date
    lookback: date  # records dated earlier only count while in force
    rules: tuple[Rule, ...] = ()  # the rules about this kind (a loader may select only what they can match)


def _base(model: Any, scope: Scope, *columns: Any) -> sa.Select[Any]:
    return sa.select(model.id, model.subject_id, model.status, *columns).where(
        scope.where(model.subject_id), model.status.not_in(ENDED)
    )


def _rows(session: Session, stmt: sa.Select[Any]) -> Any:
    """Plain rows through the session's connection: Core, without the ORM's per-row loading (10× faster here)."""
    return session.connection().execute(stmt)


def _fact(row: Any, kind: str, title: str, day: date, start: date, until: date | None,
          attrs: tuple[tuple[str, str], ...] = ()) -> Fact:  # fmt: skip
    under_objection = row.status == RecordStatus.UNDER_OBJECTION  # a StrEnum equals its value too
    return Fact(row.subject_id, kind, row.id, title, day, start, until, attrs, under_objection)


def _earliest(*ends: date | None) -> date | None:
    found = [end for end in ends if end is not None]
    return min(found) if found else None


def penalties(session: Session, scope: Scope) -> Iterator[Fact]:
    """In force = its publicity period by rule (public_until), whether or not it is public."""
    p = Penalty
    stmt = _base(p, scope, p.decision_no, p.decided_on, p.public_until, p.severity).where(
        p.decided_on <= scope.day, _penalty_rules(scope)
    )
    for row in _rows(session, stmt):
        severity = getattr(row.severity, "value", row.severity)
        yield _fact(row, "penalty", row.decision_no, row.decided_on, row.decided_on, row.public_until,
                    (("severity", severity),))  # fmt: skip


def _penalty_rules(scope: Scope) -> Any:
    """Penalties are most of the records: select only those some rule can match (its severities, its window), so
    a 一般 penalty of two years ago is not even read when the rules look one year back for 一般 ones."""
    p = Penalty
    conditions = []
    for rule in scope.rules or ():
        severities = dict(rule.match).get("severity")
        test = p.severity.in_(severities) if severities else sa.true()
        if rule.window is Window.RECENT:
            window = p.decided_on >= recent_since(scope.day, rule.months or 0)
        else:
            window = sa.or_(p.public_until.is_(None), p.public_until >= scope.day)
        conditions.append(sa.and_(test, window))
    if not conditions:  # called without rules: everything that could count, as for the other kinds
        return sa.or_(p.decided_on >= scope.lookback, p.public_until >= scope.day)
    return sa.or_(*conditions)


def list_entries(session: Session, scope: Scope) -> Iterator[Fact]:
    """In force from 列入日期 through 有效期至, not from 移出日期 on (DOMAIN §5.5)."""
    e = ListEntry
    stmt = _base(e, scope, e.list_name, e.category, e.listed_on, e.valid_until, e.removed_on).where(
        e.listed_on <= scope.day,
        sa.or_(
            e.listed_on >= scope.lookback,
            sa.and_(
                sa.or_(e.valid_until.is_(None), e.valid_until >= scope.day),
                sa.or_(e.removed_on.is_(None), e.removed_on > scope.day),
            ),
        ),
    )
    for row in _rows(session, stmt):
        removed = row.removed_on - timedelta(days=1) if row.removed_on else None
        category = getattr(row.category, "value", row.category)
        yield _fact(row, "list", row.list_name, row.listed_on, row.listed_on, _earliest(row.valid_until, removed),
                    (("category", category),))  # fmt: skip


def commitments(session: Session, scope: Scope) -> Iterator[Fact]:
    """A 违诺 dates from its 履行状态认定日期 (§19); in force through 承诺有效期至, or 承诺作出日期 + 3 years."""
    c = Commitment
    stmt = _base(c, scope, c.matter, c.made_on, c.valid_until, c.state, c.state_on).where(c.made_on <= scope.day)
    for row in _rows(session, stmt):
        broken = row.state in BROKEN_COMMITMENT_STATES
        day = row.state_on if broken and row.state_on else row.made_on
        until = row.valid_until or add_years(row.made_on, 3)
        if day < scope.lookback and until < scope.day:
            continue
        yield _fact(row, "commitment", row.matter[:80], day, row.made_on, until,
                    (("broken", "yes" if broken else "no"),))  # fmt: skip


def coercions(session: Session, scope: Scope) -> Iterator[Fact]:
    """In force from 决定日期 until lifted (解除日期) or its term ends, never beyond 决定日期 + 3 years (§19)."""
    c = Coercion
    stmt = _base(c, scope, c.doc_no, c.decided_on, c.term_until, c.lifted_on).where(
        c.decided_on <= scope.day,
        sa.or_(c.decided_on >= scope.lookback, c.lifted_on.is_(None), c.lifted_on > scope.day),
    )
    for row in _rows(session, stmt):
        lifted = row.lifted_on - timedelta(days=1) if row.lifted_on else None
        until = _earliest(lifted, row.term_until, add_years(row.decided_on, 3))
        yield _fact(row, "coercion", row.doc_no, row.decided_on, row.decided_on, until)


def honours(session: Session, scope: Scope) -> Iterator[Fact]:
    """In force through 有效期至 (授予日期 + 3 years when blank), not from 撤销日期 on (§19)."""
    h = Honour
    stmt = _base(h, scope, h.honour_name, h.level, h.granted_on, h.valid_until, h.revoked_on).where(
        h.granted_on <= scope.day,
        sa.or_(h.granted_on >= scope.lookback, h.revoked_on.is_(None), h.revoked_on > scope.day),
    )
    for row in _rows(session, stmt):
        revoked = row.revoked_on - timedelta(days=1) if row.revoked_on else None
        until = _earliest(row.valid_until or add_years(row.granted_on, 3), revoked)
        yield _fact(row, "honour", row.honour_name, row.granted_on, row.granted_on, until,
                    (("level", row.level or "其他"),))  # fmt: skip


def _registered_model(kind: str, *attributes: str) -> Any | None:
    spec = kinds.find(kind)
    if spec is None or not all(hasattr(spec.model, name) for name in attributes):
        return None
    return spec.model


def ratings(session: Session, scope: Scope) -> Iterator[Fact]:
    """A rating is in force from 评价日期 through 有效期至 (blank: the scheme's default, rating_default_until), and
    ends the day before a newer rating of the same scheme (data-standard §11), whatever the stored end says."""
    model = _registered_model("rating", "scheme", "grade", "valid_until", "day")
    if model is None:
        return
    group = model.scheme_key if hasattr(model, "scheme_key") else model.scheme  # 其他行业 schemes differ by 说明
    stmt = _base(model, scope, model.scheme, group.label("group"), model.grade, model.day.label("rated_on"),
                 model.valid_until).where(model.day <= scope.day)  # fmt: skip
    rows = sorted(_rows(session, stmt), key=lambda r: (r.subject_id, r.group, r.rated_on))
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        superseded = None
        if following is not None and (following.subject_id, following.group) == (row.subject_id, row.group):
            superseded = following.rated_on - timedelta(days=1) if following.rated_on > row.rated_on else None
        until = row.valid_until if row.valid_until is not None else rating_default_until(row.scheme, row.rated_on)
        position = rating_position(row.scheme, row.grade)
        attrs = (("scheme", row.scheme),) + ((("position", position),) if position else ())
        yield _fact(row, "rating", f"{row.scheme} {row.grade}", row.rated_on, row.rated_on,
                    _earliest(until, superseded), attrs)  # fmt: skip


def inspections(session: Session, scope: Scope) -> Iterator[Fact]:
    """An inspection result counts for a year from its 检查日期 (its publicity, DOMAIN §19)."""
    model = _registered_model("inspection", "result", "check_type", "day", "doc_no")
    if model is None:
        return
    stmt = _base(model, scope, model.doc_no, model.day.label("inspected_on"), model.result, model.check_type).where(
        model.day <= scope.day, model.day >= min(scope.lookback, add_years(scope.day, -1))
    )
    for row in _rows(session, stmt):
        yield _fact(row, "inspection", row.doc_no, row.inspected_on, row.inspected_on,
                    add_years(row.inspected_on, 1), (("result", row.result), ("category", row.check_type)))  # fmt: skip


LOADERS: dict[str, Callable[[Session, Scope], Iterable[Fact]]] = {
    "penalty": penalties,
    "list": list_entries,
    "commitment": commitments,
    "coercion": coercions,
    "honour": honours,
    "rating": ratings,
    "inspection": inspections,
}


def lookback(day: date, longest_months: int) -> date:
    """The earliest record date a RECENT window of `longest_months` can reach on `day` (one month of slack for the
    month-end rule of add_months)."""
    return add_months(day, -(longest_months + 1))
