"""Configuration classes and the fail-fast check of the PORTAL_* settings."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

log = logging.getLogger(__name__)

SEARCH_BACKENDS = ("whoosh", "tantivy", "postgres")
FILE_STORES = ("directory", "database")  # portal/file_store.py
# Site identity settings (Config.SITE_*): numbers such as a 网站标识码 must stay text (leading zeros).
SITE_KEYS = tuple(f"SITE_{key}" for key in (
    "CITY", "NAME", "HOST_UNIT", "ORGANIZER_UNIT", "ADDRESS", "PHONE", "EMAIL", "ICP", "PSB", "PSB_CODE", "CODE",
    "GOV_MARK_URL", "GOV_MARK_IMAGE"))  # fmt: skip
STRING_KEYS = (
    "SECRET_KEY",
    "SQLALCHEMY_DATABASE_URI",
    "SEARCH_BACKEND",
    "SEARCH_DIR",
    "NODE_NAME",
    "REDIS_URL",
    "UPLOAD_DIR",
    "FILE_STORE",
    "UPSTREAM_DIR",
    "PUBLIC_BASE_URL",
    "RATELIMIT_STORAGE_URI",
    *SITE_KEYS,
)


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message names the PORTAL_ variable."""


class Config:
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # filled from the instance path
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    SEARCH_BACKEND: str | None = None
    SEARCH_DIR: str | None = None
    UPLOAD_DIR: str | None = None
    FILE_STORE = "directory"  # or "database": uploads in the database, for several app servers (portal/file_store.py)
    REDIS_URL: str | None = None
    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh_CN", "en")
    # DOMAIN.md §17: 轻微 penalties are not published unless a deployment decides otherwise.
    PUBLISH_MINOR_PENALTIES = False
    MAX_CONTENT_LENGTH = 60 * 1024 * 1024
    SEARCH_DRAIN_AFTER_REQUEST = False  # production runs `flask search-worker`
    # Several app servers (issue 21): each node's index applies the search outbox from its own cursor. A node is
    # named by PORTAL_NODE_NAME (default: the host name); outbox rows every live node has passed are deleted, and
    # any row after this many days (a node away longer rebuilds its index: portal/indexing/cursors.py).
    NODE_NAME: str | None = None
    OUTBOX_RETENTION_DAYS = 7
    # Submissions (issue 7): rate limits per IP (Flask-Limiter syntax), CAPTCHA, deadlines in working days.
    RATELIMIT_STORAGE_URI = "memory://"  # PORTAL_REDIS_URL replaces it (register_extensions)
    RATELIMIT_HEADERS_ENABLED = True
    # A limit store that fails must not fail the request: Flask-Limiter then logs and lets it through.
    RATELIMIT_SWALLOW_ERRORS = True
    # PORTAL_REDIS_URL: seconds to connect / to wait for an answer, and seconds before retrying a Redis that failed
    # (portal/redis_breaker.py); meanwhile limits, chat sessions and guess counters live in process memory.
    REDIS_TIMEOUT = 0.3
    REDIS_RETRY_SECONDS = 5.0
    RATELIMIT_SUBMIT = "5 per minute;30 per day"
    RATELIMIT_TRACK = "10 per minute;50 per day"  # counts failed look-ups only
    RATELIMIT_TRACK_NUMBER = "20 per hour;50 per day"  # failed look-ups of one tracking number, from any address
    RATELIMIT_LOGIN = "20 per 10 minutes"
    RATELIMIT_CHAT = "30 per minute;600 per day"  # per client address, /api/v1/chat and /chat
    RATELIMIT_CERTIFICATE = "5 per minute;50 per day"  # 查询结果证明 issued per client address (issue 19)
    RATELIMIT_SPECIAL_REPORT = "10 per minute;50 per day"  # 专项信用报告 applications per client address
    RATELIMIT_GRANT_ISSUE = "10 per minute;30 per day"  # 授权查询 grants given per client address
    RATELIMIT_AUTHORISED_CHECK = "60 per minute;1000 per day"  # authorised checks per institution key
    RATELIMIT_AUTHORISED_CHECK_MISS = "10 per minute;50 per day"  # checks without a grant in force, per key
    CAPTCHA_ENABLED = True
    SUBMISSION_DUE_WORKDAYS: dict[str, int] = {}  # e.g. {"objection": 15}; DOMAIN §7–§9 defaults otherwise
    # 重点监管对象筛查 (DOMAIN §21): feedback deadline of a hit, and how far back penalties and coercions count.
    WATCH_FEEDBACK_WORKDAYS = 10
    WATCH_PENALTY_YEARS = 3
    WATCH_COERCION_GRACE_DAYS = 183
    # Staff accounts: lockout after repeated failures, idle timeout of the back-office session.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    SESSION_MAX_HOURS = 12  # absolute lifetime of a signed-in session, however active (the idle timeout renews)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    NOTIFIER: str | None = None  # smtp | log | memory; default smtp when MAIL_SERVER is set (portal/notify.py)
    # Number of reverse proxies in front of the app (nginx = 1). Only then are X-Forwarded-For/-Proto/-Host
    # trusted, so rate limits and logs see the client's address; 0 = direct, the headers are ignored (spoofable).
    PROXY_FIX = 0
    # Seconds a search result page may be answered from memory (per process). 0 = every search asks the index
    # and re-checks visibility; a busy site may set a few seconds (a withdrawn record may then show that long).
    SEARCH_CACHE_SECONDS = 0
    # postgres search backend: totals and facets stop counting here and say "N+" (search/postgres_query.py). A
    # higher cap costs time on broad searches (a two-character fragment matching most documents).
    SEARCH_TOTAL_CAP = 10_000
    # The site's public address, e.g. https://credit.example.gov.cn: its host is the only Host header answered
    # (Flask's TRUSTED_HOSTS; add others with PORTAL_TRUSTED_HOSTS), so links in e-mails and exports cannot be
    # pointed at another site with a forged Host. Required in production; without it dev and test answer any host.
    PUBLIC_BASE_URL: str | None = None
    TRUSTED_HOSTS: list[str] | None = None
    HSTS_SECONDS = 365 * 24 * 3600  # Strict-Transport-Security, sent on HTTPS requests only
    FORM_MAX_BYTES = 2 * 1024 * 1024  # urlencoded and JSON bodies (uploads keep MAX_CONTENT_LENGTH)
    PUSH_MAX_BYTES = 8 * 1024 * 1024  # POST /api/v1/records/<kind> (data-standard §15): a batch of 1,000 is ~1.3 MB
    UPSTREAM_DIR: str | None = None  # where the staff page writes §16 exports; default <instance>/upstream
    JSON_MAX_DEPTH = 32
    # Site identity (issue 18): the header, footer and page titles read these (portal/site_identity.py).
    # Every value is empty by default and an empty value is not rendered, so a deployment shows only what it set.
    SITE_CITY = ""  # e.g. "江临"; empty = the demo city, translated ("Jianglin" / 江临)
    SITE_NAME = ""  # e.g. "信用江临"; empty = "信用" + city
    SITE_HOST_UNIT = ""  # 主办单位, e.g. the city's 社会信用体系建设领导小组办公室
    SITE_ORGANIZER_UNIT = ""  # 承办单位, e.g. the 公共信用信息中心
    SITE_ADDRESS = ""  # 联系地址
    SITE_PHONE = ""  # 联系电话
    SITE_EMAIL = ""  # 联系邮箱
    SITE_ICP = ""  # ICP备案号, e.g. "江ICP备12345678号-1"; links to beian.miit.gov.cn
    SITE_PSB = ""  # 公安机关备案号 as printed, e.g. "江公网安备 12345678901234号"
    SITE_PSB_CODE = ""  # its digits, for the link to beian.mps.gov.cn (empty: shown without a link)
    SITE_CODE = ""  # 政府网站标识码, e.g. "1234000001"
    SITE_GOV_MARK_URL = ""  # the 党政机关 mark's verification link (from CONAC); empty = no mark
    SITE_GOV_MARK_IMAGE = ""  # the mark's image under static/, e.g. "img/dzjg.png" (never hot-linked: CSP)


class DevelopmentConfig(Config):
    SEARCH_DRAIN_AFTER_REQUEST = True  # new imports become searchable without a worker
    MAIL_DIR = "mail"  # without MAIL_SERVER, e-mails go to the console and instance/mail/*.eml (portal/notify.py)


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
    if cfg.get("FILE_STORE") not in FILE_STORES:
        raise ConfigError(f"PORTAL_FILE_STORE must be one of {', '.join(FILE_STORES)}, not {cfg.get('FILE_STORE')!r}")
    cap = cfg.get("SEARCH_TOTAL_CAP")
    if isinstance(cap, bool) or not isinstance(cap, int) or not 100 <= cap <= 1_000_000:
        raise ConfigError(f"PORTAL_SEARCH_TOTAL_CAP must be a whole number from 100 to 1000000, not {cap!r}")
    hops = cfg.get("PROXY_FIX") or 0
    if isinstance(hops, bool) or not isinstance(hops, int) or not 0 <= hops <= 5:
        raise ConfigError(f"PORTAL_PROXY_FIX must be the number of proxies in front of the app (0-5), not {hops!r}")
    check_public_address(cfg, env)
    check_rate_limit_storage(cfg, env)
    uri = cfg["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgresql://"):  # plain URLs would pick psycopg2, which we do not ship
        cfg["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.removeprefix("postgresql://")


def check_public_address(cfg: dict[str, Any], env: str) -> None:
    """PUBLIC_BASE_URL → TRUSTED_HOSTS; production refuses to start without it (a forged Host would be answered)."""
    base = cfg.get("PUBLIC_BASE_URL")
    if not base:
        if env == "production":
            raise ConfigError(
                "PORTAL_PUBLIC_BASE_URL is required in production (e.g. https://credit.example.gov.cn): "
                "links in e-mails and exports are built from it, and only its host is answered"
            )
        return
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") or parts.query:
        raise ConfigError(f"PORTAL_PUBLIC_BASE_URL must be http(s)://host[:port] without a path, not {base!r}")
    cfg["PUBLIC_BASE_URL"] = base.rstrip("/")
    cfg["PREFERRED_URL_SCHEME"] = parts.scheme  # links built outside a request (CLI mails)
    extra = cfg.get("TRUSTED_HOSTS") or []
    if isinstance(extra, str):  # PORTAL_TRUSTED_HOSTS="a.example,b.example"
        extra = [name.strip() for name in extra.split(",") if name.strip()]
    cfg["TRUSTED_HOSTS"] = [parts.hostname, *(name for name in extra if name != parts.hostname)]


def check_rate_limit_storage(cfg: dict[str, Any], env: str) -> None:
    """Production needs a shared limit store: memory:// counts per worker, so 2 workers allow twice the limit."""
    if cfg.get("REDIS_URL"):
        cfg["RATELIMIT_STORAGE_URI"] = cfg["REDIS_URL"]
        cfg.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)  # Redis down: limit per process meanwhile
    storage = str(cfg.get("RATELIMIT_STORAGE_URI") or "memory://")
    if env == "production" and storage.startswith("memory://") and cfg.get("RATELIMIT_ENABLED", True):
        raise ConfigError(
            "PORTAL_REDIS_URL (or PORTAL_RATELIMIT_STORAGE_URI) is required in production: memory:// "
            "rate limits are kept per worker process, so every worker would allow the whole limit again"
        )
