"""GET filter forms of the listings of the further kinds of credit information (see portal/public/forms.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.i18n import (
    COERCION_CATEGORY_LABELS,
    COERCION_STATE_LABELS,
    COMMITMENT_STATE_LABELS,
    COMMITMENT_TYPE_LABELS,
    HONOUR_LEVEL_LABELS,
)
from portal.public.forms import ListingForm, _all, _select


class CoercionFilterForm(ListingForm):
    category = _select(_l("Type of coercion"), _all(_l("All types")) + list(COERCION_CATEGORY_LABELS.items()))
    state = _select(_l("Lifted or in force"), _all(_l("All")) + list(COERCION_STATE_LABELS.items()))

    def _extra(self) -> dict[str, str]:
        return {"category": self.category.data or "", "state": self.state.data or ""}


class HonourFilterForm(ListingForm):
    year = _select(_l("Year granted"), _all(_l("All years")))
    category = _select(_l("Level of the honour"), _all(_l("All levels")) + list(HONOUR_LEVEL_LABELS.items()))

    def _extra(self) -> dict[str, str]:
        return {"category": self.category.data or ""}


class CommitmentFilterForm(ListingForm):
    dept = _select(_l("Accepting department"), _all(_l("All departments")))
    year = _select(_l("Year of the commitment"), _all(_l("All years")))
    category = _select(_l("Type of commitment"), _all(_l("All types")) + list(COMMITMENT_TYPE_LABELS.items()))
    state = _select(_l("Fulfilment"), _all(_l("All states")) + list(COMMITMENT_STATE_LABELS.items()))

    def _extra(self) -> dict[str, str]:
        return {"category": self.category.data or "", "state": self.state.data or ""}
