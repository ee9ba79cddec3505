"""GET filter forms of the rating and inspection listings (see portal/public/forms.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.kinds import RATING_GRADES
from portal.i18n import INSPECTION_RESULT_LABELS, INSPECTION_TYPE_LABELS, RATING_SCHEME_LABELS
from portal.public.forms import ListingForm, _all, _select

# Every grade of every scheme, in the schemes' order (A … D, 高级认证企业 …, 绿 …), each once.
_GRADES = list(dict.fromkeys(g for grades in RATING_GRADES.values() for g in grades))


class RatingFilterForm(ListingForm):
    dept = _select(_l("Rating department"), _all(_l("All departments")))
    year = _select(_l("Year of the rating"), _all(_l("All years")))
    category = _select(_l("Rating scheme"), _all(_l("All schemes")) + list(RATING_SCHEME_LABELS.items()))
    state = _select(_l("Grade"), _all(_l("All grades")) + [(g, g) for g in _GRADES])

    def _extra(self) -> dict[str, str]:
        return {"category": self.category.data or "", "state": self.state.data or ""}


class InspectionFilterForm(ListingForm):
    dept = _select(_l("Inspecting authority"), _all(_l("All departments")))
    year = _select(_l("Year of the inspection"), _all(_l("All years")))
    category = _select(_l("Type of inspection"), _all(_l("All types")) + list(INSPECTION_TYPE_LABELS.items()))
    state = _select(_l("Result of the inspection"), _all(_l("All results")) + list(INSPECTION_RESULT_LABELS.items()))

    def _extra(self) -> dict[str, str]:
        return {"category": self.category.data or "", "state": self.state.data or ""}
