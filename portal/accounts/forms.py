"""Staff forms: sign-in, a new account (administrators), changing one's own password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from portal.form_helpers import clean_code

REQUIRED = _l("This field is required.")


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), Length(max=256)])


class NewStaffForm(FlaskForm):
    email = StringField(_l("E-mail"), filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=254)])
    role = SelectField(_l("Role"), validators=[DataRequired(REQUIRED)])
    department_uscc = StringField(_l("Department (unified social credit code)"), filters=[clean_code],
                                  validators=[Optional(), Length(max=18)])  # fmt: skip


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(REQUIRED), Length(max=256)])
    new = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED), Length(max=256)])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(REQUIRED), EqualTo("new", message=_l("The two new passwords are not the same."))])
