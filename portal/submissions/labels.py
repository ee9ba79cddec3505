"""Translated labels of submission outcomes, staff actions, objection grounds, complaint topics and repair eligibility
(shared with the back office).

Submission kinds and statuses and staff roles are labelled in portal/i18n.py with the other domain enums.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.states import Action, Outcome

OUTCOME_LABELS = {
    Outcome.CORRECTED: _l("Record corrected"),
    Outcome.WITHDRAWN: _l("Record withdrawn"),
    Outcome.UPHELD: _l("Record upheld"),
    Outcome.APPROVED: _l("Repair approved"),
    Outcome.REFUSED: _l("Repair refused"),
    Outcome.SUBSTANTIATED: _l("Substantiated"),
    Outcome.UNSUBSTANTIATED: _l("Not substantiated"),
}
ACTION_LABELS = {
    "submit": _l("Submitted"),  # the first history event; no staff action
    Action.ACCEPT: _l("Accept"),
    Action.REJECT: _l("Do not accept"),
    Action.VERIFY: _l("Forward for verification"),
    Action.CLOSE: _l("Decide and close"),
    Action.REMIND: _l("Send a reminder"),
    Action.NOTE: _l("Add a note"),
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
