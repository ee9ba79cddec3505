"""Staff back office: queues, decisions, SLA, audit (login + role required)."""

from portal.review import calendar_admin, conflicts, consultations  # noqa: F401  # add their routes to bp
from portal.review.routes import bp

__all__ = ["bp"]
