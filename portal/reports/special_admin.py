"""Admin screen /review/areas: which area (领域) each department belongs to, for special credit reports.

Every department of the departments' table is listed with its area: the one an admin chose, else the one its
name suggests (portal.domain.special.guess_area). Choosing an area is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import Session

from portal import clock
from portal.accounts.permissions import role_required
from portal.domain.roles import Role
from portal.domain.special import Area, guess_area
from portal.extensions import db
from portal.models import AuditEntry, Department, DepartmentArea
from portal.reports.special_forms import AreaForm
from portal.reports.special_labels import labels


@dataclass(frozen=True, slots=True)
class Row:
    uscc: str
    name: str
    area: str
    configured: bool


def rows(session: Session) -> list[Row]:
    chosen = {r.department_uscc: r.area for r in session.scalars(sa.select(DepartmentArea))}
    found = [Row(d.uscc, d.name, (chosen.get(d.uscc) or guess_area(d.name)).value, d.uscc in chosen)
             for d in session.scalars(sa.select(Department).order_by(Department.name))]  # fmt: skip
    known = {r.uscc for r in found}
    found += [Row(uscc, "", area.value, True) for uscc, area in sorted(chosen.items()) if uscc not in known]
    return found


def set_area(session: Session, uscc: str, area: Area, *, actor: str, actor_id: int | None, now: datetime) -> None:
    row = session.scalar(sa.select(DepartmentArea).where(DepartmentArea.department_uscc == uscc))
    before = row.area.value if row else None
    if row is None:
        session.add(DepartmentArea(department_uscc=uscc, area=area, changed_by=actor[:254], changed_at=now))
    else:
        row.area, row.changed_by, row.changed_at = area, actor[:254], now
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action="department_area_set",
                           target=f"department:{uscc}", reason=f"{before or '-'} -> {area.value}", at=now))  # fmt: skip
    session.commit()


@role_required(Role.ADMIN)
def areas() -> Any:
    form = AreaForm()
    if form.validate_on_submit():
        set_area(db.session, form.department_uscc.data.upper(), Area(form.area.data), actor=current_user.email,
                 actor_id=current_user.id, now=clock.now())  # fmt: skip
        flash(_("The area of the department has been saved."))
        return redirect(url_for("reports.special_areas"), code=303)
    return render_template("reports/special_areas.html", form=form, rows=rows(db.session), sl=labels()), (
        400 if form.errors else 200)  # fmt: skip


URLS: list[tuple[str, str, Any, list[str]]] = [
    ("/review/areas", "special_areas", areas, ["GET", "POST"]),
]
