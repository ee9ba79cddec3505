"""Staff back office: queues, decisions, SLA, audit (login + role required).

routes.py defines bp and the URL table of the queue screens. The bindings, conflicts, consultations and calendar screens
build on routes.py's helpers (so routes.py cannot import them); their URL tables are added to bp here, once.
"""

from portal.entry import views as entry_views
from portal.review import (
    bindings,
    calendar_admin,
    conflicts,
    consultations,
    import_templates,
    import_upload,
    timeliness,
)
from portal.review.routes import bp
from portal.upstream import views as upstream_views

for screen in (conflicts, consultations, bindings, calendar_admin, import_templates, import_upload, entry_views,
               upstream_views, timeliness):
    for rule, endpoint, view, methods in screen.URLS:
        bp.add_url_rule(rule, endpoint, view, methods=methods)
bp.context_processor(calendar_admin.calendar_context)  # the deadline pages' warning of estimated years

__all__ = ["bp"]
