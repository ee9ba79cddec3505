"""create_app() and its register_* steps; nothing else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from portal.config import ConfigError, check_config, config_class, fill_instance_paths
from portal.http import DepthLimitedJSONProvider, PortalRequest

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    env = str((overrides or {}).get("ENV_NAME") or os.environ.get("PORTAL_ENV", "development"))
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.request_class = PortalRequest  # body limits for plain forms (portal/http.py)
    app.json = DepthLimitedJSONProvider(app)  # deep JSON is a 400 like malformed JSON, not a RecursionError
    app.config.from_object(config_class(env))
    app.config.from_prefixed_env("PORTAL")
    app.config.update(overrides or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese stays readable in API answers
    fill_instance_paths(app)
    check_config(app, env)
    check_catalogues(app, env)
    configure_logging(app)
    register_proxy(app)
    register_security(app)  # first: its Host check runs before every other request step
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def translations_dir(app: Flask) -> Path:
    return Path(app.config.get("TRANSLATIONS_DIR") or ROOT / "translations")


def check_catalogues(app: Flask, env: str) -> None:
    """Compile missing or stale .mo files; production refuses to start when that fails (portal/catalogues.py)."""
    from portal.catalogues import compile_stale, stale

    folder = translations_dir(app)
    try:
        compiled = compile_stale(folder)
    except (OSError, ValueError) as exc:  # a read-only checkout, a broken .po
        if env == "production":
            raise ConfigError(
                f"message catalogues in {folder} are missing or older than their .po and cannot be "
                f"compiled ({exc}): run `make translations` (pybabel compile -d translations) before "
                "starting; without them every page would be in English"
            ) from exc
        app.logger.warning("message catalogues not compiled, pages fall back to English: %s", stale(folder))
        return
    if compiled:
        app.logger.info("compiled message catalogues: %s", ", ".join(str(path) for path in compiled))


def configure_logging(app: Flask) -> None:
    from portal.logs import configure

    configure(app)


def register_proxy(app: Flask) -> None:
    """Behind PORTAL_PROXY_FIX proxies, take the client's address and scheme from their X-Forwarded-* headers."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    from flask_babel import get_locale

    from portal import db_engine
    from portal.extensions import babel, csrf, db, migrate
    from portal.i18n import select_locale
    from portal.indexing import backend as search_backend

    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations_dir(app))
    db.init_app(app)
    db_engine.init_app(app)  # SQLite: WAL and a busy timeout, so pages keep answering while an import writes
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale  # base.html sets <html lang> from it
    search_backend.init_app(app)  # the search backend in app.extensions["search"] (not a Flask extension, STYLE §4)
    register_staff_and_limits(app)


def register_staff_and_limits(app: Flask) -> None:
    """flask-login for the back office, Flask-Limiter (Redis when PORTAL_REDIS_URL is set), notifications."""
    from flask_babel import lazy_gettext as _l

    from portal import notify, redis_breaker
    from portal.accounts.sessions import enforce_timeouts, load_user
    from portal.accounts.views_manage import require_password_change
    from portal.extensions import limiter, login_manager
    from portal.review import nav as staff_menu

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = "strong"
    login_manager.login_message = _l("Please sign in to use the back office.")
    login_manager.localize_callback = str  # the lazy text is translated when flashed (a session cannot hold it)
    login_manager.user_loader(load_user)
    staff_menu.init_app(app)
    app.before_request(enforce_timeouts)
    app.before_request(require_password_change)
    redis_breaker.init_app(app)  # short timeouts and one circuit breaker for every Redis user, the limiter included
    limiter.init_app(app)  # storage: PORTAL_REDIS_URL, checked by check_config (shared in production)
    notify.init_app(app)


def register_security(app: Flask) -> None:
    """Security headers on every response, no-store for signed-in pages, capped echoes of form values."""
    from portal import security

    security.init_app(app)


def register_blueprints(app: Flask) -> None:
    from portal.accounts import bp as accounts_bp
    from portal.api import bp as api_bp
    from portal.chat import bp as chat_bp
    from portal.cms import bp as cms_bp
    from portal.enterprise import bp as enterprise_bp
    from portal.extensions import csrf
    from portal.follows import bp as follows_bp
    from portal.grants import bp as grants_bp
    from portal.interviews import bp as interviews_bp
    from portal.joint import bp as joint_bp
    from portal.public import bp as public_bp
    from portal.reports import bp as reports_bp
    from portal.review import bp as review_bp
    from portal.search_ui.routes import bp as search_bp
    from portal.submissions import bp as submissions_bp
    from portal.supervision import bp as supervision_bp
    from portal.watch import bp as watch_bp

    # The whole URL map in one place (STYLE §4). Each bp arrives with all its routes, added from its package's URL
    # tables when the package is imported above; no module is imported only to attach routes.
    app.register_blueprint(public_bp, url_prefix="/")
    app.register_blueprint(search_bp, url_prefix="/")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(submissions_bp, url_prefix="/")
    app.register_blueprint(accounts_bp, url_prefix="/accounts")
    app.register_blueprint(review_bp, url_prefix="/review")
    app.register_blueprint(chat_bp, url_prefix="/chat")
    app.register_blueprint(enterprise_bp, url_prefix="/enterprise")
    app.register_blueprint(reports_bp, url_prefix="/")  # /reports/…, /verify
    app.register_blueprint(follows_bp, url_prefix="/")  # /subjects/…/follow, /subjects/…/feed.atom, /follows/…
    app.register_blueprint(cms_bp, url_prefix="/")  # after public: /policies, /news, /guides/<slug>, /review/pages
    app.register_blueprint(joint_bp, url_prefix="/joint")  # 联合奖惩: checks, feedback, catalogue, stats, keys
    app.register_blueprint(grants_bp, url_prefix="/")  # 授权查询: /enterprise/subjects/…/grants, /review/institutions
    app.register_blueprint(supervision_bp, url_prefix="/supervision")  # 分级分类监管: grading rules, ratios, draws
    app.register_blueprint(watch_bp, url_prefix="/watch")  # 重点监管对象筛查: watch lists, hits, feedback, stats
    app.register_blueprint(interviews_bp, url_prefix="/interviews")  # 约谈 with minutes
    csrf.exempt(api_bp)  # the API never authenticates through the session cookie (STYLE §4)


def register_errorhandlers(app: Flask) -> None:
    from portal.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from portal.cli import register

    register(app)
