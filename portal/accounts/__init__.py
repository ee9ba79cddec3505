"""Staff login and logout, the user loader, permissions (role_required) and the create-user command."""

from portal.accounts.routes import bp

__all__ = ["bp"]
