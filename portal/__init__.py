"""create_app() and its register_* steps; nothing else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from portal.config import check_config, config_class, fill_instance_paths

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
    app.config.from_object(config_class(env))
    app.config.from_prefixed_env("PORTAL")
    app.config.update(overrides or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Chinese stays readable in API answers
    fill_instance_paths(app)
    check_config(app, env)
    configure_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def configure_logging(app: Flask) -> None:
    from portal.logs import configure

    configure(app)


def register_extensions(app: Flask) -> None:
    from flask_babel import get_locale

    from portal.extensions import babel, csrf, db, migrate
    from portal.i18n import select_locale

    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "translations")
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale  # base.html sets <html lang> from it


def register_blueprints(app: Flask) -> None:
    from portal.public import bp as public_bp

    # The whole URL map in one place (STYLE §4).
    app.register_blueprint(public_bp, url_prefix="/")


def register_errorhandlers(app: Flask) -> None:
    from portal.errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from portal.cli import register

    register(app)
