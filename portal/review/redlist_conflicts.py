"""Red-list conflicts (DOMAIN §5.5): a subject on a red list that also has public dishonesty information.

A subject with dishonesty information must not be reported as a red-list subject (seed 000 二(三)); the portal
does not hide the entry by itself (DOMAIN §17: flag, do not auto-hide) but shows the conflict to the staff and to
the 发起单位 that recognised the red-list entry, which decides on its removal. Dishonesty information here is what
is public today: an entry on the 严重失信主体名单 or 重点关注名单, or an administrative penalty (一般 or 严重).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.kinds import ListCategory
from portal.domain.publicity import Severity
from portal.models import ListEntry, Penalty, Subject
from portal.tabular import csv_document
from portal.visibility import public_on

DISHONEST_LISTS = (ListCategory.BLACKLIST, ListCategory.WATCHLIST)


@dataclass(frozen=True, slots=True)
class Dishonesty:
    kind: str  # blacklist | watchlist | penalty_serious | penalty_general
    title: str  # list name or 处罚决定书文号
    on: date  # 列入日期 or 处罚决定日期
    record_id: int


@dataclass(slots=True)
class Conflict:
    subject_id: int
    subject_public_id: str
    subject_name: str
    uscc: str | None
    red_entry_id: int
    red_list: str
    recognised_by: str
    recognised_by_uscc: str
    listed_on: date
    reasons: list[Dishonesty] = field(default_factory=list)

    @property
    def serious(self) -> bool:
        return any(r.kind in ("blacklist", "penalty_serious") for r in self.reasons)


def red_list_conflicts(session: Session, today: date, *, recognised_by_uscc: str | None = None) -> list[Conflict]:
    """Every public red-list entry whose subject has public dishonesty information today, most serious first.

    `recognised_by_uscc` narrows to the entries of one 发起单位 (a department sees its own). Three set-based
    queries whatever the number of entries.
    """
    red = sa.select(ListEntry, Subject).join(Subject, Subject.id == ListEntry.subject_id).where(
        ListEntry.category == ListCategory.REDLIST, public_on(ListEntry, today))
    if recognised_by_uscc:
        red = red.where(ListEntry.recognised_by_uscc == recognised_by_uscc)
    dishonest_entry = sa.select(ListEntry.subject_id).where(
        ListEntry.category.in_(DISHONEST_LISTS), public_on(ListEntry, today))
    penalised = sa.select(Penalty.subject_id).where(public_on(Penalty, today))
    red = red.where(sa.or_(ListEntry.subject_id.in_(dishonest_entry), ListEntry.subject_id.in_(penalised)))
    conflicts = [
        Conflict(subject.id, subject.public_id, subject.name, subject.uscc, entry.id, entry.list_name,
                 entry.recognised_by, entry.recognised_by_uscc, entry.listed_on)  # fmt: skip
        for entry, subject in session.execute(red.order_by(ListEntry.listed_on.desc(), ListEntry.id))
    ]
    if not conflicts:
        return []
    by_subject: dict[int, list[Dishonesty]] = {}
    ids = sorted({c.subject_id for c in conflicts})
    for entry in session.scalars(sa.select(ListEntry).where(
            ListEntry.subject_id.in_(ids), ListEntry.category.in_(DISHONEST_LISTS), public_on(ListEntry, today))):
        by_subject.setdefault(entry.subject_id, []).append(
            Dishonesty(entry.category.value, entry.list_name, entry.listed_on, entry.id))
    for penalty in session.scalars(sa.select(Penalty).where(Penalty.subject_id.in_(ids), public_on(Penalty, today))):
        kind = "penalty_serious" if penalty.severity is Severity.SERIOUS else "penalty_general"
        by_subject.setdefault(penalty.subject_id, []).append(
            Dishonesty(kind, penalty.decision_no, penalty.decided_on, penalty.id))
    for conflict in conflicts:
        conflict.reasons = sorted(by_subject.get(conflict.subject_id, []), key=lambda r: r.on, reverse=True)
    return sorted(conflicts, key=lambda c: not c.serious)  # stable: newest red entries first within each group


CSV_HEADER = ("主体名称", "统一社会信用代码", "红名单名称", "认定单位", "认定单位统一社会信用代码", "列入日期",
              "失信信息类型", "失信信息", "日期")  # fmt: skip
KIND_ZH = {"blacklist": "严重失信主体名单", "watchlist": "重点关注名单", "penalty_serious": "行政处罚（严重）",
           "penalty_general": "行政处罚（一般）"}  # fmt: skip


def to_csv(conflicts: list[Conflict]) -> str:
    """One row per conflict and dishonesty item (portal.tabular: BOM for Excel, formulas defused)."""
    return csv_document(CSV_HEADER, (
        (c.subject_name, c.uscc, c.red_list, c.recognised_by, c.recognised_by_uscc, c.listed_on, KIND_ZH[r.kind],
         r.title, r.on)
        for c in conflicts for r in c.reasons
    ))  # fmt: skip
