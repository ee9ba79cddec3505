"""Watch lists of a department: create, add subjects (paste, CSV/XLSX file, pick from a search), remove, read.

Every read and write takes the caller's scope: a department's USCC (it sees and changes only its own lists) or None
for 信用办 staff, who read every department's lists. A list of another department is "not found", never "forbidden",
so its existence is not revealed.
"""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain import screening
from portal.domain.kinds import SubjectKind
from portal.domain.screening import ParsedCodes, WatchError
from portal.domain.text import clean, nfkc
from portal.importers.readers import OLE2_MAGIC, UnreadableFile, open_table
from portal.models import AuditEntry, Department, Subject, WatchEntry, WatchList
from portal.tabular import cell_text

MAX_FILE_BYTES = 1024 * 1024  # 5,000 codes of 19 bytes fit many times over
MAX_FILE_ROWS = screening.MAX_ENTRIES + 1
CHUNK = 500
SEARCH_LIMIT = 20


class ListNotFound(Exception):
    """No such list in the caller's scope."""


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    already: int  # on the list before
    parsed: ParsedCodes


def department_name(session: Session, department_uscc: str) -> str:
    return session.scalar(sa.select(Department.name).where(Department.uscc == department_uscc)) or department_uscc


def department_names(session: Session, codes: set[str]) -> dict[str, str]:
    """Names of departments by USCC: the platform's register, else the name their watch lists carry."""
    if not codes:
        return {}
    names = dict(session.execute(sa.select(WatchList.department_uscc, WatchList.department_name)
                                 .where(WatchList.department_uscc.in_(sorted(codes)))).all())  # fmt: skip
    registered = sa.select(Department.uscc, Department.name).where(Department.uscc.in_(sorted(codes)))
    names.update(session.execute(registered).all())
    return {code: names.get(code, code) for code in codes}


def _scoped(query: sa.Select, department: str | None) -> sa.Select:  # type: ignore[type-arg]
    return query if department is None else query.where(WatchList.department_uscc == department)


def lists(session: Session, department: str | None) -> list[WatchList]:
    query = sa.select(WatchList).order_by(WatchList.department_uscc, WatchList.name)
    return list(session.scalars(_scoped(query, department)))


def load(session: Session, list_id: int, department: str | None) -> WatchList:
    found = session.scalar(_scoped(sa.select(WatchList).where(WatchList.id == list_id), department))
    if found is None:
        raise ListNotFound(list_id)
    return found


def entries(session: Session, watch: WatchList) -> list[tuple[WatchEntry, str | None]]:
    """The list's subjects with the platform's name for each (None: not known to the platform yet)."""
    rows = session.execute(
        sa.select(WatchEntry, Subject.name)
        .outerjoin(Subject, Subject.uscc == WatchEntry.uscc)
        .where(WatchEntry.list_id == watch.id)
        .order_by(WatchEntry.id)
    )
    return [(entry, name) for entry, name in rows]


def create(session: Session, department: str, name: str, *, actor: str, actor_id: int | None, now: datetime
           ) -> WatchList:  # fmt: skip
    """A new empty list; raises WatchError (name_required, name, duplicate_name)."""
    name = screening.check_list_name(name)
    taken = session.scalar(
        sa.select(WatchList.id).where(WatchList.department_uscc == department, WatchList.name == name)
    )
    if taken is not None:
        raise WatchError("名单名称已存在", reason="duplicate_name")
    watch = WatchList(department_uscc=department, department_name=department_name(session, department)[:256],
                      name=name, created_by=actor[:254], created_at=now, updated_at=now)  # fmt: skip
    session.add(watch)
    session.flush()
    _audit(session, actor, actor_id, "watch_list_create", watch.id, name, now)
    return watch


def add_codes(session: Session, watch: WatchList, parsed: ParsedCodes, *, actor: str, actor_id: int | None,
              now: datetime) -> AddResult:  # fmt: skip
    """Adds the parsed codes that are not on the list yet; raises WatchError (no_codes, too_many) and adds nothing
    when the list would grow beyond MAX_ENTRIES."""
    if not parsed.codes:
        raise WatchError("没有有效的统一社会信用代码", reason="no_codes")
    present: set[str] = set()
    for start in range(0, len(parsed.codes), CHUNK):
        chunk = parsed.codes[start : start + CHUNK]
        present.update(session.scalars(
            sa.select(WatchEntry.uscc).where(WatchEntry.list_id == watch.id, WatchEntry.uscc.in_(chunk))
        ))  # fmt: skip
    new = [code for code in parsed.codes if code not in present]
    if watch.entries + len(new) > screening.MAX_ENTRIES:
        raise WatchError("名单对象过多", reason="too_many")
    session.add_all(WatchEntry(list_id=watch.id, uscc=code, added_by=actor[:254], added_at=now) for code in new)
    watch.entries += len(new)
    watch.updated_at = now
    _audit(session, actor, actor_id, "watch_list_add", watch.id, f"{len(new)}", now)
    return AddResult(len(new), len(present), parsed)


def remove_entry(session: Session, watch: WatchList, entry_id: int, *, actor: str, actor_id: int | None,
                 now: datetime) -> None:  # fmt: skip
    entry = session.scalar(sa.select(WatchEntry).where(WatchEntry.id == entry_id, WatchEntry.list_id == watch.id))
    if entry is None:
        raise ListNotFound(entry_id)
    session.delete(entry)
    watch.entries = max(watch.entries - 1, 0)
    watch.updated_at = now
    _audit(session, actor, actor_id, "watch_list_remove", watch.id, entry.uscc, now)


def delete(session: Session, watch: WatchList, *, actor: str, actor_id: int | None, now: datetime) -> None:
    """The list and its subjects go; hits already found stay with the department (their list is unset)."""
    session.execute(sa.delete(WatchEntry).where(WatchEntry.list_id == watch.id))
    _audit(session, actor, actor_id, "watch_list_delete", watch.id, watch.name, now)
    session.delete(watch)


def read_file(raw: bytes) -> list[tuple[int, str]]:
    """(line, cell) of a CSV (UTF-8, BOM, GB18030) or XLSX file: the 统一社会信用代码 column when the header names
    one, else the first column. Raises WatchError (file_too_large, file_unreadable, file_too_many_rows)."""
    if len(raw) > MAX_FILE_BYTES:
        raise WatchError("文件过大", reason="file_too_large")
    with tempfile.TemporaryDirectory(prefix="watch-") as folder:
        # openpyxl goes by the file name's extension: name the file after its content
        suffix = ".xlsx" if raw.startswith(b"PK\x03\x04") else ".xls" if raw.startswith(OLE2_MAGIC) else ".csv"
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(raw)
        try:
            table = open_table(path)
        except (UnreadableFile, ValueError, OSError, KeyError, EOFError, zipfile.BadZipFile):
            raise WatchError("文件无法读取", reason="file_unreadable") from None
        try:
            header = [nfkc(clean(h)) for h in table.header]
            column = next((i for i, h in enumerate(header) if "信用代码" in h or h.lower() == "uscc"), None)
            found: list[tuple[int, str]] = []
            if column is None:  # no header: the first row is data too
                column = 0
                if header and header[0]:
                    found.append((table.header_line, header[0]))
            for line_no, cells in table.rows:
                if len(found) >= MAX_FILE_ROWS:
                    raise WatchError("文件行数过多", reason="file_too_many_rows")
                if column < len(cells) and cell_text(cells[column]).strip():
                    found.append((line_no, cell_text(cells[column]).strip()))
        except (UnreadableFile, ValueError, KeyError, EOFError, OSError, zipfile.BadZipFile):  # a sheet broken inside
            raise WatchError("文件无法读取", reason="file_unreadable") from None
        finally:
            table.close()
    return found


def search_subjects(session: Session, query: str) -> list[Subject]:
    """Organisations and 个体工商户 with a USCC whose name contains `query` (or whose USCC it is), to pick from."""
    text = nfkc(clean(query))[:100]
    if len(text) < 2:
        return []
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return list(session.scalars(
        sa.select(Subject)
        .where(Subject.uscc.is_not(None), Subject.kind != SubjectKind.NATURAL_PERSON,
               sa.or_(Subject.uscc == text.upper(), Subject.name_norm.like(f"%{escaped}%", escape="\\")))
        .order_by(Subject.name_norm).limit(SEARCH_LIMIT)
    ))  # fmt: skip


def _audit(session: Session, actor: str, actor_id: int | None, action: str, list_id: int, reason: str,
           now: datetime) -> None:  # fmt: skip
    session.add(AuditEntry(actor=actor[:254], actor_id=actor_id, action=action, target=f"watch_list:{list_id}",
                           reason=reason[:200], at=now))  # fmt: skip
