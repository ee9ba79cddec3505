"""Credit reports (信用报告): services.py builds them, pdf.py draws them, signing.py signs them, /verify checks them."""

from portal.reports.routes import bp

__all__ = ["bp"]
