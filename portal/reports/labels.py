"""Translated labels of report sections, versions and marks (shared by the HTML page and the PDF).

Record statuses and severities are the portal's own (portal/i18n.py): a report says what the pages say.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal import kinds
from portal.i18n import CATEGORY_LABELS

# A section is a kind (its heading), or a list category for kinds filed by category: the portal's own labels.
SECTION_TITLES = {
    **{spec.kind.value: spec.label for spec in kinds.specs() if not spec.by_list_category},
    **{category.value: label for category, label in CATEGORY_LABELS.items()},
}
VERSION_TITLES = {"public": _l("Public version"), "full": _l("Full version (for the subject itself)")}
MARK_TEXT = {
    "under_objection": _l("Objection being handled"),
    "under_repair": _l("Repair application being handled"),
}
# Chinese ordinal section numbers of an official document (一、二、…); English shows 1. 2. …
ORDINALS_ZH = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def ordinal(index: int) -> str:
    """The number of a report chapter: 一、 in Chinese, "1. " otherwise."""
    locale = get_locale()
    return f"{ORDINALS_ZH[index]}、" if locale is not None and locale.language == "zh" else f"{index + 1}. "
