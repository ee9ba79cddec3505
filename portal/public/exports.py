"""CSV (UTF-8 with BOM, for Excel) and XLSX downloads of a filtered public listing.

Rows come from listing.export_rows (public_on) through the detail presenters, so an export holds exactly the
masked public fields of the detail pages, never an ID number. Cells that a spreadsheet would run as a formula
are prefixed with an apostrophe (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from flask_babel import gettext as _
from openpyxl import Workbook

from portal.i18n import (
    CATEGORY_LABELS,
    PERMIT_STATE_LABELS,
    RECORD_STATUS_LABELS,
    SEVERITY_LABELS,
    SUBJECT_KIND_LABELS,
)
from portal.public.presenters import (
    ListEntryDetail,
    PenaltyDetail,
    PermitDetail,
    PublicSubject,
    present_list_entry_detail,
    present_penalty_detail,
    present_permit_detail,
    present_subject,
)
from portal.tabular import cell_text, defuse_formula

# CSV streams row by row; openpyxl needs ~0.3 ms per row even in write-only mode, so XLSX stops earlier.
EXPORT_LIMITS = {"csv": 50_000, "xlsx": 20_000}
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}  # not allowed in XLSX, useless in CSV


def _cell(value: object) -> str:
    return defuse_formula(cell_text(value).translate(_CONTROL))  # control characters go first: "\x01=…" is "=…"


def _plain(labels: dict[str, Any]) -> dict[str, str]:
    """Lazy labels resolved once per export (one gettext per row and column would cost more than the row)."""
    return {key: str(value) for key, value in labels.items()}


class _Labels:
    def __init__(self) -> None:
        self.kind = _plain(SUBJECT_KIND_LABELS)
        self.severity = _plain(SEVERITY_LABELS)
        self.status = _plain(RECORD_STATUS_LABELS)
        self.state = _plain(PERMIT_STATE_LABELS)
        self.category = _plain(CATEGORY_LABELS)
        self.long_term = _("Long-term")


def _subject(d: Any, lb: _Labels) -> list[object]:
    s = d.subject
    return [s.name, lb.kind.get(s.kind, s.kind), s.uscc, s.legal_rep]


def _penalty(d: PenaltyDetail, lb: _Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.decision_no, d.violation_type, d.facts, d.basis, "；".join(d.punishment_types), d.content,
        d.fine_amount, d.confiscated_amount, d.licence_info, d.decided_on, d.effective_until, d.public_until,
        d.authority_name, d.authority_uscc, d.source_name, d.source_uscc, lb.severity.get(d.severity, d.severity),
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]


def _permit(d: PermitDetail, lb: _Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.doc_title, d.doc_no, d.category, d.certificate_name, d.certificate_no, d.content,
        d.decided_on, d.valid_from, d.valid_until or lb.long_term, d.authority_name, d.authority_uscc,
        lb.state.get(d.state, d.state), d.source_name, d.source_uscc,
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]


def _list_entry(d: ListEntryDetail, lb: _Labels, link: str) -> list[object]:
    return [
        lb.category.get(d.category, d.category), d.list_name, *_subject(d, lb), d.reason, d.basis, d.doc_no,
        d.recognised_by, d.recognised_by_uscc, d.listed_on, d.valid_until, d.source_name, d.source_uscc,
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]


def headers(kind: str) -> list[str]:
    if kind == "list":
        subject = [_("Subject name"), _("Subject type"), _("Unified social credit code"), _("Legal representative")]
    else:
        subject = [_("Name of the administrative counterpart"), _("Type of the administrative counterpart"),
                   _("Unified social credit code"), _("Legal representative")]
    common_tail = [_("Data source"), _("Data source USCC")]
    if kind == "penalty":
        return [
            *subject, _("Penalty decision number"), _("Type of violation"), _("Facts of the violation"),
            _("Legal basis of the penalty"), _("Type of penalty"), _("Content of the penalty"),
            _("Fine (10,000 yuan)"), _("Confiscated amount (10,000 yuan)"), _("Permit suspended or revoked"),
            _("Date of the penalty decision"), _("Penalty in force until"), _("Publicity end date"),
            _("Penalty authority"), _("Penalty authority USCC"), *common_tail, _("Severity"),
            _("Publicity status"), _("Remarks"), _("Link"),
        ]
    if kind == "permit":
        return [
            *subject, _("Title of the permit decision"), _("Permit decision number"), _("Type of permit"),
            _("Certificate name"), _("Certificate number"), _("Content of the permit"),
            _("Date of the permit decision"), _("Valid from"), _("Valid until"), _("Permit authority"),
            _("Permit authority USCC"), _("Current state"), *common_tail, _("Publicity status"), _("Remarks"),
            _("Link"),
        ]
    return [
        _("List category"), _("List name"), *subject, _("Reason for listing"), _("Basis of recognition"),
        _("Recognition document number"), _("Recognising department"), _("Recognising department USCC"),
        _("Date listed"), _("Listed until"), *common_tail, _("Publicity status"), _("Remarks"), _("Link"),
    ]


_PRESENT = {"penalty": present_penalty_detail, "permit": present_permit_detail, "list": present_list_entry_detail}
_ROW = {"penalty": _penalty, "permit": _permit, "list": _list_entry}


def _rows(kind: str, records: Iterable[tuple[Any, Any]], link: str) -> Iterator[list[str]]:
    yield headers(kind)
    present, to_row, labels = _PRESENT[kind], _ROW[kind], _Labels()
    subjects: dict[int, PublicSubject] = {}  # a listing repeats subjects: mask each once
    for record, subject in records:
        public = subjects.get(subject.id)
        if public is None:
            public = subjects[subject.id] = present_subject(subject)
        yield [_cell(v) for v in to_row(present(record, subject, public), labels, link)]  # type: ignore[operator]


def csv_chunks(kind: str, records: Iterable[tuple[Any, Any]], link: str) -> Iterator[str]:
    """The CSV text in chunks of ~500 rows, starting with the BOM that lets Excel read UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, row in enumerate(_rows(kind, records, link), start=1):
        writer.writerow(row)
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(kind: str, records: Iterable[tuple[Any, Any]], link: str, title: str) -> IO[bytes]:
    """An XLSX workbook (openpyxl write-only: rows are not kept as cell objects), rewound."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in _rows(kind, records, link):
        sheet.append(row)
    out = io.BytesIO()  # at most EXPORT_LIMITS["xlsx"] rows: a few MB
    workbook.save(out)
    out.seek(0)
    return out
