"""Finds or creates the Subject of each imported row, merging by USCC and fallback keys (data-standard §3)."""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import text
from portal.importers.records import ParsedRow
from portal.models import Subject

_MERGE_FIELDS = (
    "reg_no",
    "org_code",
    "tax_no",
    "institution_no",
    "social_org_no",
    "id_type",
    "id_number",
    "legal_rep",
    "legal_rep_id_type",
    "legal_rep_id_number",
)


def _digest(values: dict[str, object]) -> str:
    return hashlib.sha1(json.dumps(values, sort_keys=True, default=str).encode(), usedforsecurity=False).hexdigest()


class SubjectStore:
    """Caches subject ids by USCC and fallback key for one import; writes only what changed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_uscc: dict[str, int] = {}
        self.by_alt: dict[str, int] = {}
        self.uscc_of: dict[int, str | None] = {}
        self.digest_of: dict[int, str] = {}
        self.stored: dict[int, dict[str, object]] = {}  # current values of subjects loaded from the database

    def _load(self, rows: list[ParsedRow]) -> None:
        usccs = {r.subject.uscc for r in rows if r.subject.uscc and r.subject.uscc not in self.by_uscc}
        alts = {r.subject.alt_key for r in rows if r.subject.alt_key and r.subject.alt_key not in self.by_alt}
        for chunk_usccs, chunk_alts in _chunks(sorted(usccs), sorted(alts)):
            conditions = []
            if chunk_usccs:
                conditions.append(Subject.uscc.in_(chunk_usccs))
            if chunk_alts:
                conditions.append(Subject.alt_key.in_(chunk_alts))
            query = sa.select(*_STORED).where(sa.or_(*conditions))
            for row in self.session.execute(query).mappings():
                self._remember(row["id"], row["uscc"], row["alt_key"])
                self.stored[row["id"]] = dict(row)

    def _remember(self, sid: int, uscc: str | None, alt: str | None) -> None:
        if uscc:
            self.by_uscc[uscc] = sid
        if alt:
            self.by_alt[alt] = sid
        self.uscc_of[sid] = uscc

    def resolve(self, rows: list[ParsedRow]) -> list[int]:
        """Subject id per row, in order. New subjects are flushed so their ids exist."""
        self._load(rows)
        pending: dict[int, Subject] = {}  # provisional (negative) id -> subject created in this chunk
        ids: list[int] = []
        for row in rows:
            data = row.subject
            sid = self.by_uscc.get(data.uscc) if data.uscc else None
            alt_key = data.alt_key
            if sid is None and alt_key and (candidate := self.by_alt.get(alt_key)) is not None:
                if data.uscc and self.uscc_of.get(candidate):
                    alt_key = None  # the fallback key belongs to a subject with another USCC: keep them apart
                else:
                    sid = candidate
                    if data.uscc:
                        row.warnings.append("统一社会信用代码已关联到原以其他代码或证件识别的主体")
            if sid is None:
                subject = Subject(
                    kind=data.kind, name=data.name, name_norm=text.nfkc(data.name), uscc=data.uscc, alt_key=alt_key
                )
                self._apply(subject, row)
                self.session.add(subject)
                sid = -(len(pending) + 1)
                pending[sid] = subject
                self._remember(sid, data.uscc, alt_key)
                self.digest_of[sid] = _digest(data.values())
            elif sid < 0:
                self._update_object(pending[sid], sid, row)
            else:
                self._update(sid, row)
            ids.append(sid)
        if pending:
            self.session.flush()
            for provisional, subject in pending.items():
                self._remember(subject.id, subject.uscc, subject.alt_key)
                self.digest_of[subject.id] = self.digest_of.pop(provisional)
            ids = [pending[i].id if i < 0 else i for i in ids]
        return ids

    def _apply(self, subject: Subject, row: ParsedRow) -> None:
        data = row.subject
        for field in _MERGE_FIELDS:
            value = data.codes.get(field) if field in data.codes else getattr(data, field, None)
            if value:
                setattr(subject, field, value)

    def _update(self, sid: int, row: ParsedRow) -> None:
        if self.digest_of.get(sid) == _digest(row.subject.values()):
            return
        stored = self.stored.get(sid)
        if stored is not None and _covers(stored, row):
            self.digest_of[sid] = _digest(row.subject.values())
            return
        subject = self.session.get(Subject, sid)
        if subject is not None:
            self._update_object(subject, sid, row)

    def _update_object(self, subject: Subject, sid: int, row: ParsedRow) -> None:
        """Later rows refresh the name and fill codes; blank cells never erase what is known."""
        digest = _digest(row.subject.values())
        if self.digest_of.get(sid) == digest:
            return
        data = row.subject
        if subject.name != data.name:
            subject.name, subject.name_norm = data.name, text.nfkc(data.name)
        if data.uscc and not subject.uscc:
            subject.uscc = data.uscc
            self.by_uscc[data.uscc] = sid
            self.uscc_of[sid] = data.uscc
        self._apply(subject, row)
        self.digest_of[sid] = digest


_STORED = (Subject.id, Subject.name, Subject.uscc, Subject.alt_key, *(getattr(Subject, f) for f in _MERGE_FIELDS))


def _covers(stored: dict[str, object], row: ParsedRow) -> bool:
    """True when the stored subject already holds everything this row would write (no UPDATE needed)."""
    data = row.subject
    if stored["name"] != data.name or (data.uscc and stored["uscc"] != data.uscc):
        return False
    for field in _MERGE_FIELDS:
        value = data.codes.get(field) if field in data.codes else getattr(data, field, None)
        if value and stored[field] != value:
            return False
    return True


def _chunks(usccs: list[str], alts: list[str], size: int = 500) -> list[tuple[list[str], list[str]]]:
    chunks = []
    for start in range(0, max(len(usccs), len(alts)), size):
        chunks.append((usccs[start : start + size], alts[start : start + size]))
    return chunks
