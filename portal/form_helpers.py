"""WTForms pieces shared by every feature's forms: input filters, field validators, choices and common messages.

Server-side checks are the truth: text is stripped of control characters, codes and phones are NFKC-normalised,
USCCs are checked by portal.domain.uscc. Feature packages import these from here, never from each other's forms.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from portal.domain import uscc

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE = re.compile(r"^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")

REQUIRED = _l("This field is required.")
# Keyed by portal.submissions.uploads.UploadRejected.code; every form that takes files shows these.
UPLOAD_ERRORS = {
    "too_large": _l("%(name)s: the file is larger than 10 MB."),
    "unknown_type": _l("%(name)s: only PDF, JPG, PNG and OFD files are accepted (checked by content)."),
    "active_content": _l("%(name)s: the PDF contains scripts, launch actions or embedded files."),
    "zip_bomb": _l("%(name)s: the file expands to an unreasonable size."),
    "unreadable": _l("%(name)s: the PDF cannot be read (damaged or password-protected). Save it again as a plain PDF."),
    "empty": _l("%(name)s: the file is empty."),
}


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


def valid_uscc(form: FlaskForm, field: Any) -> None:
    if field.data and not uscc.is_valid(field.data):
        raise ValidationError(_l("Enter a valid 18-character unified social credit code."))


def valid_phone(form: FlaskForm, field: Any) -> None:
    if field.data and not _PHONE.match(field.data):
        raise ValidationError(_l("Enter a mobile number or a landline number."))


def valid_email(form: FlaskForm, field: Any) -> None:
    if field.data and not _EMAIL.match(field.data):
        raise ValidationError(_l("Enter a valid e-mail address."))
