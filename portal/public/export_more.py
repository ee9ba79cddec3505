"""CSV/XLSX export columns of the further kinds of credit information, built from their detail presenters (masked),
as portal/public/export_rows.py does for 双公示 and lists. A leaf module: portal/kinds.py names these functions."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.public.export_rows import Labels, _counterpart_columns, _source_columns, _subject
from portal.public.presenters_more import CoercionDetail, CommitmentDetail, HonourDetail


def coercion_headers() -> list[str]:
    return [
        *_counterpart_columns(), _("Coercion decision number"), _("Type of coercion"), _("Reason for the coercion"),
        _("Legal basis of the coercion"), _("Content of the coercion"), _("Property concerned"),
        _("Date of the coercion decision"), _("Coercion in force until"), _("Date lifted"), _("Reason for lifting"),
        _("Enforcing authority"), _("Enforcing authority USCC"), *_source_columns(), _("Publicity end date"),
        _("Publicity status"), _("Remarks"), _("Link"),
    ]  # fmt: skip


def coercion_row(d: CoercionDetail, lb: Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.doc_no, "；".join(d.categories), d.reason, d.basis, d.content, d.property_info,
        d.decided_on, d.term_until, d.lifted_on, d.lift_reason, d.authority_name, d.authority_uscc, d.source_name,
        d.source_uscc, d.public_until, lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]  # fmt: skip


def honour_headers() -> list[str]:
    return [
        *_counterpart_columns(), _("Name of the honour"), _("Level of the honour"), _("Content of the honour"),
        _("Granting document number"), _("Granting department"), _("Granting department USCC"),
        _("Date granted"), _("Valid until"), *_source_columns(), _("Publicity end date"), _("Publicity status"),
        _("Remarks"), _("Link"),
    ]  # fmt: skip


def honour_row(d: HonourDetail, lb: Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.honour_name, d.level, d.content, d.doc_no, d.authority_name, d.authority_uscc,
        d.granted_on, d.valid_until or lb.long_term, d.source_name, d.source_uscc, d.public_until,
        lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]  # fmt: skip


def commitment_headers() -> list[str]:
    subject = [_("Subject name"), _("Subject type"), _("Unified social credit code"), _("Legal representative")]
    return [
        _("Commitment code"), *subject, _("Type of commitment"), _("Matter of the commitment"),
        _("Content of the commitment"), _("Liability for breach"), _("Date of the commitment"),
        _("Commitment valid until"), _("Fulfilment"), _("Unfulfilled content"), _("Liability pursued"),
        _("Date of the fulfilment finding"), _("Accepting department"), _("Accepting department USCC"),
        *_source_columns(), _("Publicity end date"), _("Publicity status"), _("Remarks"), _("Link"),
    ]  # fmt: skip


def commitment_row(d: CommitmentDetail, lb: Labels, link: str) -> list[object]:
    return [
        d.doc_no, *_subject(d, lb), d.commit_type, d.matter, d.content, d.liability, d.made_on,
        d.valid_until or lb.long_term, d.state, d.unfulfilled, d.accountability, d.state_on, d.authority_name,
        d.authority_uscc, d.source_name, d.source_uscc, d.public_until, lb.status.get(d.status, d.status),
        d.remarks, f"{link}{d.id}",
    ]  # fmt: skip
