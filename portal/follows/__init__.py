"""Follow a subject: e-mail alerts (double opt-in, daily digest, one-click unsubscribe) and per-subject Atom feeds."""

from portal.follows.routes import bp

__all__ = ["bp"]
