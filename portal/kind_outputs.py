"""Per-kind pieces of output that the registry (portal/kinds.py) names in each KindSpec: the follow digest's
"no longer publicly displayed" line, the staff CSV row for upstream sync, and the credit report's entry and PDF cells.

A leaf on purpose: the registry imports this module, so it imports no registry (and nothing that does), and
generic code reaches these functions only through `kinds.spec(kind)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.domain.dates import LONG_TERM
from portal.i18n import SEVERITY_LABELS
from portal.models import ListEntry, Penalty, Permit, Subject

Clean = Callable[[str | None], str]  # free text of a record as a report may show it (scrubbed or ID-free)


# Follow digest (portal/follows/mail.py): ngettext needs literal message ids, hence one function per kind.
def penalties_stopped(count: int) -> str:
    return ngettext("%(num)s administrative penalty is no longer publicly displayed.",
                    "%(num)s administrative penalties are no longer publicly displayed.", count)  # fmt: skip


def permits_stopped(count: int) -> str:
    return ngettext("%(num)s administrative permit is no longer publicly displayed.",
                    "%(num)s administrative permits are no longer publicly displayed.", count)  # fmt: skip


def list_entries_stopped(count: int) -> str:
    return ngettext("%(num)s list entry is no longer publicly displayed.",
                    "%(num)s list entries are no longer publicly displayed.", count)  # fmt: skip


# Staff CSV for upstream sync (portal/review/exports.py): the columns of data-standard §4–§6, coded values in the
# standard's Chinese wording. Identifiers are exported as delivered (a staff-only file for a government platform).
@dataclass(frozen=True, slots=True)
class UpstreamLabels:
    """Label dicts rendered in Chinese (portal.i18n.labels_in), keyed by the plain enum values."""

    subject_kind: Mapping[str, str]
    severity: Mapping[str, str]
    category: Mapping[str, str]


def _upstream_subject(s: Subject, zh: UpstreamLabels) -> list[object]:
    return [s.name, zh.subject_kind.get(s.kind.value, s.kind.value), s.uscc, s.reg_no, s.org_code, s.tax_no,
            s.institution_no, s.social_org_no, s.legal_rep, s.legal_rep_id_type, s.legal_rep_id_number,
            s.id_type, s.id_number]  # fmt: skip


def penalty_upstream_row(r: Penalty, s: Subject, zh: UpstreamLabels) -> list[object]:
    return [*_upstream_subject(s, zh), r.decision_no, r.violation_type, r.facts, r.basis, r.punishment_types,
            r.content, r.fine_amount, r.confiscated_amount, r.licence_info, r.decided_on, r.effective_until,
            r.public_until, r.authority_name, r.authority_uscc, r.source_name, r.source_uscc,
            zh.severity[r.severity.value], r.remarks]  # fmt: skip


def permit_upstream_row(r: Permit, s: Subject, zh: UpstreamLabels) -> list[object]:
    return [*_upstream_subject(s, zh), r.doc_title, r.doc_no, r.category, r.certificate_name, r.certificate_no,
            r.content, r.decided_on, r.valid_from, r.valid_until, r.authority_name, r.authority_uscc, r.state.value,
            r.source_name, r.source_uscc, r.remarks]  # fmt: skip


def list_entry_upstream_row(r: ListEntry, s: Subject, zh: UpstreamLabels) -> list[object]:
    person = s.kind.value != "legal"
    return [zh.category[r.category.value], r.list_name, s.name, zh.subject_kind[s.kind.value], s.uscc, s.legal_rep,
            s.id_type if person else s.legal_rep_id_type, s.id_number if person else s.legal_rep_id_number,
            r.reason, r.basis, r.doc_no, r.recognised_by, r.recognised_by_uscc, r.listed_on, r.valid_until,
            r.removed_on, r.removal_reason, r.source_name, r.source_uscc, r.remarks]  # fmt: skip


# Credit report content (portal/reports/content.py): one JSON-able dict per record; stored reports keep this shape.
def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def penalty_report_entry(p: Penalty, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    # Imported here: portal.public's package init loads its routes, which load the registry, which loads this.
    from portal.public import presenters

    return {
        "kind": "penalty", "id": p.id, "title": p.decision_no, "date": _iso(p.decided_on),
        "authority": p.authority_name, "summary": p.violation_type, "content": clean(p.content),
        "types": list(presenters.split_types(p.punishment_types)), "severity": p.severity.value,
        "fine": presenters._amount(p.fine_amount), "public_until": _iso(p.public_until),
        "status": status, "marks": marks,
    }  # fmt: skip


def permit_report_entry(p: Permit, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    valid_until = None if p.valid_until >= LONG_TERM else p.valid_until
    return {
        "kind": "permit", "id": p.id, "title": p.doc_no, "date": _iso(p.decided_on), "authority": p.authority_name,
        "summary": p.doc_title, "content": clean(p.content), "category": p.category, "state": p.state.value,
        "valid_from": _iso(p.valid_from), "valid_until": _iso(valid_until), "public_until": _iso(p.public_until),
        "status": status, "marks": marks,
    }  # fmt: skip


def list_entry_report_entry(e: ListEntry, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    long_term = e.valid_until is None or e.valid_until >= LONG_TERM
    return {
        "kind": "list", "id": e.id, "title": e.list_name, "date": _iso(e.listed_on), "authority": e.recognised_by,
        "summary": clean(e.reason), "doc_no": e.doc_no, "category": e.category.value,
        "valid_until": None if long_term else _iso(e.valid_until), "removed_on": _iso(e.removed_on),
        "public_until": _iso(e.public_until), "status": status, "marks": marks,
    }  # fmt: skip


# Credit report PDF (portal/reports/pdf.py): (title cell, content cell, extra line of the status cell) of an entry.
def penalty_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    parts = [r["summary"], "、".join(r["types"]), r["content"]]
    if r.get("fine"):
        parts.append(_("Fine: %(amount)s (10,000 yuan)", amount=r["fine"]))
    parts.append(_("Severity: %(level)s", level=SEVERITY_LABELS.get(r["severity"], r["severity"])))
    return r["title"], "；".join(p for p in parts if p), ""


def permit_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    valid = _("Valid %(start)s to %(end)s", start=r["valid_from"], end=r["valid_until"] or _("long-term"))
    return f"{r['summary']}\n{r['title']}", r["content"], valid


def list_entry_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    until = _("Valid until %(date)s", date=r["valid_until"]) if r.get("valid_until") else ""
    return f"{r['title']}\n{r['doc_no']}", r["summary"], until
