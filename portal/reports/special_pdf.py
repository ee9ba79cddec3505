"""Draws a special credit report as an A4 PDF: the credit report's fonts, styles, page furniture and QR code.

Title, identity table (subject, period, areas, purpose, number, code) beside the QR code to /verify, notes, a
summary per area, then one section per area with its three lists, or "报告期内该领域无违法违规记录", then the
statement of what the report does not cover and the signature block.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from portal.i18n import SEVERITY_LABELS
from portal.reports import fonts
from portal.reports.labels import ORDINALS_ZH
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
from portal.reports.special import SpecialDocument
from portal.reports.special_content import GROUPS
from portal.reports.special_labels import (
    AREA_LABELS,
    CLEAN_AREA,
    GROUP_TITLES,
    NOT_COVERED_TEXT,
    PURPOSE_LABELS,
    STATUS_LABELS,
)

COLUMNS = (10 * mm, 34 * mm, 48.5 * mm, 27 * mm, 19.5 * mm, 31 * mm)  # 170 mm, as the credit report


def title() -> str:
    return _("Special credit report")


def areas_text(doc: SpecialDocument) -> str:
    return "、".join(str(AREA_LABELS[a]) for a in doc.areas)


def _identity(doc: SpecialDocument, st: dict[str, Any]) -> Table:
    s = doc.subject
    rows = [
        (_("Subject name"), s["name"]),
        (_("Unified social credit code"), s.get("uscc") or _("None")),
        (_("Report period"), _("%(start)s to %(end)s", start=doc.start.isoformat(), end=doc.end.isoformat())),
        (_("Areas"), areas_text(doc)),
        (_("Purpose of the report"), str(PURPOSE_LABELS[doc.purpose])),
        (_("Report number"), doc.report_no),
        (_("Issued at"), _fmt_time(doc.issued_at)),
        (_("Data as of"), _fmt_time(doc.data_as_of)),
        (_("Valid until"), doc.valid_until.isoformat()),
        (_("Verification code"), doc.code),
    ]
    return identity_table(rows, doc.verify_url, st, label_width=34 * mm)


def notes(doc: SpecialDocument) -> list[str]:
    """The statements under the identity table (shared with the HTML page)."""
    return [
        _("This special credit report replaces the certificate of no violation records. It lists, for each area "
          "chosen, the administrative penalties (minor ones included), administrative coercion and entries on the "
          "list of seriously dishonest subjects of the subject during the report period, as shared with the %(city)s "
          "public credit information platform.", city=_("Jianglin")),
        _("The area of a record is the area of the department that decided it."),
        _("Scan the QR code or enter the report number and verification code at %(url)s to check that the report "
          "is genuine and unchanged.", url=doc.verify_url.split("?")[0]),
    ]  # fmt: skip


def _summary(doc: SpecialDocument, st: dict[str, Any]) -> Table:
    heads = (_("Area"), *(str(GROUP_TITLES[g]) for g in GROUPS))
    rows: list[list[Any]] = [[_p(h, st["cell_head"]) for h in heads]]
    for section in doc.sections:
        rows.append([_p(AREA_LABELS[section["area"]], st["cell"]),
                     *(_p(len(section[g]), st["cell_center"]) for g in GROUPS)])  # fmt: skip
    table = Table(rows, colWidths=(56 * mm, 38 * mm, 38 * mm, 38 * mm), repeatRows=1)
    table.setStyle(_grid_style(st["base"].fontName))
    return table


def _status(r: dict[str, Any], st: dict[str, Any]) -> Paragraph:
    lines = [escape(str(STATUS_LABELS[r["status"]]))]
    if r.get("status_on"):
        lines.append(escape(_("on %(date)s", date=r["status_on"])))
    elif r["status"] == "publicised" and r.get("public_until"):
        lines.append(escape(_("Public until %(date)s", date=r["public_until"])))
    return Paragraph("<br/>".join(lines), st["cell"])


def _body(r: dict[str, Any]) -> str:
    parts = [r["summary"], r["detail"], r["content"]]
    if r["kind"] == "penalty":
        parts.append(_("Severity: %(level)s", level=SEVERITY_LABELS.get(r["severity"], r["severity"])))
    if r.get("lifted_on"):
        parts.append(_("Lifted on %(date)s", date=r["lifted_on"]))
    return "；".join(str(p) for p in parts if p)


def _table(records: list[dict[str, Any]], st: dict[str, Any]) -> Table:
    titles = (_("Serial no."), _("Document number / name"), _("Content"), _("Authority"), _("Date"), _("Status"))
    rows: list[list[Any]] = [[_p(h, st["cell_head"]) for h in titles]]
    for number, r in enumerate(records, start=1):
        rows.append([str(number), _p(r["title"], st["cell"]), _p(_body(r), st["cell"]), _p(r["authority"], st["cell"]),
                     r["date"] or "", _status(r, st)])  # fmt: skip
    table = Table(rows, colWidths=COLUMNS, repeatRows=1)
    style = _grid_style(st["base"].fontName)
    style.add("FONTSIZE", (0, 1), (-1, -1), 8.5)
    style.add("ALIGN", (0, 1), (0, -1), "CENTER")
    style.add("ALIGN", (4, 1), (4, -1), "CENTER")
    table.setStyle(style)
    return table


def _ordinal(index: int) -> str:
    """一、二、… 十四、 in Chinese (there are more areas than the credit report's ten sections); 1. 2. … otherwise."""
    locale = get_locale()
    if locale is None or locale.language != "zh":
        return f"{index + 1}. "
    number = index + 1
    if number <= len(ORDINALS_ZH):
        return f"{ORDINALS_ZH[number - 1]}、"
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else ORDINALS_ZH[tens - 1]) + "十" + (ORDINALS_ZH[ones - 1] if ones else "") + "、"


def _story(doc: SpecialDocument, st: dict[str, Any]) -> list[Any]:
    story: list[Any] = [Spacer(1, 4 * mm), _p(title(), st["title"]), Spacer(1, 6 * mm), _identity(doc, st),
                        _p(_("Notes"), st["h2"])]  # fmt: skip
    story += [_p(f"{i}. {text}", st["note"]) for i, text in enumerate(notes(doc), start=1)]
    story += [_p(_("Summary by area"), st["h2"]), _summary(doc, st)]
    for index, section in enumerate(doc.sections):
        heading = _p(_ordinal(index) + str(AREA_LABELS[section["area"]]), st["h2"])
        if not any(section[g] for g in GROUPS):
            story.append(KeepTogether([heading, _p(CLEAN_AREA, st["base"])]))
            continue
        story += [CondPageBreak(40 * mm), heading]
        for group in GROUPS:
            label = _p(GROUP_TITLES[group], st["label"])
            if section[group]:
                story += [label, _table(section[group], st), Spacer(1, 3 * mm)]
            else:
                story.append(KeepTogether([label, _p(_("No records."), st["base"])]))
    story.append(_p(_("What this report does not cover"), st["h2"]))
    story += [_p(f"{i}. {NOT_COVERED_TEXT[code]}", st["note"]) for i, code in enumerate(doc.not_covered, start=1)]
    story += [Spacer(1, 8 * mm), _p(_("(End of report)"), st["end"]), *signature(doc, st)]
    return story


def render(doc: SpecialDocument, *, font_path: str | None = None, font_index: int = 0) -> bytes:
    """The PDF bytes; raises fonts.FontMissing when no embeddable Chinese font is installed."""
    font = fonts.register(font_path, font_index)
    st = _styles(font)
    buffer = io.BytesIO()
    template = a4_template(buffer, doc, title=title(), subject=doc.subject["name"])
    canvas = page_canvas(doc, font, header_left=_("%(city)s special credit report", city=_("Jianglin")))
    template.build(_story(doc, st), canvasmaker=canvas)
    return buffer.getvalue()
