"""The public forms: 信用异议, 投诉举报, 信用修复 and tracking (Flask-WTF, CSRF on).

Server-side checks are the truth: lengths match the columns, text is stripped of control characters, codes and
phones are NFKC-normalised, USCCs are checked by portal.domain.uscc, files by portal.submissions.uploads.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, session
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, MultipleFileField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from portal.extensions import db
from portal.form_helpers import (
    REQUIRED,
    UPLOAD_ERRORS,
    clean_code,
    clean_text,
    clean_upper,
    opts,
    valid_email,
    valid_phone,
    valid_uscc,
)
from portal.submissions import captcha, codes, uploads
from portal.submissions.labels import COMPLAINT_TOPICS, OBJECTION_GROUNDS


class SubmissionForm(FlaskForm):
    """Fields shared by the three forms: description, contact, files, CAPTCHA and the one-time token."""

    REQUIRE_FILES = False

    description = TextAreaField(
        _l("Description"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    # Conditionally required fields carry no Optional(): it would stop the chain before validate_<name>.
    contact_name = StringField(_l("Your name"), filters=[clean_text], validators=[Length(max=64)])
    contact_phone = StringField(_l("Phone number"), filters=[clean_code], validators=[Length(max=32), valid_phone])
    contact_email = StringField(
        _l("E-mail (optional)"), filters=[clean_code], validators=[Optional(), Length(max=254), valid_email]
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
        _l("Unified social credit code (optional)"), filters=[clean_upper], validators=[Optional(), valid_uscc]
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
        _l("Unified social credit code (optional)"), filters=[clean_upper], validators=[Optional(), valid_uscc]
    )
    department = SelectField(_l("The department concerned"), choices=[], validate_choice=False)
    topic = SelectField(
        _l("Topic"),
        choices=opts([("", _l("Choose a topic")), *COMPLAINT_TOPICS.items()]),
        validators=[DataRequired(REQUIRED)],
    )
    anonymous = BooleanField(_l("Submit anonymously (we cannot contact you about the result)"))

    def contact_required(self) -> bool:
        return not self.anonymous.data

    def validate(self, extra_validators: Any = None) -> bool:
        """Only the fields of the chosen target count: the page hides the other group, so what was typed there
        before switching (even an invalid code) must neither block the form nor reach the staff."""
        unused = (self.subject_name, self.subject_uscc) if self.about.data == "department" else (self.department,)
        if self.about.data in ("subject", "department"):
            for field in unused:
                field.data, field.raw_data = "", []
        return bool(super().validate(extra_validators))

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
