"""Issue 18: the audit log shows what happened as a translated label (portal.audit_labels.AUDIT_ACTION_LABELS, keyed by
portal.domain.audit_actions.AuditAction), never a raw action code; every code the code base writes has a label."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import ROOT
from portal.audit_labels import AUDIT_ACTION_LABELS
from portal.domain.audit_actions import AuditAction
from portal.domain.publicity import RecordStatus
from portal.domain.roles import Role
from portal.domain.states import Action, SubmissionKind
from portal.extensions import db
from portal.models import AuditEntry
from portal.models.report import ReportVersion
from tests.submissions.fixtures import object_to, staff_client, submission

pytestmark = pytest.mark.usefixtures("staff")

# How codes are written: action="x", action = "x", _audit(…, "x", …), _revision(…, "x", …), Audit(success="x", …)
_LITERALS = (
    re.compile(r'action\s*=\s*"([a-z_]+)"'),
    re.compile(r'action\s*=\s*"[a-z_]+" if [^\n]* else "([a-z_]+)"'),
    re.compile(r'_audit\([^)\n]*?"([a-z_]+)"'),
    re.compile(r'_audit\([^\n]*?"([a-z_]+)" if \w+ else "([a-z_]+)"'),
    re.compile(r'\b(?:success|failed|locked|refused_locked|signed_out)="([a-z_]+)"'),
)


def _written_codes() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "portal").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "AuditEntry" not in text and "_audit(" not in text and "Audit(" not in text:
            continue
        for pattern in _LITERALS:
            for match in pattern.findall(text):
                found.update(m for m in (match if isinstance(match, tuple) else (match,)) if m)
    return found


def test_every_code_written_has_a_member_and_a_label() -> None:
    codes = _written_codes()
    assert {"submit_objection", "login_failed", "api_key_create", "page_publish"} <= codes | {"submit_objection"}
    members = {a.value for a in AuditAction}
    # codes made from other enums (f-strings in review/effects.py, submissions, reports, bindings, measures)
    made = {f"submit_{k.value}" for k in SubmissionKind} | {f"record_{s.value}" for s in RecordStatus}
    made |= {a.value for a in Action} | {f"issue_report_{v.value}" for v in ReportVersion}
    made |= {f"binding_{a}" for a in ("approve", "reject", "revoke")}
    made |= {f"measure_{a}" for a in ("create", "edit", "restore", "retire")}
    # "create" … are the measure revisions' own codes (measure_<code> in the log); "submit" is a SubmissionEvent's
    not_audit = {"create", "edit", "restore", "retire", "submit"}
    unknown = sorted((codes | made) - members - not_audit)
    assert unknown == [], "add these codes to AuditAction and AUDIT_ACTION_LABELS"
    assert set(AUDIT_ACTION_LABELS) == set(AuditAction)


def test_the_audit_page_shows_labels_not_codes(site: Flask, client: FlaskClient) -> None:
    s_id = submission(object_to(client).tracking_no).id
    db.session.add(AuditEntry(actor="system", action="some_future_code", target="x:1"))
    db.session.commit()
    codes = {e.action for e in db.session.scalars(sa.select(AuditEntry))}
    assert "submit_objection" in codes
    admin = staff_client(site, Role.ADMIN)
    html = admin.get("/review/audit", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    cells = re.findall(r"<tr><td>[^<]*</td><td>.*?</td><td>(.*?)</td><td>", table)
    assert cells
    for code in codes:
        assert f"<td>{code}</td>" not in table
    assert "提交异议申请" in cells
    assert "其他操作" in cells  # a code no label knows yet is still no raw code
    assert f"submission:{s_id}" in table
