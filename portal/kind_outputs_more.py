"""The per-kind outputs (portal/kind_outputs.py) of the further kinds of credit information: the follow digest's
line, the staff CSV row for upstream sync, and the credit report's entry and PDF cells. A leaf, like kind_outputs."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.kind_outputs import Clean, UpstreamLabels, _iso, _upstream_subject
from portal.models import Coercion, Commitment, Honour, Subject


def coercions_stopped(count: int) -> str:
    return ngettext("%(num)s administrative coercion is no longer publicly displayed.",
                    "%(num)s administrative coercions are no longer publicly displayed.", count)  # fmt: skip


def coercion_upstream_row(r: Coercion, s: Subject, zh: UpstreamLabels) -> list[object]:
    """The data-standard §12 columns, in its order."""
    return [*_upstream_subject(s, zh), r.doc_no, r.categories, r.reason, r.basis, r.content, r.property_info,
            r.decided_on, r.term_until, r.lifted_on, r.lift_reason, r.authority_name, r.authority_uscc,
            r.source_name, r.source_uscc, r.remarks]  # fmt: skip


def coercion_report_entry(c: Coercion, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    return {
        "kind": "coercion", "id": c.id, "title": c.doc_no, "date": _iso(c.decided_on), "authority": c.authority_name,
        "summary": clean(c.reason), "content": clean(c.content), "types": c.categories,
        "lifted_on": _iso(c.lifted_on), "public_until": _iso(c.public_until), "status": status, "marks": marks,
    }  # fmt: skip


def coercion_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    lifted = _("Lifted on %(date)s", date=r["lifted_on"]) if r.get("lifted_on") else ""
    parts = [r["types"], r["summary"], r["content"]]
    return r["title"], "；".join(p for p in parts if p), lifted


def honours_stopped(count: int) -> str:
    return ngettext("%(num)s honour is no longer publicly displayed.",
                    "%(num)s honours are no longer publicly displayed.", count)  # fmt: skip


def honour_upstream_row(r: Honour, s: Subject, zh: UpstreamLabels) -> list[object]:
    """The data-standard §13 columns, in its order."""
    return [*_upstream_subject(s, zh), r.honour_name, r.level, r.content, r.doc_no, r.authority_name,
            r.authority_uscc, r.granted_on, r.valid_until, r.revoked_on, r.revoke_reason, r.source_name,
            r.source_uscc, r.remarks]  # fmt: skip


def honour_report_entry(h: Honour, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    return {
        "kind": "honour", "id": h.id, "title": h.honour_name, "date": _iso(h.granted_on),
        "authority": h.authority_name, "summary": clean(h.content), "doc_no": h.doc_no, "level": h.level,
        "valid_until": _iso(h.valid_until), "public_until": _iso(h.public_until), "status": status, "marks": marks,
    }  # fmt: skip


def honour_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    until = _("Valid until %(date)s", date=r["valid_until"]) if r.get("valid_until") else ""
    return f"{r['title']}\n{r['doc_no']}", r["summary"], until


def commitments_stopped(count: int) -> str:
    return ngettext("%(num)s credit commitment is no longer publicly displayed.",
                    "%(num)s credit commitments are no longer publicly displayed.", count)  # fmt: skip


def commitment_upstream_row(r: Commitment, s: Subject, zh: UpstreamLabels) -> list[object]:
    """The data-standard §10 columns, in its order."""
    return [r.doc_no, s.name, zh.subject_kind.get(s.kind.value, s.kind.value), s.uscc, s.id_type, s.id_number,
            r.commit_type, r.matter, r.content, r.liability, r.made_on, r.valid_until, r.state, r.unfulfilled,
            r.accountability, r.state_on, r.authority_name, r.authority_uscc, r.openness, r.source_name,
            r.source_uscc, r.handler, r.remarks]  # fmt: skip


def commitment_report_entry(c: Commitment, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    return {
        "kind": "commitment", "id": c.id, "title": c.matter, "date": _iso(c.made_on), "authority": c.authority_name,
        "summary": clean(c.content), "doc_no": c.doc_no or "", "state": c.state, "public_until": _iso(c.public_until),
        "status": status, "marks": marks,
    }  # fmt: skip


def commitment_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    return f"{r['title']}\n{r['doc_no']}", r["summary"], r["state"]
