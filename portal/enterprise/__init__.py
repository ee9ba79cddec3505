"""Enterprise accounts (/enterprise): registration, e-mail confirmation, password reset, sign-in, subject
bindings with proof documents, and the "My credit" dashboard of a bound subject.
"""

from portal.enterprise.routes import bp

__all__ = ["bp"]
