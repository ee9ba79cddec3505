"""Headers every response carries: the security headers, and no-store on every page of a signed-in user.

One after_request step instead of a header per view. Flask-Talisman was considered and left out: it trusts a raw
X-Forwarded-Proto (our PROXY_FIX decides which proxies to believe), rewrites the session-cookie settings on every
request, and sends deprecated headers (Feature-Policy, X-XSS-Protection) by default; without nonces (the templates
have no inline script or style) what remains of it is this fixed list.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_login import current_user
from werkzeug.exceptions import RequestURITooLarge, SecurityError

from portal.echo import render_field

# No 'unsafe-inline': scripts and styles come only from static/ (the templates have no inline code or style="").
CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",  # staff action forms must never be framed (clickjacking)
))  # fmt: skip
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers without CSP level 2
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


# gunicorn refuses request lines over 4094 bytes; the app refuses the same everywhere, so no page can echo a
# megabyte of query string (the language and large-text links repeat the current URL).
MAX_QUERY_BYTES = 4096


def refuse_untrusted_host() -> None:
    """A Host outside TRUSTED_HOSTS (Flask's check, from PUBLIC_BASE_URL) stops here, before any other step."""
    if isinstance(request.routing_exception, SecurityError):
        raise request.routing_exception


def refuse_long_query() -> None:
    if len(request.environ.get("QUERY_STRING", "")) > MAX_QUERY_BYTES:
        raise RequestURITooLarge()


def set_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:  # behind a proxy only when PROXY_FIX trusts its X-Forwarded-Proto
        response.headers.setdefault("Strict-Transport-Security", f"max-age={int(current_app.config['HSTS_SECONDS'])}")
    if request.endpoint != "static" and current_user.is_authenticated:
        # A signed-in page (staff queue, enterprise dashboard, department pages) must not stay in a shared cache
        # or the browser's back/forward history after sign-out.
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.before_request(refuse_untrusted_host)  # registered before the other steps, so it runs first
    app.before_request(refuse_long_query)
    app.after_request(set_headers)
    app.jinja_env.globals["render_field"] = render_field  # _macros/fields.html: never echoes an oversized value
