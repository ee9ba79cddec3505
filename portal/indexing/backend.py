"""The search backend of a Flask application: which engine, built once in init_app, kept in app.extensions."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from portal.indexing.outbox import drain_outbox
from portal.models import SearchOutbox
from search import analysis
from search.contract import SearchBackend
from search.factory import open_backend

log = logging.getLogger(__name__)

DEFAULT_BACKEND = "tantivy"  # met every target of benchmarks/search_bench.py (issue #5 note); whoosh did not
EXTENSION = "search"


def backend_name(app: Flask) -> str:
    return str(app.config.get("SEARCH_BACKEND") or DEFAULT_BACKEND)


def make_backend(app: Flask, name: str | None = None, *, with_fallback: bool = True) -> SearchBackend:
    """The configured backend (or `name`), guarded by the degraded SQL search unless `with_fallback` is False."""
    from portal.config import ConfigError
    from portal.extensions import db
    from portal.indexing.documents import document_for_record, subject_documents
    from portal.search_fallback import FallbackSearch

    name = name or backend_name(app)
    uri = str(app.config["SQLALCHEMY_DATABASE_URI"])
    if name == "postgres" and not uri.startswith("postgresql"):
        raise ConfigError("PORTAL_SEARCH_BACKEND=postgres needs a PostgreSQL PORTAL_SQLALCHEMY_DATABASE_URI")
    fallback = (  # the document builders are passed in, so the fallback never imports this package back
        (lambda: FallbackSearch(lambda: db.session, document_for_record, subject_documents)) if with_fallback else None
    )
    options = {"dsn": uri, "total_cap": app.config["SEARCH_TOTAL_CAP"]} if name == "postgres" else {}
    return open_backend(name, directory=app.config["SEARCH_DIR"], fallback=fallback, **options)


def get_backend(app: Flask | None = None) -> SearchBackend:
    """The application's search backend (built by init_app)."""
    target = app or current_app
    return target.extensions[EXTENSION]  # type: ignore[no-any-return]


def init_app(app: Flask) -> None:
    """Load jieba once (cache under the instance folder), build the backend, and in development drain after requests."""
    analysis.configure_jieba(Path(app.instance_path) / "jieba")
    app.extensions[EXTENSION] = make_backend(app)
    if app.config.get("SEARCH_DRAIN_AFTER_REQUEST"):
        app.after_request(_drain_after_request)


def _drain_after_request(response: Any) -> Any:
    """Development convenience: apply pending index changes after each request (the worker does it elsewhere)."""
    from portal import clock
    from portal.extensions import db

    try:
        with Session(db.engine) as session:
            if session.scalar(sa.select(SearchOutbox.id).limit(1)) is not None:
                drain_outbox(session, get_backend(), clock.today(), limit=500)
    except Exception:  # a failed drain must not fail the page; the rows stay queued
        log.warning("search outbox drain after request failed", exc_info=True)
    return response
