"""Forms of the /supervision pages: the grading rule set, a department's treatments, a draw, the statistics day."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.domain.sampling import MAX_MIN_COUNT, MAX_TASK_NAME, Frequency
from portal.form_helpers import REQUIRED, clean_code, clean_text, opts, valid_uscc
from portal.supervision.labels import FREQUENCY_LABELS
from portal.supervision.population import MAX_PASTE

MAX_RULES_TEXT = 64 * 1024
USCC_ERROR = _l("Enter a valid 18-character unified social credit code.")


def upper_code(value: object) -> object:
    code = clean_code(value)
    return code.upper() if isinstance(code, str) else code
RATIO_ERROR = _l("Enter a percentage from 0 to 100 with at most two decimals.")
COUNT_ERROR = _l("Enter a whole number from 0 to 100,000.")


class RuleSetForm(FlaskForm):
    rules = TextAreaField(_l("Rules (JSON)"), filters=[clean_text],
                          validators=[DataRequired(REQUIRED), Length(max=MAX_RULES_TEXT)])  # fmt: skip
    note = StringField(_l("Reason for the change"), filters=[clean_text],
                       validators=[DataRequired(REQUIRED), Length(max=500)])  # fmt: skip


class TreatmentForm(FlaskForm):
    """Four rows, one per grade; the fields are named a_ratio, a_min, a_frequency … d_frequency."""

    def grade_fields(self, grade: str) -> tuple[DecimalField, IntegerField, SelectField]:
        prefix = grade.lower()
        return getattr(self, f"{prefix}_ratio"), getattr(self, f"{prefix}_min"), getattr(self, f"{prefix}_frequency")


for _grade in "abcd":
    setattr(
        TreatmentForm,
        f"{_grade}_ratio",
        DecimalField(
            _l("Inspection ratio (percent)"),
            places=2,
            validators=[InputRequired(RATIO_ERROR), NumberRange(Decimal(0), Decimal(100), RATIO_ERROR)],
        ),
    )
    setattr(
        TreatmentForm,
        f"{_grade}_min",
        IntegerField(
            _l("At least (subjects)"), default=0, validators=[Optional(), NumberRange(0, MAX_MIN_COUNT, COUNT_ERROR)]
        ),
    )
    setattr(
        TreatmentForm,
        f"{_grade}_frequency",
        SelectField(
            _l("Frequency"),
            choices=opts((f.value, FREQUENCY_LABELS[f]) for f in Frequency),
            validators=[DataRequired(REQUIRED)],
        ),
    )
del _grade


class DrawForm(FlaskForm):
    task_name = StringField(_l("Draw task"), filters=[clean_text],
                            validators=[DataRequired(REQUIRED), Length(max=MAX_TASK_NAME)])  # fmt: skip
    population = TextAreaField(_l("Population: USCCs, one per line"), validators=[Optional()])
    upload = FileField(_l("Or upload a CSV or XLSX file of USCCs"))

    def pasted_too_long(self) -> bool:
        return len(self.population.data or "") > MAX_PASTE


class SubjectForm(FlaskForm):
    uscc = StringField(_l("Unified social credit code"), filters=[upper_code],
                       validators=[DataRequired(REQUIRED), Length(max=18, message=USCC_ERROR), valid_uscc])  # fmt: skip


class StatsForm(FlaskForm):
    day = DateField(_l("Snapshot day"), validators=[Optional()])
