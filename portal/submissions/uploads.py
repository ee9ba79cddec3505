"""Attachments: type by content (magic bytes), active-content and zip-bomb checks, storage under random names.

Files are written to `<random>.part`, the database commits, then they are renamed to `<random>`; `sweep` finishes
or removes `.part` files that a crash left behind, so there is never an orphan file nor a row without its file.
No Flask here: the form calls `inspect`, the service calls `stage`/`finalize`/`discard`.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
PART_SUFFIX = ".part"
STALE_SECONDS = 3600

PDF, JPEG, PNG, OFD = "application/pdf", "image/jpeg", "image/png", "application/ofd"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", OFD: "ofd"}

# OFD (GB/T 33190) is a ZIP container with OFD.xml at its root: limits against zip bombs.
_ZIP_MAX_ENTRIES = 2000
_ZIP_MAX_TOTAL = 200 * 1024 * 1024
_ZIP_MAX_RATIO = 100
# PDF: names that run code or carry other files; #xx escapes in names are decoded before matching.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n")
_PDF_MAX_INFLATED = 100 * 1024 * 1024
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f<>:\"|?*]")


class UploadRejected(Exception):
    """The file is refused; `code` names why (too_large, unknown_type, active_content, zip_bomb, empty)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Upload:
    """A checked file held in memory (at most MAX_FILE_BYTES)."""

    data: bytes
    original_name: str
    mime: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class StagedFile:
    upload: Upload
    stored_name: str
    part_path: Path
    final_path: Path


def display_name(filename: str | None) -> str:
    """The client's file name reduced to something safe to show: no directories, no control characters."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE_NAME_CHARS.sub("", name).strip().lstrip(".").strip()
    return name[:255] or "attachment"


def read_limited(stream: BinaryIO, limit: int = MAX_FILE_BYTES) -> bytes:
    """Reads at most limit + 1 bytes, and refuses anything larger."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected("too_large")
    return data


def sniff(data: bytes) -> str | None:
    """The type from the content alone, or None when it is not one of PDF, JPEG, PNG, OFD."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"%PDF-"):  # strict: a polyglot with a PDF header further in is refused
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        return OFD if "OFD.xml" in names else None
    return None


def _check_ofd(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > _ZIP_MAX_ENTRIES:
            raise UploadRejected("zip_bomb")
        total = 0
        for info in infos:
            total += info.file_size
            if total > _ZIP_MAX_TOTAL or info.file_size > _ZIP_MAX_RATIO * max(info.compress_size, 1024):
                raise UploadRejected("zip_bomb")
            if info.filename.startswith(("/", "\\")) or ".." in re.split(r"[\\/]", info.filename):
                raise UploadRejected("unknown_type")


def _inflated_streams(data: bytes) -> Iterable[bytes]:
    """The FlateDecode streams of a PDF, inflated up to a total cap (a PDF bomb stops here)."""
    budget = _PDF_MAX_INFLATED
    for match in _PDF_STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        decoder = zlib.decompressobj()
        try:
            chunk = decoder.decompress(data[start:end], budget + 1)
        except zlib.error:
            continue  # not Flate (images, other filters): the raw bytes were scanned already
        budget -= len(chunk)
        if budget < 0:
            raise UploadRejected("zip_bomb")
        yield chunk


def _has_active_content(raw: bytes) -> bool:
    decoded = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return _PDF_ACTIVE.search(decoded) is not None


def _check_pdf(data: bytes) -> None:
    if _has_active_content(data) or any(_has_active_content(chunk) for chunk in _inflated_streams(data)):
        raise UploadRejected("active_content")


def inspect(stream: BinaryIO, filename: str | None, *, limit: int = MAX_FILE_BYTES) -> Upload:
    """Reads and checks one upload; raises UploadRejected. The file name plays no part in the decision."""
    data = read_limited(stream, limit)
    if not data:
        raise UploadRejected("empty")
    mime = sniff(data)
    if mime is None:
        raise UploadRejected("unknown_type")
    if mime == PDF:
        _check_pdf(data)
    elif mime == OFD:
        _check_ofd(data)
    return Upload(data, display_name(filename), mime, hashlib.sha256(data).hexdigest())


def stage(upload: Upload, upload_dir: Path) -> StagedFile:
    """Writes the file under a new random name + .part (fsynced); nothing refers to it until commit."""
    upload_dir.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{EXTENSIONS[upload.mime]}"
    final = upload_dir / stored
    part = final.with_name(stored + PART_SUFFIX)
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(upload.data)
        fh.flush()
        os.fsync(fh.fileno())
    return StagedFile(upload, stored, part, final)


def finalize(staged: Iterable[StagedFile]) -> None:
    """After the commit: the rows exist, give the files their final names."""
    for item in staged:
        os.replace(item.part_path, item.final_path)


def discard(staged: Iterable[StagedFile]) -> None:
    """The commit failed: remove the staged files."""
    for item in staged:
        item.part_path.unlink(missing_ok=True)


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


def sweep(upload_dir: Path, known: Iterable[str], *, older_than: float = STALE_SECONDS, now: float | None = None) -> (
    SweepResult
):
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
