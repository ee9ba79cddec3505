"""Translated labels of enterprise binding statuses, shown on the enterprise pages and in the back office."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

BINDING_STATUS = {"pending": _l("Waiting for review"), "approved": _l("Bound"), "rejected": _l("Not approved"),
                  "revoked": _l("Revoked")}  # fmt: skip
