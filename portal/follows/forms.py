"""The follow form (Flask-WTF, CSRF on): one e-mail address; the server-side check is services.normalise_email."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from portal.follows.services import MAX_EMAIL, normalise_email


def _valid_email(form: FlaskForm, field: Any) -> None:
    if normalise_email(field.data) is None:
        raise ValidationError(_l("Enter an e-mail address such as name@example.com."))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class FollowForm(FlaskForm):
    email = StringField(
        _l("E-mail address"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Enter your e-mail address.")),
            Length(max=MAX_EMAIL, message=_l("The e-mail address is too long.")),
            _valid_email,
        ],
    )
