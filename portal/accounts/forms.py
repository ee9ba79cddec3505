"""The staff login form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from portal.submissions.forms import clean_code

REQUIRED = _l("This field is required.")


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), Length(max=256)])
