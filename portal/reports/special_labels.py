"""Translated labels of special credit reports (areas, purposes, statuses, lists, statements): HTML, PDF, /verify."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.special import Area, Purpose, SpecialStatus

AREA_LABELS = {
    Area.MARKET.value: _l("Market regulation"),
    Area.TAX.value: _l("Taxation"),
    Area.ENVIRONMENT.value: _l("Ecology and environment"),
    Area.HOUSING.value: _l("Housing and urban-rural development"),
    Area.EMERGENCY.value: _l("Emergency management"),
    Area.LABOUR.value: _l("Human resources and social security"),
    Area.TRANSPORT.value: _l("Transport"),
    Area.NATURAL_RESOURCES.value: _l("Natural resources"),
    Area.HEALTH.value: _l("Health"),
    Area.AGRICULTURE.value: _l("Agriculture and rural affairs"),
    Area.CULTURE.value: _l("Culture and tourism"),
    Area.URBAN.value: _l("Urban management"),
    Area.FIRE.value: _l("Fire and rescue"),
    Area.OTHER.value: _l("Other areas"),
}
PURPOSE_LABELS = {
    Purpose.TENDER.value: _l("Tendering and bidding"),
    Purpose.PROCUREMENT.value: _l("Government procurement"),
    Purpose.AWARD.value: _l("Awards and commendations"),
    Purpose.FINANCING.value: _l("Financing"),
    Purpose.LISTING.value: _l("Stock listing"),
    Purpose.QUALIFICATION.value: _l("Qualification recognition"),
    Purpose.OTHER.value: _l("Other purpose"),
}
STATUS_LABELS = {
    SpecialStatus.PUBLICISED.value: _l("Being publicised"),
    SpecialStatus.REPAIRED.value: _l("Repaired"),
    SpecialStatus.EXPIRED.value: _l("Publicity period ended"),
    SpecialStatus.NOT_PUBLICISED.value: _l("Not publicised"),
}
GROUP_TITLES = {
    "penalties": _l("Administrative penalties"),
    "coercions": _l("Administrative coercion"),
    "blacklist": _l("List of seriously dishonest subjects"),
}
NOT_COVERED_TEXT = {
    "criminal": _l("Criminal judgments and other court records, which this platform does not hold."),
    "other_sites": _l(
        "Records held only by other platforms or departments that have not shared them with this platform."
    ),
    "before_period": _l(
        "Records decided before or after the report period (a list entry in force during the period is included)."
    ),
}
CLEAN_AREA = _l("No record of violations of laws or regulations in this area during the report period.")


def labels() -> dict[str, object]:
    """Everything the templates need, in one context value."""
    return {"areas": AREA_LABELS, "purposes": PURPOSE_LABELS, "statuses": STATUS_LABELS, "groups": GROUP_TITLES,
            "not_covered": NOT_COVERED_TEXT, "clean": CLEAN_AREA}  # fmt: skip
