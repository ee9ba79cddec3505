"""GET /api/v1/subjects/<uscc> and /api/v1/subjects/p/<public_id> (CONTRACT.md): a subject's public profile.

The same Profile and presenter as the HTML profile page, so the API shows exactly what the page shows: public
records only, names of persons and legal representatives masked, no ID number. Unknown and non-public give one 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import jsonify
from flask_babel import gettext as _

from portal import clock, kinds
from portal.errors import error_response
from portal.extensions import db
from portal.indexing.documents import record_url, subject_url
from portal.public import records
from portal.public.presenters import PublicRecord


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def record_json(record: PublicRecord) -> dict[str, Any]:
    """The common fields, then the kind's own (its spec's api_fields) under their API names."""
    base: dict[str, Any] = {
        "id": record.id,
        "status": record.status,
        "date": record.decided_on.isoformat(),
        "public_until": _day(record.public_until),
        "authority": record.authority,
        "url": record_url(record.kind, record.id),
    }
    own = kinds.spec(record.kind).api_fields
    return {**base, **{name: _json_value(getattr(record, attribute)) for name, attribute in own}}


def profile_json(profile: records.Profile) -> dict[str, Any]:
    subject = profile.subject
    body: dict[str, Any] = {
        "name": subject.name,
        "uscc": subject.uscc,
        "kind": subject.kind,
        "legal_rep": subject.legal_rep,
        "public_id": subject.public_id,
        "url": subject_url(subject),
        "counts": profile.counts,
        "truncated": profile.truncated,
    }
    for spec in kinds.specs():
        body[spec.api_name] = [record_json(r) for r in profile.by_kind.get(spec.kind.value, [])]
    return body


def _answer(profile: records.Profile | None) -> Any:
    if profile is None:
        return error_response(404, "not_found", _("No subject with public credit information has this identifier."))
    return jsonify(profile_json(profile))


def subject_by_uscc(uscc: str) -> Any:
    return _answer(records.profile_by_uscc(db.session, clock.today(), uscc[:32]))


def subject_by_public_id(public_id: str) -> Any:
    return _answer(records.profile_by_public_id(db.session, clock.today(), public_id[:32]))

