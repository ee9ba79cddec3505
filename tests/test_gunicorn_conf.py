"""gunicorn.conf.py (the documented production command reads it): a stuck or dying worker is replaced."""

from __future__ import annotations

import runpy
from pathlib import Path

from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent


def _loaded() -> Config:
    """The file as gunicorn loads it: every module-level name that is a gunicorn setting, through its validator."""
    cfg = Config()
    for name, value in runpy.run_path(str(ROOT / "gunicorn.conf.py")).items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg


def test_workers_are_replaced_when_stuck_and_recycled_with_jitter() -> None:
    cfg = _loaded()
    assert cfg.worker_class_str == "gthread"
    assert (cfg.workers, cfg.threads) == (2, 4)
    assert 0 < cfg.timeout <= 60
    assert 0 < cfg.graceful_timeout < cfg.timeout
    assert cfg.max_requests >= 1000
    assert 0 < cfg.max_requests_jitter < cfg.max_requests
    assert cfg.post_fork.__module__ != "gunicorn.config"  # our hook, not gunicorn's no-op default


def test_the_documented_commands_read_the_file() -> None:
    for doc in ("README.md", "docs/operations.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert "gunicorn -c gunicorn.conf.py" in text, doc


def test_several_workers_on_memory_rate_limits_get_a_loud_warning() -> None:
    warn = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["memory_limits_warning"]
    message = warn(2, {})
    assert message is not None
    assert "2 workers on memory:// allow every limit 2 times" in message
    assert warn(1, {}) is None  # one worker counts correctly
    assert warn(4, {"PORTAL_REDIS_URL": "redis://127.0.0.1:6379/0"}) is None
    assert warn(4, {"PORTAL_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/1"}) is None
    assert "4 workers" in (warn(4, {"PORTAL_RATELIMIT_STORAGE_URI": "memory://"}) or "")
    assert _loaded().when_ready.__module__ != "gunicorn.config"
