"""A deployment never silently serves English: stale or missing .mo files are compiled, or production refuses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from portal import ROOT, create_app
from portal.catalogues import stale
from portal.config import ConfigError

PRODUCTION = {"ENV_NAME": "production", "SECRET_KEY": "x" * 40, "PUBLIC_BASE_URL": "https://credit.example.gov.cn",
              "REDIS_URL": "redis://127.0.0.1:6379/0"}  # fmt: skip


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    """A copy of the .po catalogues without any .mo (a fresh checkout)."""
    folder = tmp_path / "translations"
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        target = folder / po.relative_to(ROOT / "translations")
        target.parent.mkdir(parents=True)
        shutil.copy(po, target)
    return folder


def _app(tmp_path: Path, translations: Path, **settings: object):  # type: ignore[no-untyped-def]
    return create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/c.db",
                       "TRANSLATIONS_DIR": str(translations), **settings})  # fmt: skip


def test_a_fresh_checkout_gets_its_catalogues_compiled_and_serves_chinese(tmp_path: Path, translations: Path) -> None:
    assert len(stale(translations)) == 2
    app = _app(tmp_path, translations, **PRODUCTION)
    assert stale(translations) == []
    html = app.test_client().get("/accounts/login", base_url="https://credit.example.gov.cn").get_data(as_text=True)
    assert "电子邮箱" in html
    assert "E-mail" not in html


def test_a_po_newer_than_its_mo_is_compiled_again(tmp_path: Path, translations: Path) -> None:
    _app(tmp_path, translations)
    po = next(translations.glob("zh*/LC_MESSAGES/messages.po"))
    mo = po.with_suffix(".mo")
    os.utime(mo, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))
    assert stale(translations) == [mo]
    _app(tmp_path, translations)
    assert stale(translations) == []


def test_production_refuses_to_start_when_the_catalogues_cannot_be_compiled(tmp_path: Path, translations: Path) -> None:
    po = next(translations.glob("zh*/LC_MESSAGES/messages.po"))
    blocker = po.with_suffix(".mo")
    blocker.mkdir()  # a .mo that cannot be written (as a read-only checkout, but also when the tests run as root)
    os.utime(blocker, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))
    with pytest.raises(ConfigError, match=r"make translations.*English"):
        _app(tmp_path, translations, **PRODUCTION)
    _app(tmp_path, translations)  # development and test start, with a warning in the log
