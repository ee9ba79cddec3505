"""Staff back office: queues, decisions, SLA, audit (login + role required)."""

from portal.review.routes import bp

__all__ = ["bp"]
