"""Red-list conflicts in the back office (/review/conflicts): red-list entries whose subject has public dishonesty
information (DOMAIN §5.5). A department's verifier sees the entries its department recognised (as 发起单位).

URLS is added to the review blueprint by portal/review/__init__.py.
"""

from __future__ import annotations

from typing import Any

from flask import Response, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import Role, sees_only_own_department
from portal.extensions import db
from portal.review import redlist_conflicts
from portal.review.routes import _context

REASON_LABELS = {
    "blacklist": _l("Serious dishonesty list"),
    "watchlist": _l("Key attention list"),
    "penalty_serious": _l("Administrative penalty (serious)"),
    "penalty_general": _l("Administrative penalty"),
}


def _found() -> list[redlist_conflicts.Conflict]:
    department = current_user.department_uscc if sees_only_own_department(current_user.role) else None
    if sees_only_own_department(current_user.role) and not department:
        return []
    return redlist_conflicts.red_list_conflicts(db.session, clock.today(), recognised_by_uscc=department)


@role_required(*Role)
def conflicts_page():  # type: ignore[no-untyped-def]
    return render_template("review/conflicts.html", conflicts=_found(), reason_labels=REASON_LABELS,
                           today=clock.today(), **_context())  # fmt: skip


@role_required(*Role)
def conflicts_csv():  # type: ignore[no-untyped-def]
    name = f"red-list-conflicts-{clock.today().isoformat()}.csv"
    return Response(redlist_conflicts.to_csv(_found()), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={name}",
                             "Cache-Control": "private, no-store"})  # fmt: skip


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/conflicts", "conflicts", conflicts_page, ["GET"]),
    ("/conflicts.csv", "conflicts_csv", conflicts_csv, ["GET"]),
]
