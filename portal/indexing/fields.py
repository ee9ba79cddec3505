"""The per-kind parts of a record's index document, named by each kind's spec in portal/kinds.py.

A leaf module (it imports no registry), so portal/kinds.py can name these functions without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type: importing portal.public would load its blueprint, which uses the registry
    from portal.public.presenters import PublicRecord


@dataclass(frozen=True, slots=True)
class IndexFields:
    type: str  # the document type searched and faceted on
    category: str | None  # the category facet
    list_name: str | None  # the list facet
    identifiers: tuple[str, ...]  # exact-match identifiers (文号)


def decision_fields(record: PublicRecord) -> IndexFields:
    """双公示 decisions (penalty, permit): typed by kind, found by their 文号, faceted by severity or category."""
    return IndexFields(type=str(record.kind), category=record.category, list_name=None, identifiers=(record.title,))


def list_entry_fields(record: PublicRecord) -> IndexFields:
    """List entries are typed by their list category (redlist …), faceted by the list's name, found by 认定文书号."""
    found = (record.doc_no,) if record.doc_no else ()
    return IndexFields(type=str(record.category), category=None, list_name=record.title, identifiers=found)


def rating_fields(record: PublicRecord) -> IndexFields:
    """Ratings are typed "rating" and faceted by their scheme; they have no number of their own (§11)."""
    return IndexFields(type=str(record.kind), category=record.category, list_name=None, identifiers=())
