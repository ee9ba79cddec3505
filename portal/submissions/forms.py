"""The public forms: 信用异议, 投诉举报, 信用修复 and tracking (Flask-WTF, CSRF on).

Server-side checks are the truth: lengths match the columns, text is stripped of control characters, codes and
phones are NFKC-normalised, USCCs are checked by portal.domain.uscc, files by portal.submissions.uploads.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask import current_app, session
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, MultipleFileField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from portal.domain import uscc
from portal.extensions import db
from portal.submissions import captcha, codes, uploads

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE = re.compile(r"^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")

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
UPLOAD_ERRORS = {
    "too_large": _l("%(name)s: the file is larger than 10 MB."),
    "unknown_type": _l("%(name)s: only PDF, JPG, PNG and OFD files are accepted (checked by content)."),
    "active_content": _l("%(name)s: the PDF contains scripts, launch actions or embedded files."),
    "zip_bomb": _l("%(name)s: the file expands to an unreasonable size."),
    "unreadable": _l("%(name)s: the PDF cannot be read (damaged or password-protected). Save it again as a plain PDF."),
    "empty": _l("%(name)s: the file is empty."),
}
REQUIRED = _l("This field is required.")


def opts(pairs: Any) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def clean_text(value: Any) -> Any:
    """Stripped, line ends unified, control and bidi-override characters removed (they hide text)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def clean_code(value: Any) -> Any:
    """Codes, phones, e-mail: NFKC (全角 → 半角) and no inner spaces."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", clean_text(value)))


def clean_upper(value: Any) -> Any:
    value = clean_code(value)
    return value.upper() if isinstance(value, str) else value


def _valid_uscc(form: FlaskForm, field: Any) -> None:
    if field.data and not uscc.is_valid(field.data):
        raise ValidationError(_l("Enter a valid 18-character unified social credit code."))


def _valid_phone(form: FlaskForm, field: Any) -> None:
    if field.data and not _PHONE.match(field.data):
        raise ValidationError(_l("Enter a mobile number or a landline number."))


def _valid_email(form: FlaskForm, field: Any) -> None:
    if field.data and not _EMAIL.match(field.data):
        raise ValidationError(_l("Enter a valid e-mail address."))


class SubmissionForm(FlaskForm):
    """Fields shared by the three forms: description, contact, files, CAPTCHA and the one-time token."""

    REQUIRE_FILES = False

    description = TextAreaField(
        _l("Description"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    # Conditionally required fields carry no Optional(): it would stop the chain before validate_<name>.
    contact_name = StringField(_l("Your name"), filters=[clean_text], validators=[Length(max=64)])
    contact_phone = StringField(_l("Phone number"), filters=[clean_code], validators=[Length(max=32), _valid_phone])
    contact_email = StringField(
        _l("E-mail (optional)"), filters=[clean_code], validators=[Optional(), Length(max=254), _valid_email]
    )
    attachments = MultipleFileField(_l("Attachments"))
    captcha_nonce = HiddenField()
    captcha_answer = StringField(
        _l("Answer"), filters=[clean_code], validators=[InputRequired(REQUIRED), Length(max=8)]
    )
    form_token = HiddenField(validators=[Regexp(codes.TOKEN_RE, message=_l("The form has expired. Please try again."))])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked_uploads: list[uploads.Upload] = []

    def contact_required(self) -> bool:
        return True

    def validate_contact_name(self, field: Any) -> None:
        if self.contact_required() and not field.data:
            raise ValidationError(REQUIRED)

    def validate_contact_phone(self, field: Any) -> None:
        if self.contact_required() and not field.data:
            raise ValidationError(REQUIRED)

    def validate_captcha_answer(self, field: Any) -> None:
        if not current_app.config.get("CAPTCHA_ENABLED", True):
            return
        secret = str(current_app.config["SECRET_KEY"])
        problem = captcha.verify(session, db.session, secret, self.captcha_nonce.data or "", field.data or "")
        if problem is not None:
            raise ValidationError(captcha.MESSAGES[problem])

    def validate_attachments(self, field: Any) -> None:
        files = [f for f in (field.data or []) if f is not None and getattr(f, "filename", "")]
        if len(files) > uploads.MAX_FILES:
            raise ValidationError(_l("Attach at most %(count)s files.", count=uploads.MAX_FILES))
        if self.REQUIRE_FILES and not files:
            raise ValidationError(_l("Attach at least one file (evidence and proof of identity)."))
        messages: list[str] = []
        checked: list[uploads.Upload] = []
        for storage in files:
            name = uploads.display_name(storage.filename)
            try:
                checked.append(uploads.inspect(storage.stream, storage.filename))
            except uploads.UploadRejected as exc:
                messages.append(str(UPLOAD_ERRORS[exc.code] % {"name": name}))
        digests = [u.sha256 for u in checked]
        if len(set(digests)) != len(digests):
            messages.append(str(_l("The same file is attached more than once.")))
        if messages:
            raise ValidationError(" ".join(messages))
        self.checked_uploads = checked


class ObjectionForm(SubmissionForm):
    REQUIRE_FILES = True

    record = HiddenField()
    record_ref = TextAreaField(
        _l("Which record is missing or wrong"), filters=[clean_text], validators=[Length(max=500)]
    )
    subject_name = StringField(
        _l("Name of the subject (company, organisation or person)"),
        filters=[clean_text],
        validators=[Length(max=256)],
    )
    subject_uscc = StringField(
        _l("Unified social credit code (optional)"), filters=[clean_upper], validators=[Optional(), _valid_uscc]
    )
    grounds = SelectField(
        _l("Grounds"),
        choices=opts([("", _l("Choose the grounds")), *OBJECTION_GROUNDS.items()]),
        validators=[DataRequired(REQUIRED)],
    )

    def validate_record_ref(self, field: Any) -> None:
        if not self.record.data and not field.data:
            raise ValidationError(REQUIRED)

    def validate_subject_name(self, field: Any) -> None:
        if not self.record.data and not field.data:
            raise ValidationError(REQUIRED)


class ComplaintForm(SubmissionForm):
    about = RadioField(
        _l("The complaint is about"),
        choices=opts([("subject", _l("A company, organisation or person")), ("department", _l("A department"))]),
        default="subject",
        validators=[InputRequired(REQUIRED)],
    )
    subject_name = StringField(
        _l("Name of the company, organisation or person"), filters=[clean_text], validators=[Length(max=256)]
    )
    subject_uscc = StringField(
        _l("Unified social credit code (optional)"), filters=[clean_upper], validators=[Optional(), _valid_uscc]
    )
    department = SelectField(_l("The department concerned"), choices=[], validate_choice=False)
    topic = SelectField(
        _l("Topic"), choices=opts([("", _l("Choose a topic")), *COMPLAINT_TOPICS.items()]),
        validators=[DataRequired(REQUIRED)],
    )
    anonymous = BooleanField(_l("Submit anonymously (we cannot contact you about the result)"))

    def contact_required(self) -> bool:
        return not self.anonymous.data

    def validate_subject_name(self, field: Any) -> None:
        if self.about.data == "subject" and not field.data:
            raise ValidationError(REQUIRED)

    def validate_department(self, field: Any) -> None:
        known = {choice.value for choice in field.choices}
        if self.about.data == "department" and not field.data:
            raise ValidationError(REQUIRED)
        if field.data and field.data not in known:
            raise ValidationError(_l("Choose one of the values in the list."))


class RepairForm(SubmissionForm):
    REQUIRE_FILES = True

    record = HiddenField()
    commitment = BooleanField(
        _l("I make the credit commitment above and accept that it is published."),
        validators=[DataRequired(_l("The credit commitment is required for a repair application."))],
    )


class TrackForm(FlaskForm):
    tracking_no = StringField(
        _l("Tracking number"), filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=32)]
    )
    code = StringField(_l("Query code"), filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=32)])
