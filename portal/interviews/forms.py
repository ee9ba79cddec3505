"""Forms of the /interviews pages: record a 约谈 with its minutes, confirm a correction."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.domain import interviews
from portal.domain.interviews import InterviewKind
from portal.form_helpers import REQUIRED, UPLOAD_ERRORS, clean_code, clean_text, opts, valid_uscc
from portal.i18n import INTERVIEW_KIND_LABELS
from portal.submissions import uploads

BAD_DATE = _l("Enter a date as YYYY-MM-DD.")


class DayField(DateField):
    """A date with our own translated message for anything that is not YYYY-MM-DD."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(BAD_DATE)) from None


class InterviewForm(FlaskForm):
    kind = RadioField(_l("Kind of interview"), choices=opts((k.value, INTERVIEW_KIND_LABELS[k]) for k in InterviewKind),
                      validators=[InputRequired(REQUIRED)])  # fmt: skip
    uscc = StringField(_l("Unified social credit code of the subject"), filters=[clean_code],
                       validators=[DataRequired(REQUIRED), Length(max=18), valid_uscc])  # fmt: skip
    subject_name = StringField(_l("Name of the subject (filled in from the platform when known)"),
                               filters=[clean_text],
                               validators=[Optional(), Length(max=interviews.MAX_SUBJECT_NAME)])  # fmt: skip
    held_on = DayField(_l("Date of the interview"), validators=[InputRequired(REQUIRED)])
    reason = TextAreaField(_l("Reason"), filters=[clean_text],
                           validators=[DataRequired(REQUIRED), Length(max=interviews.MAX_TEXT)])  # fmt: skip
    measures = TextAreaField(_l("Measures agreed"), filters=[clean_text],
                             validators=[DataRequired(REQUIRED), Length(max=interviews.MAX_TEXT)])  # fmt: skip
    correction_due_on = DayField(_l("Deadline for correction"), validators=[InputRequired(REQUIRED)])
    minutes = FileField(_l("Minutes (PDF, JPG, PNG or OFD, at most 10 MB)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked_minutes: uploads.Upload | None = None

    def validate_minutes(self, field: Any) -> None:
        """The same checks as a submission's attachments (portal/submissions/uploads.py), with the same messages."""
        storage = field.data
        if storage is None or not getattr(storage, "filename", ""):
            raise ValidationError(_l("Attach the minutes of the interview."))
        try:
            self.checked_minutes = uploads.inspect(storage.stream, storage.filename)
        except uploads.UploadRejected as exc:
            raise ValidationError(str(UPLOAD_ERRORS[exc.code] % {"name": uploads.display_name(storage.filename)})
                                  ) from None  # fmt: skip


class CorrectedForm(FlaskForm):
    corrected_on = DayField(_l("Correction completed on"), validators=[InputRequired(REQUIRED)])
