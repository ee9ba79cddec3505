"""The message catalogues: Chinese complete and not fuzzy, and in step with the messages in the code."""

from __future__ import annotations

import os

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from portal import ROOT

TRANSLATIONS = ROOT / "translations"
# Babel reads zh_CN as zh_Hans_CN and looks the catalogue up under that name (flask-admin #403, ckan #4413).
ZH = TRANSLATIONS / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"
LANGUAGES = ("zh_Hans_CN", "en")


def _read(path) -> Catalog:  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def _messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]  # without the header entry


def _ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(catalog)}


@pytest.fixture(scope="module")
def extracted() -> dict[str, str]:
    """What `flask translate extract` (pybabel extract -F babel.cfg -k _l) finds: msgid → first "file:line"."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, "babel.cfg")
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found: dict[str, str] = {}
    def directory_filter(path: str) -> bool:  # as `--ignore-dirs .*`: templates/_macros/ is scanned too
        return not os.path.basename(path).startswith(".")

    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords, directory_filter=directory_filter
    ):
        found.setdefault(message if isinstance(message, str) else message[0], f"{filename}:{lineno}")
    # Both extractors ran: a Python message (portal/i18n.py) and a template message (base.html).
    assert {"Objection under review", "Skip to main content"} <= set(found)
    return found


def _where(extracted: dict[str, str], ids: set[str]) -> list[str]:
    return sorted(f"{extracted[i]}: {i}" for i in ids)


def test_the_chinese_catalogue_lives_where_babel_looks_for_zh_cn() -> None:
    assert ZH.exists()
    assert not (TRANSLATIONS / "zh_CN").exists()


def test_every_chinese_message_is_translated_and_not_fuzzy() -> None:
    catalog = _read(ZH)
    messages = _messages(catalog)
    assert messages
    untranslated = [m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_chinese_translations_keep_the_placeholders_of_their_messages() -> None:
    catalog = _read(ZH)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []


def test_the_template_holds_exactly_the_messages_of_the_code(extracted: dict[str, str]) -> None:
    pot = _ids(_read(TRANSLATIONS / "messages.pot"))
    # A helper named _ or _l is a translation keyword too: its arguments show up here with their file.
    assert _where(extracted, set(extracted) - pot) == [], "run `flask --app wsgi translate update`"
    assert sorted(pot - set(extracted)) == [], "run `flask --app wsgi translate update`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_in_each_catalogue(extracted: dict[str, str], language: str) -> None:
    catalogue = _ids(_read(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"))
    assert _where(extracted, set(extracted) - catalogue) == []
