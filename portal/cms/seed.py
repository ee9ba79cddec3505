"""The first pages of a new site: guides written from DOMAIN.md and summaries of the seed policy documents.

Each file in content/ is "key: value" header lines, a line "---", then the Markdown body. Loaded only into an
empty pages table, so staff edits and deletions are never overwritten by a later init-db.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.dates import parse_date
from portal.models import Page
from portal.models.cms import PageKind

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SEED_AUTHOR = "system"


def read_seed_file(path: Path) -> Page:
    header, _sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields = dict(line.split(": ", 1) for line in header.strip().splitlines())
    return Page(
        kind=PageKind(fields["kind"]), slug=fields["slug"], title=fields["title"], summary=fields.get("summary"),
        body=body.strip() + "\n", is_published=True, published_on=parse_date(fields["published_on"]),
        author=SEED_AUTHOR, version=1,
    )  # fmt: skip


def seed_pages(session: Session) -> int:
    """Adds the shipped pages when there are no pages at all; returns how many pages exist afterwards."""
    existing = int(session.scalar(sa.select(sa.func.count()).select_from(Page)) or 0)
    if existing:
        return existing
    pages = [read_seed_file(path) for path in sorted(CONTENT_DIR.glob("*.md"))]
    session.add_all(pages)
    session.flush()
    return len(pages)
