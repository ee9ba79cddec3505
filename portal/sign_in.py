"""What the staff (portal/accounts) and enterprise (portal/enterprise) sign-in pages share: the check of the `next`
redirect target (the session itself is portal/accounts/sessions.py)."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site (microblog's check): no scheme, no host, no protocol-relative //host."""
    if (target and target.startswith("/") and not target.startswith(("//", "/\\")) and target.isprintable()
            and " " not in target and not urlsplit(target).netloc):  # browsers drop tabs: "/\t/host" is "//host"
        return target
    return default
