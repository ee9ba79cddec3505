"""The JSON API under /api/v1 (CONTRACT.md): routes per resource, errors as {"error": {"code", "message"}}."""

from portal.api.routes import bp

__all__ = ["bp"]
