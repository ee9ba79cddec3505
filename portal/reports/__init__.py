"""Credit reports (信用报告): services.py builds them, pdf.py draws them, signing.py signs them, /verify checks them.

routes.py defines bp with the report, certificate and special report pages. The staff screen of departments'
areas (special_admin.py) needs the staff permissions, whose package loads the enterprise pages, which use
routes.py: so its URL table is added here, once routes.py is complete (as portal/review/__init__.py does).
"""

from portal.reports import special_admin
from portal.reports.routes import bp

for rule, endpoint, view, methods in special_admin.URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)

__all__ = ["bp"]
