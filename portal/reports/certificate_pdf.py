"""Draws a search result certificate as an A4 PDF: the credit report's fonts, styles, page furniture and QR code.

Title block, a table of the search (query, type, filters, time, data date, number, code) with the QR code to
/verify, the notes that say what it certifies, then the results as the public saw them or "未查询到相关记录".
"""

from __future__ import annotations

import io
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from portal.reports import fonts
from portal.reports.certificate import CertificateDocument
from portal.reports.certificate_labels import filter_lines, subject_lines, type_label
from portal.reports.page import page_canvas
from portal.reports.pdf import (
    _fmt_time,
    _grid_style,
    _p,
    _styles,
    a4_template,
    identity_table,
    signature,
)
from portal.site_identity import site_city

COLUMNS = (12 * mm, 24 * mm, 58 * mm, 30 * mm, 28 * mm, 18 * mm)  # 170 mm


def title() -> str:
    return _("Search result certificate")


def _identity(doc: CertificateDocument, st: dict[str, Any]) -> Table:
    rows = [
        (_("Certificate no."), doc.report_no),
        (_("Search text"), doc.query_text),
        (_("Result type"), type_label(doc.query_type)),
        (_("Filters"), "；".join(filter_lines(doc.filters)) or _("None")),
        (_("Time of the search"), _fmt_time(doc.issued_at)),
        (_("Data as of"), _fmt_time(doc.data_as_of)),
        (_("Results found"), doc.total_text),
        (_("Verification code"), doc.code),
    ]
    return identity_table(rows, doc.verify_url, st, label_width=36 * mm)


def _results(doc: CertificateDocument, st: dict[str, Any]) -> Table:
    heads = (_("Serial no."), _("Type"), _("Title"), _("Subject"), _("Unified social credit code"), _("Date"))
    rows: list[list[Any]] = [[_p(h, st["cell_head"]) for h in heads]]
    for number, r in enumerate(doc.results, start=1):
        subject = r["subject_name"] if r["subject_name"] != r["title"] else ""
        rows.append([str(number), _p(type_label(r["type"]), st["cell"]), _p(r["title"], st["cell"]),
                     _p(subject, st["cell"]), _p(r["uscc"] or "", st["cell"]), r["date"] or ""])  # fmt: skip
    table = Table(rows, colWidths=COLUMNS, repeatRows=1)
    style = _grid_style(st["base"].fontName)
    style.add("FONTSIZE", (0, 1), (-1, -1), 8.5)
    style.add("ALIGN", (0, 1), (0, -1), "CENTER")
    table.setStyle(style)
    return table


SUBJECT_COLUMNS = (12 * mm, 46 * mm, 34 * mm, 52 * mm, 26 * mm)  # 170 mm


def _subjects(doc: CertificateDocument, st: dict[str, Any]) -> Table:
    """The subject cards the grouped results page showed, with their public counts and badges."""
    heads = (_("Serial no."), _("Subject"), _("Unified social credit code"), _("Public records"), _("Credit badges"))
    rows: list[list[Any]] = [[_p(h, st["cell_head"]) for h in heads]]
    for number, s in enumerate(subject_lines(doc.subjects), start=1):
        rows.append([str(number), _p(s["name"], st["cell"]), _p(s["uscc"], st["cell"]), _p(s["counts"], st["cell"]),
                     _p(s["badges"], st["cell"])])  # fmt: skip
    table = Table(rows, colWidths=SUBJECT_COLUMNS, repeatRows=1)
    style = _grid_style(st["base"].fontName)
    style.add("FONTSIZE", (0, 1), (-1, -1), 8.5)
    style.add("ALIGN", (0, 1), (0, -1), "CENTER")
    table.setStyle(style)
    return table


def notes(doc: CertificateDocument) -> list[str]:
    """The statements printed under the search table (shared with the HTML page)."""
    return [
        _("This certificate records a search of the public credit information on the %(city)s public credit "
          "information platform at the time stated above, and lists the results exactly as the public search showed "
          "them at that moment.", city=site_city()),
        _("It certifies only what was public at that moment. Records that were not public, such as minor penalties "
          "or records whose publicity period had ended, are not shown; later changes are not reflected."),
        _("Scan the QR code or enter the certificate number and verification code at %(url)s to check that the "
          "certificate is genuine and unchanged.", url=doc.verify_url.split("?")[0]),
    ]  # fmt: skip


def _story(doc: CertificateDocument, st: dict[str, Any]) -> list[Any]:
    story: list[Any] = [Spacer(1, 4 * mm), _p(title(), st["title"]), Spacer(1, 6 * mm), _identity(doc, st),
                        _p(_("Notes"), st["h2"])]  # fmt: skip
    story += [_p(f"{i}. {text}", st["note"]) for i, text in enumerate(notes(doc), start=1)]
    story.append(_p(_("Search results"), st["h2"]))
    if not doc.results:
        story.append(_p(_("No relevant records were found."), st["subtitle"]))
    else:
        if doc.relaxed:
            story.append(_p(_("No result matches the text exactly. Showing results that contain every keyword."),
                            st["note"]))  # fmt: skip
        if doc.total > len(doc.results):
            story.append(_p(_("The first %(shown)s of %(total)s results, in the order of the public search.",
                              shown=len(doc.results), total=doc.total_text), st["note"]))  # fmt: skip
        story.append(_results(doc, st))
    if doc.subjects:
        story += [_p(_("Subjects on the first page of results"), st["h2"]), _subjects(doc, st)]
    story += [
        Spacer(1, 8 * mm),
        _p(
            ngettext(
                "(End of certificate: %(num)s result listed)",
                "(End of certificate: %(num)s results listed)",
                len(doc.results),
            ),
            st["end"],
        ),  # fmt: skip
        *signature(doc, st),
    ]
    return story


def render(doc: CertificateDocument, *, font_path: str | None = None, font_index: int = 0) -> bytes:
    """The PDF bytes; raises fonts.FontMissing when no embeddable Chinese font is installed."""
    font = fonts.register(font_path, font_index)
    st = _styles(font)
    buffer = io.BytesIO()
    template = a4_template(buffer, doc, title=title(), subject=title())
    canvas = page_canvas(doc, font, header_left=_("%(city)s public credit information platform", city=site_city()),
                         header_right=_("Certificate number: %(no)s", no=doc.report_no))  # fmt: skip
    template.build(_story(doc, st), canvasmaker=canvas)
    return buffer.getvalue()
