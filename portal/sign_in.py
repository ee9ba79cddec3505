"""What the staff (portal/accounts) and enterprise (portal/enterprise) sign-in share: the session key of the idle
timeout and the check of the `next` redirect target. Both blueprints import it; neither imports the other."""

from __future__ import annotations

from urllib.parse import urlsplit

SEEN_KEY = "staff_seen"  # last activity (epoch seconds) in the session; accounts.routes enforces the idle timeout


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site (microblog's check): no scheme, no host, no protocol-relative //host."""
    if (target and target.startswith("/") and not target.startswith(("//", "/\\")) and target.isprintable()
            and " " not in target and not urlsplit(target).netloc):  # browsers drop tabs: "/\t/host" is "//host"
        return target
    return default
