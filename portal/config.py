"""Configuration classes and the fail-fast check of the PORTAL_* settings."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import timedelta
from typing import Any

from flask import Flask

log = logging.getLogger(__name__)

SEARCH_BACKENDS = ("whoosh", "tantivy", "postgres")
STRING_KEYS = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SEARCH_BACKEND", "SEARCH_DIR", "REDIS_URL", "UPLOAD_DIR")


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message names the PORTAL_ variable."""


class Config:
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # filled from the instance path
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    SEARCH_BACKEND: str | None = None
    SEARCH_DIR: str | None = None
    UPLOAD_DIR: str | None = None
    REDIS_URL: str | None = None
    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_CN", "en")
    # DOMAIN.md §17: 轻微 penalties are not published unless a deployment decides otherwise.
    PUBLISH_MINOR_PENALTIES = False
    MAX_CONTENT_LENGTH = 60 * 1024 * 1024
    SEARCH_DRAIN_AFTER_REQUEST = False  # production runs `flask search-worker`
    # Submissions (issue 7): rate limits per IP (Flask-Limiter syntax), CAPTCHA, deadlines in working days.
    RATELIMIT_STORAGE_URI = "memory://"  # PORTAL_REDIS_URL replaces it (register_extensions)
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_SUBMIT = "5 per minute;30 per day"
    RATELIMIT_TRACK = "10 per minute;50 per day"  # counts failed look-ups only
    RATELIMIT_TRACK_NUMBER = "20 per hour;50 per day"  # failed look-ups of one tracking number, from any address
    RATELIMIT_LOGIN = "20 per 10 minutes"
    RATELIMIT_CHAT = "30 per minute;600 per day"  # per client address, /api/v1/chat and /chat
    CAPTCHA_ENABLED = True
    SUBMISSION_DUE_WORKDAYS: dict[str, int] = {}  # e.g. {"objection": 15}; DOMAIN §7–§9 defaults otherwise
    # Staff accounts: lockout after repeated failures, idle timeout of the back-office session.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    NOTIFIER: str | None = None  # smtp | log | memory; default smtp when MAIL_SERVER is set (portal/notify.py)
    # Number of reverse proxies in front of the app (nginx = 1). Only then are X-Forwarded-For/-Proto/-Host
    # trusted, so rate limits and logs see the client's address; 0 = direct, the headers are ignored (spoofable).
    PROXY_FIX = 0
    # Seconds a search result page may be answered from memory (per process). 0 = every search asks the index
    # and re-checks visibility; a busy site may set a few seconds (a withdrawn record may then show that long).
    SEARCH_CACHE_SECONDS = 0


class DevelopmentConfig(Config):
    SEARCH_DRAIN_AFTER_REQUEST = True  # new imports become searchable without a worker


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105 - fixed key only in the test config
    NOTIFIER = "memory"  # tests never send mail or SMS; they read the in-memory outbox


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "test": TestConfig,
}


def config_class(env: str) -> type[Config]:
    try:
        return CONFIGS[env]
    except KeyError:
        raise ConfigError(f"PORTAL_ENV must be one of {', '.join(CONFIGS)}, not {env!r}") from None


def fill_instance_paths(app: Flask) -> None:
    """Default the database, index and upload locations to the instance folder (flaskr style)."""
    os.makedirs(app.instance_path, exist_ok=True)
    cfg = app.config
    if not cfg.get("SQLALCHEMY_DATABASE_URI"):
        cfg["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "portal.db")
    if not cfg.get("SEARCH_DIR"):
        cfg["SEARCH_DIR"] = os.path.join(app.instance_path, "search")
    if not cfg.get("UPLOAD_DIR"):
        cfg["UPLOAD_DIR"] = os.path.join(app.instance_path, "uploads")


def check_config(app: Flask, env: str) -> None:
    """Coerce and validate settings; refuse to start with a clear message."""
    cfg = app.config
    for key in STRING_KEYS:  # from_prefixed_env parses JSON, so "123456" arrives as an int
        if cfg.get(key) is not None and not isinstance(cfg[key], str):
            cfg[key] = str(cfg[key])
    if not cfg.get("SECRET_KEY"):
        if env == "production":
            raise ConfigError("PORTAL_SECRET_KEY is required in production")
        cfg["SECRET_KEY"] = secrets.token_hex(32)
        log.info("no PORTAL_SECRET_KEY: using a random key, sessions will not survive a restart")
    backend = cfg.get("SEARCH_BACKEND")
    if backend is not None and backend not in SEARCH_BACKENDS:
        raise ConfigError(f"PORTAL_SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, not {backend!r}")
    hops = cfg.get("PROXY_FIX") or 0
    if isinstance(hops, bool) or not isinstance(hops, int) or not 0 <= hops <= 5:
        raise ConfigError(f"PORTAL_PROXY_FIX must be the number of proxies in front of the app (0-5), not {hops!r}")
    uri = cfg["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgresql://"):  # plain URLs would pick psycopg2, which we do not ship
        cfg["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.removeprefix("postgresql://")
