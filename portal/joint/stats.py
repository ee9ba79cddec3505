"""统计 of 发起-响应-反馈 (DOMAIN §11 step 5): checks per department, hits, measures applied, feedback rate, overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.joint import FeedbackOutcome
from portal.models import CheckFeedback, CreditCheck, ListEntry
from portal.tabular import csv_document
from portal.visibility import public_on


@dataclass(frozen=True, slots=True)
class DepartmentStats:
    department_uscc: str
    department_name: str
    checks: int
    subjects: int
    hits: int
    feedback: int  # hits with feedback
    applied: int  # hits where a measure was applied
    overdue: int  # checks whose feedback is late or missing past the due day

    @property
    def feedback_rate(self) -> float | None:
        return self.feedback / self.hits if self.hits else None


@dataclass(frozen=True)
class Statistics:
    start: date
    end: date
    departments: list[DepartmentStats]
    total: DepartmentStats
    initiated: dict[str, int]  # 发起: public list entries per category today


def _overdue(today: date) -> sa.ColumnElement[bool]:
    late = sa.or_(
        sa.and_(CreditCheck.feedback_completed_on.is_(None), CreditCheck.feedback_due_on < today),
        CreditCheck.feedback_completed_on > CreditCheck.feedback_due_on,
    )
    return sa.and_(CreditCheck.hits > 0, late)


def statistics(session: Session, *, start: date, end: date, today: date) -> Statistics:
    """Checks made from `start` to `end` (inclusive, China dates), grouped by department, busiest first."""
    in_range = (CreditCheck.checked_on >= start, CreditCheck.checked_on <= end)
    query = (
        sa.select(
            CreditCheck.department_uscc,
            sa.func.max(CreditCheck.department_name),
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(CreditCheck.subjects), 0),
            sa.func.coalesce(sa.func.sum(CreditCheck.hits), 0),
            sa.func.coalesce(sa.func.sum(CreditCheck.feedback_done), 0),
            sa.func.coalesce(sa.func.sum(sa.case((_overdue(today), 1), else_=0)), 0),
        )
        .where(*in_range)
        .group_by(CreditCheck.department_uscc)
    )
    applied_query = (
        sa.select(CreditCheck.department_uscc, sa.func.count())
        .join(CheckFeedback, CheckFeedback.check_id == CreditCheck.id)
        .where(*in_range, CheckFeedback.outcome == FeedbackOutcome.APPLIED.value)
        .group_by(CreditCheck.department_uscc)
    )
    applied = {d: int(n) for d, n in session.execute(applied_query)}
    rows = [
        DepartmentStats(d, name or d, int(c), int(s), int(h), int(f), applied.get(d, 0), int(o))
        for d, name, c, s, h, f, o in session.execute(query)
    ]
    rows.sort(key=lambda r: (-r.checks, r.department_uscc))
    total = DepartmentStats(
        "",
        "",
        *(sum(getattr(r, k) for r in rows) for k in ("checks", "subjects", "hits", "feedback", "applied", "overdue")),
    )
    grouped = (
        sa.select(ListEntry.category, sa.func.count()).where(public_on(ListEntry, today)).group_by(ListEntry.category)
    )
    initiated = {str(getattr(c, "value", c)): int(n) for c, n in session.execute(grouped)}
    return Statistics(start, end, rows, total, initiated)


CSV_HEADER = [
    "部门统一社会信用代码",
    "部门名称",
    "核查次数",
    "核查主体数",
    "命中数",
    "已反馈",
    "已执行措施",
    "反馈率",
    "逾期未反馈核查",
]


def _rate(row: DepartmentStats) -> str:
    return "" if row.feedback_rate is None else f"{row.feedback_rate:.1%}"


def statistics_csv(stats: Statistics) -> str:
    """UTF-8 with BOM (Excel opens it as UTF-8); formula-leading cells are neutralised."""
    return csv_document(CSV_HEADER, (
        (row.department_uscc, row.department_name or "合计", row.checks, row.subjects, row.hits, row.feedback,
         row.applied, _rate(row), row.overdue)
        for row in [*stats.departments, stats.total]
    ))  # fmt: skip


