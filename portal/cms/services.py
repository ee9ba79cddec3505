"""Use cases of the staff-edited pages: create, edit (keeping the previous version), publish, unpublish, read.

Each writing function is one transaction: the page, its PageRevision and an AuditEntry are committed together.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from pypinyin import lazy_pinyin
from sqlalchemy.orm import Session

from portal.domain.errors import DomainError
from portal.models import AuditEntry, Page, PageRevision
from portal.models.cms import BODY_MAX, SLUG_MAX, PageKind

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# /guides/<these> are the built-in, translated guides of the public blueprint: a page may not shadow them.
RESERVED_SLUGS = {PageKind.GUIDE: frozenset({"objection", "complaint", "repair", "publicity"})}
PER_PAGE = 10


class PageError(DomainError):
    code = "page_error"


class DuplicateSlug(PageError):
    code = "duplicate_slug"


class ReservedSlug(PageError):
    code = "reserved_slug"


class InvalidSlug(PageError):
    code = "invalid_slug"


class BodyTooLong(PageError):
    code = "body_too_long"


class PageNotFound(PageError):
    code = "page_not_found"


@dataclass(frozen=True, slots=True)
class PageInput:
    kind: PageKind
    title: str
    body: str
    slug: str = ""  # empty: derived from the title (pinyin)
    summary: str | None = None
    published_on: date | None = None  # empty: the day it is first published


@dataclass(frozen=True, slots=True)
class Editor:
    id: int | None
    email: str


@dataclass(frozen=True, slots=True)
class PageList:
    items: list[Page]
    page: int
    pages: int
    total: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def slug_from_title(title: str) -> str:
    """"信用修复指南" → "xin-yong-xiu-fu-zhi-nan"; Latin letters and digits are kept, the rest dropped."""
    words = lazy_pinyin(title.lower())
    parts = [re.sub(r"[^a-z0-9]+", "-", w).strip("-") for w in words]
    slug = "-".join(p for p in parts if p)
    return slug[:SLUG_MAX].rstrip("-") or "page"


def _checked(session: Session, data: PageInput, page_id: int | None) -> str:
    """The slug to store; raises when the slug or the body is not acceptable."""
    if len(data.body) > BODY_MAX:
        raise BodyTooLong("正文过长", limit=BODY_MAX, length=len(data.body))
    slug = data.slug or slug_from_title(data.title)
    if len(slug) > SLUG_MAX or not SLUG_PATTERN.match(slug):
        raise InvalidSlug("网址标识格式不正确", slug=slug)
    if slug in RESERVED_SLUGS.get(data.kind, ()):
        raise ReservedSlug("网址标识已被系统页面使用", slug=slug)
    clash = sa.select(Page.id).where(Page.kind == data.kind, Page.slug == slug)
    if page_id is not None:
        clash = clash.where(Page.id != page_id)
    if session.scalar(clash) is not None:
        raise DuplicateSlug("网址标识已存在", slug=slug)
    return slug


def _audit(session: Session, editor: Editor, action: str, page: Page) -> None:
    session.add(AuditEntry(actor=editor.email, actor_id=editor.id, action=action, target=f"page:{page.id}",
                           reason=f"v{page.version} {page.title}"[:2000]))  # fmt: skip


def create_page(session: Session, data: PageInput, *, editor: Editor, today: date, publish: bool = False) -> Page:
    """A new page (a draft unless `publish`); raises DuplicateSlug, ReservedSlug, InvalidSlug, BodyTooLong."""
    slug = _checked(session, data, None)
    page = Page(kind=data.kind, slug=slug, title=data.title, summary=data.summary or None, body=data.body,
                is_published=publish, published_on=data.published_on or (today if publish else None),
                author=editor.email, author_id=editor.id, version=1)  # fmt: skip
    session.add(page)
    session.flush()
    _audit(session, editor, "page_create", page)
    if publish:
        _audit(session, editor, "page_publish", page)
    session.commit()
    return page


def get_page(session: Session, page_id: int) -> Page:
    page = session.get(Page, page_id)
    if page is None:
        raise PageNotFound("页面不存在", page_id=page_id)
    return page


def update_page(session: Session, page_id: int, data: PageInput, *, editor: Editor) -> Page:
    """Saves a new version; the previous one goes to PageRevision. Nothing changes when nothing was edited."""
    page = get_page(session, page_id)
    slug = _checked(session, data, page_id)
    new = (data.kind, slug, data.title, data.summary or None, data.body, data.published_on or page.published_on)
    if new == (page.kind, page.slug, page.title, page.summary, page.body, page.published_on):
        return page
    old = PageRevision(page_id=page.id, version=page.version, slug=page.slug, title=page.title,
                       summary=page.summary, body=page.body, author=page.author, saved_at=page.updated_at)  # fmt: skip
    session.add(old)
    page.kind, page.slug, page.title, page.summary, page.body, page.published_on = new
    page.author, page.author_id, page.version = editor.email, editor.id, page.version + 1
    session.flush()
    _audit(session, editor, "page_edit", page)
    session.commit()
    return page


def set_published(session: Session, page_id: int, published: bool, *, editor: Editor, today: date) -> Page:
    """Publish (dated today unless a date was set) or take back to draft; a no-op when already so."""
    page = get_page(session, page_id)
    if page.is_published == published:
        return page
    page.is_published = published
    if published and page.published_on is None:
        page.published_on = today
    _audit(session, editor, "page_publish" if published else "page_unpublish", page)
    session.commit()
    return page


def _public(kind: PageKind, today: date) -> list[sa.ColumnElement[bool]]:
    """Published, and its date reached (a page dated in the future waits for it)."""
    return [Page.kind == kind, Page.is_published.is_(True), Page.published_on <= today]


def published_pages(session: Session, kind: PageKind, today: date, page: int = 1, per_page: int = PER_PAGE) -> PageList:
    """Newest first; a page number beyond the last gives an empty list with the real page count."""
    total = int(session.scalar(sa.select(sa.func.count()).select_from(Page).where(*_public(kind, today))) or 0)
    query = (
        sa.select(Page)
        .where(*_public(kind, today))
        .order_by(Page.published_on.desc(), Page.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return PageList(list(session.scalars(query)), page, max(1, math.ceil(total / per_page)), total)


def published_page(session: Session, kind: PageKind, slug: str, today: date) -> Page | None:
    """The public page at /<kind>/<slug>, or None for an unknown slug, a draft or a page dated in the future."""
    return session.scalar(sa.select(Page).where(Page.slug == slug, *_public(kind, today)))


def all_pages(session: Session, kind: PageKind | None = None) -> list[Page]:
    """Every page, drafts included, for the back office: most recently changed first."""
    query = sa.select(Page).order_by(Page.updated_at.desc(), Page.id.desc())
    if kind is not None:
        query = query.where(Page.kind == kind)
    return list(session.scalars(query))


def revisions(session: Session, page_id: int) -> list[PageRevision]:
    query = sa.select(PageRevision).where(PageRevision.page_id == page_id).order_by(PageRevision.version.desc())
    return list(session.scalars(query))


def revision(session: Session, page_id: int, version: int) -> PageRevision:
    found = session.scalar(
        sa.select(PageRevision).where(PageRevision.page_id == page_id, PageRevision.version == version)
    )
    if found is None:
        raise PageNotFound("版本不存在", page_id=page_id, version=version)
    return found
