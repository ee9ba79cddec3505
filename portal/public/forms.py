"""GET filter forms of the public listings (formdata=request.args, no CSRF) and the paging parameters.

Every value is checked against a closed list of choices, so hostile input ("<script>", "' OR 1=1 --") ends as a
form error and a 400 page, never in a query or a 500.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from portal.domain.kinds import PERMIT_CATEGORIES, PermitState, SubjectKind
from portal.domain.publicity import PUNISHMENT_TYPES, Severity
from portal.i18n import (
    PERMIT_CATEGORY_LABELS,
    PERMIT_STATE_LABELS,
    PUNISHMENT_TYPE_LABELS,
    SEVERITY_LABELS,
    SUBJECT_KIND_LABELS,
)

MAX_ID = 2**31 - 1  # ids are 32-bit integers on both databases
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
_CURSOR = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.(\d{1,10})$")
_INVALID = _l("Choose one of the values in the list.")


@dataclass(frozen=True, slots=True)
class Filters:
    """Validated filter values; empty string = no filter."""

    dept: str = ""
    year: int | None = None
    kind: str = ""
    severity: str = ""
    ptype: str = ""
    category: str = ""
    state: str = ""
    sort: str = "desc"

    def key(self) -> tuple[object, ...]:
        return (self.dept, self.year, self.kind, self.severity, self.ptype, self.category, self.state)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Keyset position: the (date, id) of the row next to which the page starts (DOMAIN-free, URL-safe)."""

    day: date
    id: int

    def token(self) -> str:
        return f"{self.day.isoformat()}.{self.id}"


def _opts(pairs: list[tuple[str, object]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[arg-type]


def _select(label: object, choices: list[tuple[str, object]]) -> SelectField:
    return SelectField(label, choices=_opts(choices), default="", invalid_choice_message=_INVALID)


def _all(label: object) -> list[tuple[str, object]]:
    return [("", label)]


class ListingForm(FlaskForm):
    class Meta:
        csrf = False

    dept = _select(_l("Department"), _all(_l("All departments")))
    year = _select(_l("Year of decision"), _all(_l("All years")))
    kind = _select(
        _l("Subject type"),
        _all(_l("All subject types")) + [(k.value, SUBJECT_KIND_LABELS[k.value]) for k in SubjectKind],
    )
    sort = SelectField(
        _l("Sort by"),
        choices=_opts([("desc", _l("Newest first")), ("asc", _l("Oldest first"))]),
        default="desc",
        invalid_choice_message=_INVALID,
    )

    def set_options(self, departments: list[tuple[str, str]], years: list[int]) -> None:
        """Choices that come from the data (cached by the service)."""
        self.dept.choices = _opts(_all(self.dept.choices[0].label) + list(departments))
        self.year.choices = _opts(_all(self.year.choices[0].label) + [(str(y), str(y)) for y in years])

    def filters(self) -> Filters:
        return Filters(
            dept=self.dept.data or "",
            year=int(self.year.data) if self.year.data else None,
            kind=self.kind.data or "",
            sort=self.sort.data or "desc",
            **self._extra(),
        )

    def _extra(self) -> dict[str, str]:
        return {}

    def active(self) -> bool:
        """True when any filter narrows the listing (the page then offers a reset link)."""
        return any(v for v in self.filters().key() if v)


class PenaltyFilterForm(ListingForm):
    severity = _select(
        _l("Severity"),
        _all(_l("All levels")) + [(s.value, SEVERITY_LABELS[s.value]) for s in (Severity.GENERAL, Severity.SERIOUS)],
    )
    ptype = _select(_l("Type of penalty"), _all(_l("All types")) + list(PUNISHMENT_TYPE_LABELS.items()))

    def _extra(self) -> dict[str, str]:
        return {"severity": self.severity.data or "", "ptype": self.ptype.data or ""}


class PermitFilterForm(ListingForm):
    category = _select(
        _l("Type of permit"), _all(_l("All types")) + [(c, PERMIT_CATEGORY_LABELS[c]) for c in PERMIT_CATEGORIES]
    )
    state = _select(
        _l("Current state"), _all(_l("All states")) + [(s.value, PERMIT_STATE_LABELS[s.value]) for s in PermitState]
    )

    def _extra(self) -> dict[str, str]:
        return {"category": self.category.data or "", "state": self.state.data or ""}


class ListEntryFilterForm(ListingForm):
    """Lists use 认定单位 for the department and 列入日期 for the year."""

    dept = _select(_l("Recognising department"), _all(_l("All departments")))
    year = _select(_l("Year listed"), _all(_l("All years")))


assert set(PUNISHMENT_TYPE_LABELS) == set(PUNISHMENT_TYPES)  # noqa: S101 - import-time consistency check


def parse_cursor(args: MultiDict[str, str], name: str) -> Cursor | None:
    """A cursor parameter, or None when absent; raises ValueError when malformed."""
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    match = _CURSOR.match(raw)
    if match is None:
        raise ValueError(name)
    year, month, day, ident = (int(g) for g in match.groups())
    if ident > MAX_ID:
        raise ValueError(name)
    return Cursor(date(year, month, day), ident)  # date() raises ValueError for 2026-02-30


def parse_per_page(args: MultiDict[str, str]) -> int:
    """Rows per page, clamped to 1…100; anything that is not a number gives the default."""
    raw = args.get("per_page", "")
    if not (raw.isascii() and raw.isdigit()):
        return DEFAULT_PER_PAGE
    return max(1, min(MAX_PER_PAGE, int(raw[:6])))
