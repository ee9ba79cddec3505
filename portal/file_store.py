"""Where checked uploads are kept (issue 21: any app server serves any file): a directory, or the database.

- `directory` (the default): files under PORTAL_UPLOAD_DIR. A file is written to `<random>.part`, the database
  commits, then it is renamed to `<random>`; `sweep` finishes or removes `.part` files that a crash left behind,
  so there is never an orphan file nor a row without its file. With several app servers the directory must be
  shared by all of them (a network file system), or a file uploaded through one server is missing on the others.
- `database`: the bytes are a row of `stored_files`, written in the same transaction as the attachment row, so
  the commit keeps both or neither, and every server reads the same files with nothing else to share. Files are
  at most 10 MB (portal/submissions/uploads.py); PostgreSQL keeps such values out of line (TOAST).

Chosen with PORTAL_FILE_STORE; the database store is the simple choice for a site with several app servers.
Switching stores does not move files already stored. The checks that come before storing are in
portal/submissions/uploads.py; this module does not import it (that package's routes import this one).
"""

from __future__ import annotations

import os
import secrets
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.models import StoredFile
from portal.models.base import utcnow

PART_SUFFIX = ".part"
STALE_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class StagedFile:
    stored_name: str
    part_path: Path | None = None  # on disk only (the directory store)
    final_path: Path | None = None


class FileStore(ABC):
    """Stage a file with the rows that refer to it, then finalize after the commit or discard after a failure."""

    @abstractmethod
    def stage(self, data: bytes, extension: str) -> StagedFile:
        """Keep `data` under a new random name ending in `extension`; nothing refers to it until the commit."""

    def finalize(self, staged: Iterable[StagedFile]) -> None:  # noqa: B027 - nothing to do by default
        """After the commit."""

    def discard(self, staged: Iterable[StagedFile]) -> None:  # noqa: B027 - nothing to do by default
        """After a failed commit (the rollback removed the rows)."""

    @abstractmethod
    def read(self, stored_name: str) -> bytes | None:
        """The file's bytes, or None when it is missing."""


def new_stored_name(extension: str) -> str:
    return f"{secrets.token_hex(16)}.{extension}"


class DirectoryStore(FileStore):
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def stage(self, data: bytes, extension: str) -> StagedFile:
        """Writes the file under a new random name + .part (fsynced).

        A failed write (OSError: ENOSPC, EIO, a read-only or vanished volume) removes its partial file and raises.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        stored = new_stored_name(extension)
        final = self.directory / stored
        part = final.with_name(stored + PART_SUFFIX)
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            part.unlink(missing_ok=True)  # the caller never learns its name: a full disk must not keep half a file
            raise
        return StagedFile(stored, part, final)

    def finalize(self, staged: Iterable[StagedFile]) -> None:
        """The rows exist: give the files their final names."""
        for item in staged:
            if item.part_path is not None and item.final_path is not None:
                os.replace(item.part_path, item.final_path)

    def discard(self, staged: Iterable[StagedFile]) -> None:
        for item in staged:
            if item.part_path is not None:
                item.part_path.unlink(missing_ok=True)

    def read(self, stored_name: str) -> bytes | None:
        path = stored_path(self.directory, stored_name)
        return path.read_bytes() if path is not None else None


class DatabaseStore(FileStore):
    """Rows in the caller's session: committed or rolled back together with the rows that refer to them."""

    def __init__(self, session: Callable[[], Session]) -> None:
        self._session = session

    def stage(self, data: bytes, extension: str) -> StagedFile:
        stored = new_stored_name(extension)
        self._session().add(StoredFile(name=stored, data=data, size=len(data), created_at=utcnow()))
        return StagedFile(stored)

    def read(self, stored_name: str) -> bytes | None:
        return self._session().scalar(sa.select(StoredFile.data).where(StoredFile.name == stored_name))


def stored_path(upload_dir: Path, stored_name: str) -> Path | None:
    """The file of an attachment row; finishes a rename that a crash interrupted. None when it is missing."""
    if "/" in stored_name or "\\" in stored_name or stored_name.startswith("."):
        return None
    final = upload_dir / stored_name
    if final.is_file():
        return final
    part = final.with_name(stored_name + PART_SUFFIX)
    if part.is_file():
        os.replace(part, final)
        return final
    return None


@dataclass(frozen=True, slots=True)
class SweepResult:
    completed: int
    removed: int


def sweep(
    upload_dir: Path, known: Iterable[str], *, older_than: float = STALE_SECONDS, now: float | None = None
) -> SweepResult:
    """Stale .part files: renamed when their row was committed (`known`), otherwise removed."""
    if not upload_dir.is_dir():
        return SweepResult(0, 0)
    known_names = set(known)
    cutoff = (time.time() if now is None else now) - older_than
    completed = removed = 0
    for part in upload_dir.glob("*" + PART_SUFFIX):
        if part.stat().st_mtime > cutoff:
            continue  # maybe a submission in progress
        name = part.name.removesuffix(PART_SUFFIX)
        if name in known_names:
            os.replace(part, part.with_name(name))
            completed += 1
        else:
            part.unlink(missing_ok=True)
            removed += 1
    return SweepResult(completed, removed)


def make_file_store(kind: str, upload_dir: str | Path, session: Callable[[], Session]) -> FileStore:
    return DatabaseStore(session) if kind == "database" else DirectoryStore(Path(upload_dir))


def file_store() -> FileStore:
    """The application's store (PORTAL_FILE_STORE, PORTAL_UPLOAD_DIR)."""
    from flask import current_app

    from portal.extensions import db

    cfg = current_app.config
    return make_file_store(str(cfg.get("FILE_STORE") or "directory"), cfg["UPLOAD_DIR"], lambda: db.session)
