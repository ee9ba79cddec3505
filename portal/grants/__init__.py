"""Authorised checks by institutions (授权查询, DOMAIN §23): grants of enterprise accounts, the 信用办's register of
institutions, and the check log. routes.py defines bp and the enterprise URL table; admin.py's table is added here.
The API endpoints are in portal/api/authorised.py (the api blueprint's URL table).
"""

from portal.grants import admin
from portal.grants.routes import bp

for rule, endpoint, view, methods in admin.URLS:
    bp.add_url_rule(rule, endpoint, view, methods=methods)

__all__ = ["bp"]
