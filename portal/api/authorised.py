"""POST /api/v1/authorised-checks (JSON) and /api/v1/authorised-checks/pdf: an institution checks a subject with
the grant code the subject gave it (DOMAIN §23).

Authentication: an API key of the `authorised-check` scope (portal/grants/institutions.py). With a grant in force
the answer is the subject's full record; otherwise (no grant, wrong code, wrong subject, revoked or expired grant)
it is exactly the public answer of GET /api/v1/subjects/<uscc>, so none of these can be told apart. Checks are
rate-limited per key, and checks without a grant have a stricter limit of their own, so subjects cannot be
enumerated. Every check is audited; checks with one of the subject's codes are listed to the subject.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g, jsonify, url_for
from flask_babel import gettext as _

from portal import clock
from portal.api.joint import _authorised, _body, key_identity
from portal.api.subjects import profile_json
from portal.domain import uscc as uscc_rules
from portal.errors import error_response
from portal.extensions import db, limiter
from portal.grants import services
from portal.models import ApiKey
from portal.public import records
from portal.reports import content, document, fonts, pdf, pdf_response, signing
from portal.reports import services as reports
from portal.reports.services import signer_from

MAX_CODE = services.MAX_CODE


def check_limit() -> str:
    return str(current_app.config.get("RATELIMIT_AUTHORISED_CHECK", "60 per minute;1000 per day"))


def miss_limit() -> str:
    """Checks that found no grant in force: a few typos are fine, a sweep over subjects is not."""
    return str(current_app.config.get("RATELIMIT_AUTHORISED_CHECK_MISS", "10 per minute;50 per day"))


def _missed(response: Any) -> bool:
    return not getattr(g, "authorised_granted", False)


def _input() -> tuple[str, str] | Any:
    body = _body()
    if not isinstance(body, dict):
        return body
    uscc, code = body.get("uscc"), body.get("code")
    if not isinstance(uscc, str) or not uscc_rules.is_well_formed(uscc.strip().upper()):
        return error_response(400, "invalid_uscc", _("uscc must be an 18-character unified social credit code."))
    if not isinstance(code, str) or not code.strip() or len(code) > MAX_CODE:
        return error_response(400, "invalid_code", _("code must be the grant code the subject gave you."))
    return uscc.strip().upper(), code


def _resolve(output: str) -> tuple[ApiKey, services.Resolution, str] | Any:
    key = _authorised(services.SCOPE)
    if not isinstance(key, ApiKey):
        return key
    given = _input()
    if not isinstance(given, tuple):
        return given
    uscc, code = given
    found = services.resolve(db.session, key, uscc, code, output=output, key=signer_from(current_app.config).key,
                             now=clock.now(), today=clock.today())  # fmt: skip
    g.authorised_granted = found.grant is not None
    return key, found, uscc


def _public_answer(uscc: str) -> Any:
    profile = records.profile_by_uscc(db.session, clock.today(), uscc)
    if profile is None:
        return error_response(404, "not_found", _("No subject with public credit information has this identifier."))
    return jsonify({"access": "public", "grant": None, "profile": profile_json(profile)})


@limiter.limit(check_limit, key_func=key_identity)
@limiter.limit(miss_limit, key_func=key_identity, deduct_when=_missed)
def check_json() -> Any:
    found = _resolve("json")
    if not isinstance(found, tuple):
        return found
    _key, resolution, uscc = found
    grant, subject = resolution.grant, resolution.subject
    if grant is None or subject is None:
        return _public_answer(uscc)
    today = clock.today()
    return jsonify({
        "access": "authorised",
        "grant": {"purpose": grant.purpose, "valid_from": grant.valid_from.isoformat(),
                  "valid_until": grant.valid_until.isoformat()},
        "as_of": today.isoformat(),
        "subject": content.subject_block(subject, public=False, uscc=subject.uscc, name=subject.name),
        "sections": content.build_sections(db.session, subject, today=today, public=False),
    })  # fmt: skip


@limiter.limit(check_limit, key_func=key_identity)
@limiter.limit(miss_limit, key_func=key_identity, deduct_when=_missed)
def check_pdf() -> Any:
    """The full credit report (a signed, verifiable snapshot) with a grant; the public report otherwise."""
    found = _resolve("pdf")
    if not isinstance(found, tuple):
        return found
    key, resolution, uscc = found
    grant, subject = resolution.grant, resolution.subject
    signer, now, today = signer_from(current_app.config), clock.now(), clock.today()
    if grant is not None and subject is not None:
        report = reports.issue_authorised(db.session, subject, signer=signer, now=now, today=today)
        services.note_report(db.session, grant, key, report.report_no)
    else:
        if subject is None or records.profile_by_uscc(db.session, today, uscc) is None:
            return error_response(404, "not_found", _("No subject with public credit information has this identifier."))
        report = reports.issue_public(db.session, subject, signer=signer, now=now, today=today)
    code = signing.verification_code(signer.key, report.report_no)
    verify = url_for("reports.verify", no=report.report_no, code=code, _external=True)
    doc = document.load(report, key=signer.key, verify_url=verify)
    try:
        body = pdf_response.draw(pdf.render, doc)
    except fonts.FontMissing:
        return error_response(503, "unavailable", _("The PDF cannot be drawn now; use the JSON check."))
    return pdf_response.attachment(body, report.report_no)
