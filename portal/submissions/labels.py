"""Translated labels of submission kinds, statuses, outcomes and repair eligibility (shared with the back office)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "objection": _l("Credit objection"),
    "complaint": _l("Complaint or report"),
    "repair": _l("Credit repair application"),
}
STATUS_LABELS = {
    "submitted": _l("Submitted"),
    "accepted": _l("Accepted"),
    "rejected_intake": _l("Not accepted"),
    "verifying": _l("Under verification"),
    "closed": _l("Closed"),
}
OUTCOME_LABELS = {
    "corrected": _l("Record corrected"),
    "withdrawn": _l("Record withdrawn"),
    "upheld": _l("Record upheld"),
    "approved": _l("Repair approved"),
    "refused": _l("Repair refused"),
    "substantiated": _l("Substantiated"),
    "unsubstantiated": _l("Not substantiated"),
}
ACTION_LABELS = {
    "submit": _l("Submitted"),
    "accept": _l("Accept"),
    "reject": _l("Do not accept"),
    "verify": _l("Forward for verification"),
    "close": _l("Decide and close"),
    "remind": _l("Send a reminder"),
    "note": _l("Add a note"),
}
ROLE_LABELS = {
    "intake": _l("Intake officer"),
    "verifier": _l("Verifier"),
    "reviewer": _l("Reviewer"),
    "admin": _l("Administrator"),
    "department": _l("Department user"),
}
ELIGIBILITY_TEXT = {
    "eligible": _l("This record can be repaired now if the penalty has been fulfilled."),
    "too_early": _l("This record cannot be repaired yet. A repair application is possible from %(date)s."),
    "not_repairable": _l("This record cannot be repaired through this form."),
    "under_objection": _l("An objection to this record is being handled. Apply for repair after its decision."),
}
