"""Forms of the /joint pages: credit check, catalogue edits, measures import, API keys, statistics filter."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.domain import joint
from portal.form_helpers import clean_text, opts
from portal.joint.labels import ACT_LABELS, CATEGORY_LABELS, SCOPE_LABELS

REQUIRED = _l("This field is required.")
MAX_BATCH_TEXT = 64 * 1024


class CheckForm(FlaskForm):
    act = SelectField(
        _l("Administrative act"),
        choices=opts((a.value, ACT_LABELS[a.value]) for a in joint.Act),
        validators=[DataRequired(REQUIRED)],
    )
    purpose = TextAreaField(
        _l("Purpose of the check"),
        filters=[clean_text],
        validators=[DataRequired(REQUIRED), Length(max=joint.MAX_PURPOSE)],
    )
    subject = StringField(
        _l("One subject: USCC or organisation name"), filters=[clean_text], validators=[Optional(), Length(max=256)]
    )
    batch = TextAreaField(
        _l("Batch: USCCs, one per line (at most 1,000)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=MAX_BATCH_TEXT)],
    )
    upload = FileField(_l("Or upload a CSV or TXT file of USCCs"))


class MeasureForm(FlaskForm):
    list_name = SelectField(_l("List name"), choices=[], validators=[DataRequired(REQUIRED)])
    item = StringField(
        _l("Matter (事项名称)"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=64)]
    )
    office = StringField(_l("Responsible office"), filters=[clean_text], validators=[Optional(), Length(max=256)])
    basis = TextAreaField(_l("Basis"), filters=[clean_text], validators=[Optional(), Length(max=4000)])
    target = TextAreaField(_l("Target subjects"), filters=[clean_text], validators=[Optional(), Length(max=4000)])
    measure = TextAreaField(_l("Measure"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=4000)])
    stage = SelectField(
        _l("Management stage"),
        choices=opts([("", "—"), ("事前", "事前"), ("事中", "事中"), ("事后", "事后")]),
        validators=[Optional()],
    )
    implementation = TextAreaField(
        _l("Implementation"), filters=[clean_text], validators=[Optional(), Length(max=4000)]
    )
    mode = SelectField(
        _l("Application"), choices=opts([("", "—"), ("强制", "强制"), ("推荐", "推荐")]), validators=[Optional()]
    )
    sources = StringField(_l("Sources"), filters=[clean_text], validators=[Optional(), Length(max=256)])
    remarks = TextAreaField(_l("Remarks"), filters=[clean_text], validators=[Optional(), Length(max=4000)])
    reason = StringField(_l("Reason for the change"), filters=[clean_text], validators=[Optional(), Length(max=500)])


class ListTypeForm(FlaskForm):
    category = SelectField(_l("Category"), choices=opts(CATEGORY_LABELS.items()), validators=[DataRequired(REQUIRED)])
    name = StringField(_l("List name"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=256)])
    department = StringField(
        _l("Recognising department"), filters=[clean_text], validators=[Optional(), Length(max=256)]
    )
    basis = TextAreaField(_l("Basis"), filters=[clean_text], validators=[Optional(), Length(max=4000)])
    remarks = TextAreaField(_l("Remarks"), filters=[clean_text], validators=[Optional(), Length(max=4000)])
    is_active = BooleanField(_l("In use"), default=True)


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reason"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=500)])


class ImportForm(FlaskForm):
    upload = FileField(_l("Measures file (CSV or XLSX in the format of the measures catalogue)"))


class ApiKeyForm(FlaskForm):
    department_uscc = StringField(
        _l("Department USCC"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=18)]
    )
    label = StringField(
        _l("What the key is for"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=128)]
    )
    scopes = SelectMultipleField(
        _l("Scopes"),
        choices=opts(SCOPE_LABELS.items()),
        validators=[DataRequired(REQUIRED)],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )


class PlainForm(FlaskForm):
    """CSRF only (revoke, feedback: the feedback fields are read per hit by the route)."""


class StatsForm(FlaskForm):
    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
