"""The entry form of a kind, generated from its import format: the same columns, mandatory marks and limits.

Fields are named c0, c1, … in the standard's column order (column names are not identifiers); their labels are the
column names themselves, as departments know them from the file templates. No field validates anything beyond
its length: the importer's row rules decide, in portal/entry/rows.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.importers.formats import LONG_LIMIT, LONG_TEXT, SHORT_LIMIT
from portal.kind_spec import KindSpec

MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # the standard's column name (label and key of pushed JSON)
    field: str  # the form field's name
    mandatory: bool  # a mandatory column of the file header (data-standard §3–§14)
    long: bool
    hint: Any  # lazy text


def _hint(name: str) -> Any:
    """What the column expects, in the words of data-standard §2."""
    if "统一社会信用代码" in name:
        return _l("18 characters (GB 32100).")
    if name.endswith("日期") or name in ("处罚有效期", "公示截止期", "有效期自", "有效期至", "承诺有效期至"):
        return _l("A date such as 2026-03-10; 长期 for an open end date.")
    if "(万元)" in name:
        return _l("Amount in 10,000 yuan (万元), e.g. 0.5.")
    if name.endswith("证件号码"):
        return _l("Never shown to the public.")
    if name.endswith("类别") or name.endswith("类型") or name.endswith("状态"):
        return _l("One of the values of the data standard, exactly as written there.")
    if name in LONG_TEXT:
        return _l("Up to %(n)s characters.", n=LONG_LIMIT)
    return None


@cache
def columns(spec: KindSpec) -> tuple[Column, ...]:
    fmt = spec.import_format
    return tuple(
        Column(name, f"c{i}", name in fmt.mandatory, name in LONG_TEXT, _hint(name))
        for i, name in enumerate(fmt.columns)
    )


@cache
def form_class(spec: KindSpec, *, correction: bool) -> type[FlaskForm]:
    """A FlaskForm (CSRF included) with one field per column; a correction adds its required reason."""
    attrs: dict[str, Any] = {}
    for column in columns(spec):
        limit = LONG_LIMIT if column.long else SHORT_LIMIT
        # A little room over the limit, so the importer's own reason ("字段超长") is what the clerk reads.
        field = TextAreaField if column.long else StringField
        attrs[column.field] = field(column.name, validators=[Length(max=limit * 4)])
    if correction:
        attrs["reason"] = TextAreaField(_l("Reason for the correction"), validators=[
            DataRequired(_l("Give a reason.")), Length(max=MAX_REASON)])  # fmt: skip
    return type(f"Entry{spec.kind.name.title()}{'Correction' if correction else ''}Form", (FlaskForm,), attrs)


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("Reason for the withdrawal"),
                           validators=[DataRequired(_l("Give a reason.")), Length(max=MAX_REASON)])  # fmt: skip


def values_of(form: FlaskForm, spec: KindSpec) -> dict[str, str]:
    """The form's cells keyed by column name, as a pushed JSON object would hold them."""
    return {c.name: form[c.field].data or "" for c in columns(spec)}


def fill(form: FlaskForm, spec: KindSpec, values: dict[str, object]) -> None:
    for column in columns(spec):
        if column.name in values and values[column.name] is not None:
            form[column.field].data = str(values[column.name])
