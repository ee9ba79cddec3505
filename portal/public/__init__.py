"""Public pages: home, records, subject profiles, lists."""

from portal.public.routes import bp

__all__ = ["bp"]
