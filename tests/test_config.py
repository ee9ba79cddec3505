"""Fail-fast configuration and the reverse-proxy setting (PORTAL_PROXY_FIX)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, request

from portal import create_app
from portal.config import ConfigError


def _app(tmp_path: Path, **overrides: object) -> Flask:
    return create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/c.db", **overrides})


def _remote(app: Flask, headers: dict[str, str]) -> tuple[str, str]:
    app.add_url_rule("/_whoami", "whoami", lambda: f"{request.remote_addr} {request.scheme}")
    addr, scheme = app.test_client().get("/_whoami", headers=headers,
                                         environ_base={"REMOTE_ADDR": "10.0.0.2"}).get_data(as_text=True).split()
    return addr, scheme


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}


def test_without_a_proxy_setting_forwarded_headers_are_ignored(tmp_path: Path) -> None:
    assert _remote(_app(tmp_path), FORWARDED) == ("10.0.0.2", "http")  # a client cannot pick its address


def test_behind_one_proxy_the_client_address_and_scheme_come_from_it(tmp_path: Path) -> None:
    assert _remote(_app(tmp_path, PROXY_FIX=1), FORWARDED) == ("203.0.113.7", "https")
    # A client that adds its own X-Forwarded-For in front cannot hide behind it: only the proxy's last hop counts.
    spoofed = {**FORWARDED, "X-Forwarded-For": "1.2.3.4, 203.0.113.7"}
    assert _remote(_app(tmp_path, PROXY_FIX=1), spoofed)[0] == "203.0.113.7"


@pytest.mark.parametrize("value", ["two", -1, 9, True, 1.5])
def test_a_bad_proxy_setting_refuses_to_start_with_its_name(tmp_path: Path, value: object) -> None:
    with pytest.raises(ConfigError, match="PORTAL_PROXY_FIX"):
        _app(tmp_path, PROXY_FIX=value)


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="PORTAL_SECRET_KEY"):
        create_app({"ENV_NAME": "production", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/c.db"})


def test_proxy_setting_is_read_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_PROXY_FIX", "1")
    assert _remote(_app(tmp_path), FORWARDED)[0] == "203.0.113.7"


@pytest.mark.parametrize("value", ["many", 0, 99, 2_000_000, True, 1.5])
def test_a_bad_search_total_cap_refuses_to_start_with_its_name(tmp_path: Path, value: object) -> None:
    with pytest.raises(ConfigError, match="PORTAL_SEARCH_TOTAL_CAP"):
        _app(tmp_path, SEARCH_TOTAL_CAP=value)


@pytest.mark.postgres
def test_the_postgres_backend_counts_up_to_the_configured_cap(tmp_path: Path, pg_url: str) -> None:
    from portal.indexing.backend import make_backend

    app = _app(tmp_path, SQLALCHEMY_DATABASE_URI=pg_url, SEARCH_BACKEND="postgres", SEARCH_TOTAL_CAP=250)
    backend = make_backend(app, with_fallback=False)
    assert backend.total_cap == 250
    backend.close()
