"""Translated labels of submission kinds, statuses, outcomes, objection grounds, complaint topics and repair
eligibility (shared with the back office)."""

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
OBJECTION_GROUNDS = {
    "wrong_info": _l("The information is wrong"),
    "wrong_level": _l("The dishonesty level was set wrongly"),
    "missing": _l("Information is missing"),
    "duplicate": _l("The record is published twice"),
    "should_not_be_public": _l("The record should not be public"),
    "overdue": _l("The publicity period has ended"),
    "secret_privacy": _l("It contains a commercial secret or personal privacy"),
}
COMPLAINT_TOPICS = {
    "should_be_listed": _l("A subject that should be on a joint punishment list is not"),
    "redlist_dishonest": _l("A red-list subject has behaved dishonestly"),
    "enterprise_dishonest": _l("Dishonest behaviour of an enterprise"),
    "department_failure": _l("A department does not initiate, respond or remove as it should"),
    "other": _l("Other"),
}
