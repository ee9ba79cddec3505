"""The per-kind columns of CSV/XLSX exports: header and row builders, named by each kind's spec in portal/kinds.py.

Rows are built from the detail presenters' output (masked), so an export holds what the detail pages show. A leaf
module (no registry import), so portal/kinds.py can name these functions without an import cycle.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from portal.i18n import (
    CATEGORY_LABELS,
    PERMIT_STATE_LABELS,
    RECORD_STATUS_LABELS,
    SEVERITY_LABELS,
    SUBJECT_KIND_LABELS,
)
from portal.public.presenters import ListEntryDetail, PenaltyDetail, PermitDetail


def _plain(labels: dict[str, Any]) -> dict[str, str]:
    """Lazy labels resolved once per export (one gettext per row and column would cost more than the row)."""
    return {key: str(value) for key, value in labels.items()}


class Labels:
    """Label maps of one export, resolved to the interface language once."""

    def __init__(self) -> None:
        self.kind = _plain(SUBJECT_KIND_LABELS)
        self.severity = _plain(SEVERITY_LABELS)
        self.status = _plain(RECORD_STATUS_LABELS)
        self.state = _plain(PERMIT_STATE_LABELS)
        self.category = _plain(CATEGORY_LABELS)
        self.long_term = _("Long-term")


def _subject(d: Any, lb: Labels) -> list[object]:
    s = d.subject
    return [s.name, lb.kind.get(s.kind, s.kind), s.uscc, s.legal_rep]


def penalty_row(d: PenaltyDetail, lb: Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.decision_no, d.violation_type, d.facts, d.basis, "；".join(d.punishment_types), d.content,
        d.fine_amount, d.confiscated_amount, d.licence_info, d.decided_on, d.effective_until, d.public_until,
        d.authority_name, d.authority_uscc, d.source_name, d.source_uscc, lb.severity.get(d.severity, d.severity),
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]  # fmt: skip


def permit_row(d: PermitDetail, lb: Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.doc_title, d.doc_no, d.category, d.certificate_name, d.certificate_no, d.content,
        d.decided_on, d.valid_from, d.valid_until or lb.long_term, d.authority_name, d.authority_uscc,
        lb.state.get(d.state, d.state), d.source_name, d.source_uscc,
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]  # fmt: skip


def list_entry_row(d: ListEntryDetail, lb: Labels, link: str) -> list[object]:
    return [
        lb.category.get(d.category, d.category), d.list_name, *_subject(d, lb), d.reason, d.basis, d.doc_no,
        d.recognised_by, d.recognised_by_uscc, d.listed_on, d.valid_until, d.source_name, d.source_uscc,
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]  # fmt: skip


def _counterpart_columns() -> list[str]:
    return [_("Name of the administrative counterpart"), _("Type of the administrative counterpart"),
            _("Unified social credit code"), _("Legal representative")]  # fmt: skip


def _source_columns() -> list[str]:
    return [_("Data source"), _("Data source USCC")]


def penalty_headers() -> list[str]:
    return [
        *_counterpart_columns(), _("Penalty decision number"), _("Type of violation"), _("Facts of the violation"),
        _("Legal basis of the penalty"), _("Type of penalty"), _("Content of the penalty"),
        _("Fine (10,000 yuan)"), _("Confiscated amount (10,000 yuan)"), _("Permit suspended or revoked"),
        _("Date of the penalty decision"), _("Penalty in force until"), _("Publicity end date"),
        _("Penalty authority"), _("Penalty authority USCC"), *_source_columns(), _("Severity"),
        _("Publicity status"), _("Remarks"), _("Link"),
    ]  # fmt: skip


def permit_headers() -> list[str]:
    return [
        *_counterpart_columns(), _("Title of the permit decision"), _("Permit decision number"), _("Type of permit"),
        _("Certificate name"), _("Certificate number"), _("Content of the permit"),
        _("Date of the permit decision"), _("Valid from"), _("Valid until"), _("Permit authority"),
        _("Permit authority USCC"), _("Current state"), *_source_columns(), _("Publicity status"), _("Remarks"),
        _("Link"),
    ]  # fmt: skip


def list_entry_headers() -> list[str]:
    subject = [_("Subject name"), _("Subject type"), _("Unified social credit code"), _("Legal representative")]
    return [
        _("List category"), _("List name"), *subject, _("Reason for listing"), _("Basis of recognition"),
        _("Recognition document number"), _("Recognising department"), _("Recognising department USCC"),
        _("Date listed"), _("Listed until"), *_source_columns(), _("Publicity status"), _("Remarks"), _("Link"),
    ]  # fmt: skip
