"""Page furniture of the credit report PDF (header, footer "第 x 页 共 y 页", watermark) and the QR code flowable."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable

from portal.reports.document import Document
from portal.site_identity import site_city

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#9b1c1c")  # the red rule of a government document
GRID = colors.HexColor("#8c8c8c")


class QrCode(Flowable):
    """A QR code drawn straight on the canvas (reportlab's graphics renderer would add an unembedded Helvetica)."""

    BORDER = 2  # modules of quiet zone

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)  # None: the smallest version that fits
        code.addData(text)
        code.make()
        self.modules = code.modules
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * self.BORDER)
        self.canv.setFillColor(colors.black)
        for r, row in enumerate(self.modules):
            y = self.size - (r + self.BORDER + 1) * box
            for c, dark in enumerate(row):
                if dark:
                    self.canv.rect((c + self.BORDER) * box, y, box, box, stroke=0, fill=1)


def page_canvas(doc: Document | Any, font: str, *, header_left: str | None = None,
                header_right: str | None = None) -> type[canvas.Canvas]:  # fmt: skip
    """`doc`: anything with report_no, version and code (a report or a search certificate)."""
    header_left = header_left or _("%(city)s public credit information report", city=site_city())
    header_right = header_right or _("Report number: %(no)s", no=doc.report_no)
    watermark = _("For the subject's own use") if doc.version == "full" else ""

    class NumberedCanvas(canvas.Canvas):
        """Keeps every page until save() so that each footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font  # no Helvetica reference: every font in the file is embedded
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.saveState()
            if watermark:
                self.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.12))
                self.setFont(font, 40)
                self.translate(PAGE_W / 2, PAGE_H / 2)
                self.rotate(35)
                self.drawCentredString(0, 0, watermark)
                self.rotate(-35)
                self.translate(-PAGE_W / 2, -PAGE_H / 2)
            self.setFillColor(INK)
            self.setFont(font, 9)
            top = PAGE_H - 14 * mm
            self.drawString(MARGIN_X, top, header_left)
            self.drawRightString(PAGE_W - MARGIN_X, top, header_right)
            self.setStrokeColor(RULE)
            self.setLineWidth(1.2)
            self.line(MARGIN_X, top - 2.5 * mm, PAGE_W - MARGIN_X, top - 2.5 * mm)
            self.setLineWidth(0.4)
            self.setStrokeColor(GRID)
            self.line(MARGIN_X, 14 * mm, PAGE_W - MARGIN_X, 14 * mm)
            self.setFont(font, 9)
            self.drawCentredString(PAGE_W / 2, 9 * mm, _("Report page %(page)s of %(pages)s", page=number, pages=total))
            self.setFont(font, 7.5)
            self.drawString(MARGIN_X, 9 * mm, _("Verification code: %(code)s", code=doc.code))
            self.restoreState()

    return NumberedCanvas
