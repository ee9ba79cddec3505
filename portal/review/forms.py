"""Back-office forms: one decision form per action (reason always required), and the queue filter (GET)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from portal.domain.states import Action, SubmissionKind, SubmissionStatus
from portal.form_helpers import clean_text, opts
from portal.i18n import SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS

REQUIRED = _l("This field is required.")


class DecisionForm(FlaskForm):
    action = HiddenField(validators=[AnyOf([a.value for a in Action], message=_l("Unknown action."))])
    reason = TextAreaField(_l("Reason"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=2000)])
    outcome = SelectField(_l("Outcome"), choices=[], validate_choice=False, validators=[Optional()])
    department = SelectField(_l("Department that verifies"), choices=[], validate_choice=False, validators=[Optional()])


class QueueFilterForm(FlaskForm):
    """GET filters (formdata=request.args, no CSRF): closed lists of values only."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=opts([("", _l("All")), *((s.value, SUBMISSION_STATUS_LABELS[s]) for s in SubmissionStatus)]),
        validators=[Optional()],
    )
    kind = SelectField(
        _l("Kind"),
        choices=opts([("", _l("All")), *((k.value, SUBMISSION_KIND_LABELS[k]) for k in SubmissionKind)]),
        validators=[Optional()],
    )
    overdue = BooleanField(_l("Overdue only"))
