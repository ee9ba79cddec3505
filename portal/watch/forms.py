"""Forms of the /watch pages: a new watch list, subjects to add (paste or file), a subject picked, feedback."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from portal.domain import screening
from portal.form_helpers import REQUIRED, clean_code, clean_text

MAX_PASTE = 128 * 1024  # 5,000 codes with separators


class AddSubjectsForm(FlaskForm):
    batch = TextAreaField(_l("USCCs, one per line or separated by commas"), filters=[clean_text],
                          validators=[Optional(), Length(max=MAX_PASTE)])  # fmt: skip
    upload = FileField(_l("Or upload a CSV or XLSX file"))


class NewListForm(AddSubjectsForm):
    name = StringField(_l("Name of the watch list"), filters=[clean_text],
                       validators=[DataRequired(REQUIRED), Length(max=screening.MAX_LIST_NAME)])  # fmt: skip


class PickForm(FlaskForm):
    uscc = HiddenField(filters=[clean_code], validators=[DataRequired(REQUIRED), Length(max=18)])


class PlainForm(FlaskForm):
    """A POST that carries nothing but its CSRF token (remove, delete)."""


class FeedbackForm(FlaskForm):
    feedback = TextAreaField(_l("Measures taken"), filters=[clean_text],
                             validators=[DataRequired(REQUIRED), Length(max=screening.MAX_FEEDBACK)])  # fmt: skip
