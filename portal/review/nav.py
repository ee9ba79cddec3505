"""The back-office menu: one table of (page, label, roles), shown to each staff member as their role allows.

Every staff page (review, joint, cms, accounts, bindings) includes templates/review/_header.html, which renders
`staff_menu` from the context processor below; the routes still check their own roles (role_required).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.domain.entry import ENTRY_ROLES, UPSTREAM_ROLES
from portal.domain.roles import (
    ACCOUNT_ADMIN_ROLES,
    ALL_ROLES,
    AUDIT_ROLES,
    BINDING_ROLES,
    CONSULTATION_ROLES,
    EXPORT_ROLES,
    JOINT_ROLES,
    PAGE_EDITOR_ROLES,
    SUPERVISION_ROLES,
    SUPERVISION_VIEW_ROLES,
    Role,
)
from portal.i18n import ROLE_LABELS


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: Any  # lazy text
    roles: frozenset[Role]
    args: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return url_for(self.endpoint, **self.args)


EVERYONE = frozenset(Role)
MENU = (
    MenuItem("review.queue", _l("Work queue"), ALL_ROLES),
    MenuItem("review.queue", _l("Overdue"), ALL_ROLES, {"overdue": "y"}),
    MenuItem("joint.index", _l("Joint reward and punishment"), JOINT_ROLES),
    MenuItem("review.entry_index", _l("Data entry"), ENTRY_ROLES),
    MenuItem("review.timeliness", _l("Timeliness"), EVERYONE),
    MenuItem("supervision.index", _l("Graded supervision"), SUPERVISION_ROLES),
    MenuItem("watch.index", _l("Watch lists"), SUPERVISION_VIEW_ROLES),
    MenuItem("interviews.index", _l("Interviews"), SUPERVISION_VIEW_ROLES),
    MenuItem("review.conflicts", _l("Red-list conflicts"), EVERYONE),
    MenuItem("review.consultations", _l("Consultations"), CONSULTATION_ROLES),
    MenuItem("review.bindings", _l("Enterprise bindings"), BINDING_ROLES),
    MenuItem("cms.staff_index", _l("Site pages"), PAGE_EDITOR_ROLES),
    MenuItem("review.exports", _l("Exports"), EXPORT_ROLES),
    MenuItem("review.upstream_page", _l("Upstream platform export"), UPSTREAM_ROLES),
    MenuItem("grants.institutions", _l("Institutions for authorised checks"), frozenset({Role.ADMIN})),
    MenuItem("reports.special_areas", _l("Areas of departments"), frozenset({Role.ADMIN})),
    MenuItem("review.audit", _l("Audit log"), AUDIT_ROLES),
    MenuItem("accounts.users", _l("Staff accounts"), ACCOUNT_ADMIN_ROLES),
    MenuItem("accounts.password", _l("Change password"), EVERYONE),
)
# Where a staff member lands after signing in: the first page of the menu their role may use.
HOME = {role: next(item for item in MENU if role in item.roles) for role in Role}


def home_url(role: Role) -> str:
    return HOME[role].url


def staff_context() -> dict[str, Any]:
    role = getattr(current_user, "role", None) if current_user else None
    if not isinstance(role, Role):  # anonymous, or an enterprise account (role None)
        return {}
    return {"staff_menu": [item for item in MENU if role in item.roles], "me": current_user,
            "role_labels": ROLE_LABELS}  # fmt: skip


def init_app(app: Flask) -> None:
    app.context_processor(staff_context)
