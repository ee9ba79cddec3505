"""Staff login and logout, the user loader, permissions (role_required) and the create-user command."""

from portal.accounts import manage  # noqa: F401  # adds the account management pages to bp
from portal.accounts.routes import bp

__all__ = ["bp"]
