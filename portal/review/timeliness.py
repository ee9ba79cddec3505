"""Staff dashboard of 双公示 timeliness (/review/timeliness): per 数据来源单位, the records, those uploaded within 7
working days of the decision, and the 迟报率 (share uploaded late).

The numbers are the public statistics' own (portal/public/views_stats.py: the same query, cache and window), so
the office and the public never see two different figures. A department user sees its own department only.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import Role, sees_only_own_department
from portal.public.stats_cache import MIN_YEAR, cached_statistics, window_for
from portal.public.stats_queries import DEADLINE_WORKDAYS, Timeliness

ROLES = tuple(Role)


def late_share(row: Timeliness) -> float:
    """迟报率 in per cent: the complement of the on-time share (0 when there are no records)."""
    return round(100.0 - row.share, 1) if row.records else 0.0


@role_required(*ROLES)
def timeliness():  # type: ignore[no-untyped-def]
    today = clock.today()
    raw_year = request.args.get("year", "")
    if raw_year and not (
        raw_year.isascii() and raw_year.isdigit() and len(raw_year) == 4 and MIN_YEAR <= int(raw_year) <= today.year
    ):
        abort(400)
    year = int(raw_year) if raw_year else None
    source = None
    if sees_only_own_department(current_user.role):
        if not current_user.department_uscc:
            abort(403)
        source = str(current_user.department_uscc)
    stats = cached_statistics(today, year, source)[1]
    rows = sorted(stats.timeliness.values(), key=lambda t: (-late_share(t), -t.records, t.name))
    return render_template("review/timeliness.html", rows=rows, late_share=late_share, window=window_for(today, year),
                           year=year, years=list(range(today.year, max(MIN_YEAR, today.year - 5) - 1, -1)),
                           deadline=DEADLINE_WORKDAYS, own=source)  # fmt: skip


URLS: list[tuple[str, str, Any, list[str]]] = [("/timeliness", "timeliness", timeliness, ["GET"])]
