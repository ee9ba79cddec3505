"""The site's identity from the PORTAL_SITE_* settings: its name, city and operators, for pages, reports, feeds,
e-mail and the API description alike (no module hard-codes a city; an empty setting means the demo city 江临).
Needs an application context; a leaf module, so any package may import it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _


@dataclass(frozen=True, slots=True)
class SiteIdentity:
    """Who runs the site, as configured (PORTAL_SITE_*); empty strings are not rendered."""

    name: str
    city: str
    platform: str
    host_unit: str
    organizer_unit: str
    address: str
    phone: str
    email: str
    icp: str
    psb: str
    psb_code: str
    code: str
    gov_mark_url: str
    gov_mark_image: str


def site_identity() -> SiteIdentity:
    cfg = current_app.config
    city = cfg.get("SITE_CITY") or _("Jianglin")
    text = {key: str(cfg.get(f"SITE_{key.upper()}") or "").strip() for key in (
        "host_unit", "organizer_unit", "address", "phone", "email", "icp", "psb", "psb_code", "code",
        "gov_mark_url", "gov_mark_image")}  # fmt: skip
    return SiteIdentity(
        name=cfg.get("SITE_NAME") or _("Credit %(city)s", city=city),
        city=city,
        platform=_("%(city)s public credit information platform", city=city),
        **text,
    )


def site_name() -> str:
    return site_identity().name


def site_city() -> str:
    return site_identity().city


def site_platform() -> str:
    """"江临市公共信用信息平台": who issues reports and certificates."""
    return site_identity().platform
