"""Staff back office: queues, decisions, SLA, audit (login + role required).

routes.py defines bp and the URL table of the queue screens. The bindings, conflicts and consultations screens
build on routes.py's helpers (so routes.py cannot import them); their URL tables are added to bp here, once.
"""

from portal.review import bindings, conflicts, consultations
from portal.review.routes import bp

for screen in (conflicts, consultations, bindings):
    for rule, endpoint, view, methods in screen.URLS:
        bp.add_url_rule(rule, endpoint, view, methods=methods)

__all__ = ["bp"]
