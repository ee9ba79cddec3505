"""Forms of the authorised check pages: a grant (enterprise account) and an institution (admin)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.form_helpers import REQUIRED, clean_text, opts, valid_uscc
from portal.grants.institutions import KINDS
from portal.grants.services import MAX_PURPOSE

BAD_DATE = _l("Enter a date as YYYY-MM-DD.")
KIND_LABELS = {
    "bank": _l("Bank"),
    "guarantor": _l("Guarantor"),
    "employer": _l("Employer"),
    "other": _l("Other institution"),
}


class GrantForm(FlaskForm):
    institution = SelectField(_l("Institution"), coerce=int, validators=[DataRequired(REQUIRED)],
                              validate_choice=True)  # fmt: skip
    purpose = TextAreaField(_l("Purpose of the checks"), filters=[clean_text],
                            validators=[DataRequired(REQUIRED), Length(max=MAX_PURPOSE)])  # fmt: skip
    valid_from = DateField(_l("Valid from"), validators=[DataRequired(BAD_DATE)])
    valid_until = DateField(_l("Valid until"), validators=[DataRequired(BAD_DATE)])


class InstitutionForm(FlaskForm):
    uscc = StringField(_l("Unified social credit code"), filters=[clean_text],
                       validators=[DataRequired(REQUIRED), Length(max=18), valid_uscc])  # fmt: skip
    name = StringField(_l("Name"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=256)])
    kind = SelectField(_l("Kind of institution"), choices=opts((k, KIND_LABELS[k]) for k in KINDS),
                       validators=[DataRequired(REQUIRED)])  # fmt: skip
    contact = StringField(_l("Contact person"), filters=[clean_text],
                          validators=[DataRequired(REQUIRED), Length(max=128)])  # fmt: skip


class PlainForm(FlaskForm):
    """CSRF only (revoke a grant, issue a key, retire an institution)."""
