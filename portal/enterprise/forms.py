"""Forms of the enterprise pages (Flask-WTF, CSRF on); files are checked by portal.submissions.uploads."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from portal.accounts.services import MIN_PASSWORD
from portal.form_helpers import (
    REQUIRED,
    UPLOAD_ERRORS,
    clean_code,
    clean_text,
    clean_upper,
    valid_email,
    valid_phone,
    valid_uscc,
)
from portal.submissions import uploads

PASSWORD_HINT = _l("At least %(n)s characters.", n=MIN_PASSWORD)


def _strong(form: FlaskForm, field: Any) -> None:
    if field.data and len(field.data) < MIN_PASSWORD:
        raise ValidationError(_l("The password must have at least %(n)s characters.", n=MIN_PASSWORD))


class RegisterForm(FlaskForm):
    email = StringField(_l("E-mail"), filters=[clean_code],
                        validators=[DataRequired(REQUIRED), Length(max=254), valid_email])  # fmt: skip
    contact_name = StringField(_l("Your name"), filters=[clean_text],
                               validators=[DataRequired(REQUIRED), Length(max=64)])  # fmt: skip
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), Length(max=256), _strong])
    password2 = PasswordField(_l("Repeat the password"), validators=[
        DataRequired(REQUIRED), EqualTo("password", message=_l("The two passwords are not the same."))])  # fmt: skip
    terms = BooleanField(_l("I have read the privacy statement."), validators=[DataRequired(REQUIRED)])


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(REQUIRED), Length(max=256)])


class EmailForm(FlaskForm):
    email = StringField(_l("E-mail"), filters=[clean_code],
                        validators=[DataRequired(REQUIRED), Length(max=254), valid_email])  # fmt: skip


class ResetForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(REQUIRED), Length(max=256), _strong])
    password2 = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(REQUIRED), EqualTo("password", message=_l("The two passwords are not the same."))])  # fmt: skip


class ClaimForm(FlaskForm):
    uscc = StringField(_l("Unified social credit code"), filters=[clean_upper],
                       validators=[DataRequired(REQUIRED), Length(max=18), valid_uscc])  # fmt: skip
    claimed_name = StringField(_l("Name as on the business licence"), filters=[clean_text],
                               validators=[DataRequired(REQUIRED), Length(max=256)])  # fmt: skip
    applicant_name = StringField(_l("Name of the person handling the binding"), filters=[clean_text],
                                 validators=[DataRequired(REQUIRED), Length(max=64)])  # fmt: skip
    applicant_phone = StringField(_l("Phone number"), filters=[clean_code],
                                  validators=[DataRequired(REQUIRED), Length(max=32), valid_phone])  # fmt: skip
    licence = FileField(_l("Business licence (营业执照)"))
    authorisation = FileField(_l("Letter of authorisation (授权委托书)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked: dict[str, uploads.Upload] = {}

    def _check_file(self, field: Any) -> None:
        storage = field.data
        if storage is None or not getattr(storage, "filename", ""):
            raise ValidationError(REQUIRED)
        try:
            self.checked[field.name] = uploads.inspect(storage.stream, storage.filename)
        except uploads.UploadRejected as exc:
            name = uploads.display_name(storage.filename)
            raise ValidationError(str(UPLOAD_ERRORS[exc.code] % {"name": name})) from None

    def validate_licence(self, field: Any) -> None:
        self._check_file(field)

    def validate_authorisation(self, field: Any) -> None:
        self._check_file(field)


class DecisionForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), filters=[clean_text], validators=[Length(max=2000)])
