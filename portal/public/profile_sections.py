"""The sections of a subject profile (issue 18): 基础信息, then one per count key — 行政许可, 行政处罚,
守信激励 (红名单), 失信惩戒 (严重失信主体名单), 重点关注, and every further kind of the registry — each paged and
filtered by year on the server, so the page works without JavaScript and a subject with thousands of records
stays readable.

Only records public on `today` are read (portal.visibility.public_on), through the kind's one presenter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.kinds import ListCategory
from portal.domain.paging import Badge, Pager, pager
from portal.i18n import BADGE_LABELS, RECORD_KIND_LABELS
from portal.models import Subject
from portal.public.presenters import PublicRecord
from portal.public.subject_counts import count_keys
from portal.visibility import public_on

if TYPE_CHECKING:  # the registry imports portal.public while it loads: no import of it at module level
    from portal.kind_spec import KindSpec

BASIC = "basic"
FIRST = ("permit", "penalty", "redlist", "blacklist", "watchlist")  # the order citizens expect (信用中国)
PER_PAGE = 20
LATEST = 5  # records of every kind on the 基础信息 section


def section_keys() -> list[str]:
    """基础信息, then the count keys: the familiar ones first, every other kind of the registry after them."""
    keys = count_keys()
    return [BASIC, *(k for k in FIRST if k in keys), *(k for k in keys if k not in FIRST)]


@dataclass(frozen=True, slots=True)
class SectionArgs:
    key: str = BASIC
    year: int | None = None
    page: int = 1


def parse_args(args: Mapping[str, str]) -> SectionArgs:
    """The section, year and page of the query string; anything unknown or malformed falls back to the default
    (a shared or truncated link still opens the profile)."""
    key = args.get("section") or BASIC
    if key not in section_keys():
        key = BASIC
    year_text, page_text = args.get("year") or "", args.get("page") or ""
    year = int(year_text) if year_text.isascii() and year_text.isdigit() and len(year_text) == 4 else None
    page = int(page_text) if page_text.isascii() and page_text.isdigit() and 0 < len(page_text) <= 5 else 1
    return SectionArgs(key, year if key != BASIC else None, max(1, page))


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    records: list[PublicRecord]  # this page of the section (or the latest records on 基础信息)
    total: int  # records of the section with the year filter
    years: list[int]  # years with public records in the section, newest first
    year: int | None
    pager: Pager


def _spec_of(key: str) -> tuple[KindSpec, list[sa.ColumnElement[bool]]]:
    """The kind behind a count key, and the condition that narrows it (a list category)."""
    if key in {c.value for c in ListCategory}:
        spec = next(s for s in kinds.specs() if s.by_list_category)
        return spec, [spec.model.category == key]
    return kinds.spec(key), []


def section(session: Session, today: date, subject: Subject, args: SectionArgs) -> Section:
    if args.key == BASIC:
        return Section(BASIC, latest(session, today, subject), 0, [], None, pager(1, 0, PER_PAGE))
    spec, narrow = _spec_of(args.key)
    model = spec.model
    where = [model.subject_id == subject.id, public_on(model, today), *narrow]
    year_of = sa.extract("year", model.day)
    years = [int(y) for y in session.scalars(sa.select(year_of).where(*where).distinct().order_by(year_of.desc()))]
    year = args.year if args.year in years else None
    if year is not None:
        where += [model.day >= date(year, 1, 1), model.day <= date(year, 12, 31)]
    total = int(session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0)
    numbered = pager(args.page, total, PER_PAGE)
    query = (
        sa.select(model)
        .where(*where)
        .order_by(model.day.desc(), model.id.desc())
        .offset((numbered.page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    rows = [spec.present(record, subject) for record in session.scalars(query)]
    return Section(args.key, rows, total, years, year, numbered)


def latest(session: Session, today: date, subject: Subject) -> list[PublicRecord]:
    """The newest public records of every kind together, newest first (the 基础信息 section's 最新信息)."""
    found: list[PublicRecord] = []
    for spec in kinds.specs():
        model = spec.model
        query = (
            sa.select(model)
            .where(model.subject_id == subject.id, public_on(model, today))
            .order_by(model.day.desc(), model.id.desc())
            .limit(LATEST)
        )
        found += [spec.present(record, subject) for record in session.scalars(query)]
    return sorted(found, key=lambda r: (r.decided_on, r.id), reverse=True)[:LATEST]


def section_labels() -> dict[str, Any]:
    """Section key -> its tab title in the interface language (the list categories by what they mean to people)."""
    by_category = {
        ListCategory.REDLIST.value: BADGE_LABELS[Badge.INCENTIVE],
        ListCategory.BLACKLIST.value: BADGE_LABELS[Badge.PUNISHMENT],
        ListCategory.WATCHLIST.value: BADGE_LABELS[Badge.WATCH],
    }
    basic = _l("Basic information")
    return {key: by_category.get(key) or RECORD_KIND_LABELS.get(key) or basic for key in section_keys()}
