"""CSV/XLSX export columns of 信用评价结果 and 检查结果, built from their detail presenters (masked), as
portal/public/export_rows.py does for 双公示 and lists. A leaf module: portal/kinds_rated.py names these functions."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.public.export_rows import Labels, _counterpart_columns, _source_columns, _subject
from portal.public.presenters_rated import InspectionDetail, RatingDetail


def rating_headers() -> list[str]:
    subject = [_("Subject name"), _("Subject type"), _("Unified social credit code"), _("Legal representative")]
    return [
        _("Rating scheme"), *subject, _("Grade"), _("Score"), _("Rating year"), _("Date of the rating"),
        _("Rating valid until"), _("Rating department"), _("Rating department USCC"), _("Basis of the rating"),
        *_source_columns(), _("Publicity end date"), _("Publicity status"), _("Remarks"), _("Link"),
    ]  # fmt: skip


def rating_row(d: RatingDetail, lb: Labels, link: str) -> list[object]:
    return [
        d.scheme_label, *_subject(d, lb), d.grade, d.score, d.year, d.rated_on, d.valid_until, d.authority_name,
        d.authority_uscc, d.basis, d.source_name, d.source_uscc, d.public_until, lb.status.get(d.status, d.status),
        d.remarks, f"{link}{d.id}",
    ]  # fmt: skip


def inspection_headers() -> list[str]:
    return [
        *_counterpart_columns(), _("Inspection number"), _("Inspection task"), _("Type of inspection"),
        _("Matters inspected"), _("Method of inspection"), _("Date of the inspection"), _("Result of the inspection"),
        _("Conclusion of the inspection"), _("Follow-up measures"), _("Inspecting authority"),
        _("Inspecting authority USCC"), *_source_columns(), _("Publicity end date"), _("Publicity status"),
        _("Remarks"), _("Link"),
    ]  # fmt: skip


def inspection_row(d: InspectionDetail, lb: Labels, link: str) -> list[object]:
    return [
        *_subject(d, lb), d.doc_no, d.task_name, d.check_type, d.matters, d.method, d.inspected_on, d.result,
        d.conclusion, d.follow_up, d.authority_name, d.authority_uscc, d.source_name, d.source_uscc,
        d.public_until, lb.status.get(d.status, d.status), d.remarks, f"{link}{d.id}",
    ]  # fmt: skip
