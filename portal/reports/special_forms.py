"""Forms of the special credit report pages: the application (enterprise) and an area of a department (admin)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.form_helpers import REQUIRED, clean_text, opts, valid_uscc
from portal.reports.special_labels import AREA_LABELS, PURPOSE_LABELS

BAD_DATE = _l("Enter a date as YYYY-MM-DD.")


def _no_repeats(form: FlaskForm, field: Any) -> None:
    if field.data and len(set(field.data)) != len(field.data):
        raise ValidationError(_l("Choose each area only once."))


class ApplyForm(FlaskForm):
    start = DateField(_l("Period from"), validators=[DataRequired(BAD_DATE)])
    end = DateField(_l("Period to"), validators=[DataRequired(BAD_DATE)])
    areas = SelectMultipleField(_l("Areas"), choices=opts(AREA_LABELS.items()),
                                validators=[DataRequired(_l("Choose at least one area.")), _no_repeats],
                                option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))  # fmt: skip
    purpose = SelectField(
        _l("Purpose of the report"), choices=opts(PURPOSE_LABELS.items()), validators=[DataRequired(REQUIRED)]
    )


class AreaForm(FlaskForm):
    department_uscc = StringField(_l("Department USCC"), filters=[clean_text],
                                  validators=[DataRequired(REQUIRED), Length(max=18), valid_uscc])  # fmt: skip
    area = SelectField(_l("Area"), choices=opts(AREA_LABELS.items()), validators=[DataRequired(REQUIRED)])
