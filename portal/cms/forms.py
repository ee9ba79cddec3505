"""The page editor form (CSRF on) and the publish/unpublish button form."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.form_helpers import clean_text, opts
from portal.models.cms import BODY_MAX, SLUG_MAX, SUMMARY_MAX, TITLE_MAX, PageKind

KIND_LABELS = {
    PageKind.POLICY.value: _l("Policies and regulations"),
    PageKind.NEWS.value: _l("News"),
    PageKind.GUIDE.value: _l("Guides"),
}
REQUIRED = _l("This field is required.")


def clean_slug(value: Any) -> Any:
    """Full-width letters and digits to half-width, lower case, no surrounding spaces."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFKC", value).strip().lower()


class PageForm(FlaskForm):
    kind = SelectField(_l("Section"), choices=opts(KIND_LABELS.items()),
                       validators=[DataRequired(REQUIRED)])  # fmt: skip
    title = StringField(_l("Title"), filters=[clean_text], validators=[DataRequired(REQUIRED), Length(max=TITLE_MAX)])
    slug = StringField(
        _l("Web address"),
        filters=[clean_slug],
        validators=[
            Optional(),
            Length(max=SLUG_MAX),
            Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Use lower-case letters, digits and hyphens only.")),
        ],
    )
    summary = TextAreaField(_l("Summary"), filters=[clean_text], validators=[Optional(), Length(max=SUMMARY_MAX)])
    body = TextAreaField(
        _l("Text (Markdown)"),
        filters=[clean_text],
        validators=[
            DataRequired(REQUIRED),
            Length(max=BODY_MAX, message=_l("The text is too long: at most %(max)d characters.")),
        ],
    )
    published_on = DateField(_l("Publication date"), validators=[Optional()])
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save"))


class PublishForm(FlaskForm):
    """Only the CSRF token: the URL says whether to publish or unpublish."""
