"""Attachments: type by content (magic bytes and structure), active-content and zip-bomb checks, storage under
random names. The type found in the content names the file on disk and on download; the client's file name is
only a label (sanitised by `display_name`).

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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from portal.submissions import pdf_check

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
# PDF: a first, cheap pass over the raw bytes (names outside any stream, even in objects the parser skips);
# #xx escapes in names are decoded before matching. pdf_check then parses and decodes everything.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_CHUNK_TYPE = re.compile(rb"[A-Za-z]{4}")
# Labels: characters that Windows or a shell treats specially, and path separators.
_UNSAFE_NAME_CHARS = re.compile(r"[<>:\"|?*\\/]")
# Unicode categories dropped from labels: controls (Cc), format characters (Cf: bidi embeddings and overrides
# U+202A-U+202E, isolates U+2066-U+2069, marks U+200E/U+200F, zero-width characters), surrogates, private use,
# unassigned, and line/paragraph separators. A right-to-left override makes "x\u202efdp.exe" read as "xexe.pdf".
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
LABEL_MAX_CHARS = 120


class UploadRejected(Exception):
    """The file is refused; `code` names why (too_large, unknown_type, active_content, unreadable, zip_bomb, empty)."""

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
    """The client's file name as a label to show staff: last path part, no control, format (bidi) or separator
    characters, at most LABEL_MAX_CHARS characters. Never used on disk nor as a download name."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    name = _UNSAFE_NAME_CHARS.sub("", name).strip().lstrip(".").strip()
    return name[:LABEL_MAX_CHARS].strip() or "attachment"


def download_name(mime: str, stem: str) -> str:
    """The name a download is offered under: our own stem and the extension of the type found in the content."""
    return f"{stem}.{EXTENSIONS[mime]}"


def read_limited(stream: BinaryIO, limit: int = MAX_FILE_BYTES) -> bytes:
    """Reads at most limit + 1 bytes, and refuses anything larger."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected("too_large")
    return data


def sniff(data: bytes) -> str | None:
    """The type from the content alone, or None when it is not one of PDF, JPEG, PNG, OFD."""
    if data.startswith(PNG_SIGNATURE):
        return PNG if _png_chunks_are_sound(data) else None
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


def _png_chunks_are_sound(data: bytes) -> bool:
    """The bytes after the signature are PNG chunks (length, 4-letter type, data, CRC) from IHDR up to IEND, with
    nothing after IEND: an HTML page or script glued behind the magic bytes does not parse as chunks. A file cut
    at a chunk boundary before IEND is tolerated (scanners and test fixtures write such files)."""
    pos, first = len(PNG_SIGNATURE), True
    while pos < len(data):
        if pos + 8 > len(data):
            return False
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if not _PNG_CHUNK_TYPE.fullmatch(kind) or (first and kind != b"IHDR") or pos + 12 + length > len(data):
            return False
        pos += 12 + length
        first = False
        if kind == b"IEND":
            return pos == len(data)
    return not first


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


def _has_active_content(raw: bytes) -> bool:
    decoded = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return _PDF_ACTIVE.search(decoded) is not None


def _check_pdf(data: bytes) -> None:
    if _has_active_content(data):
        raise UploadRejected("active_content")
    try:
        active = pdf_check.has_active_content(data)
    except pdf_check.PdfTooLarge:
        raise UploadRejected("zip_bomb") from None
    except pdf_check.PdfUnreadable:
        raise UploadRejected("unreadable") from None
    if active:
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
    """Writes the file under a new random name + .part (fsynced); nothing refers to it until commit.

    A failed write (OSError: ENOSPC, EIO, a read-only or vanished volume) removes its partial file and raises.
    """
    upload_dir.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{EXTENSIONS[upload.mime]}"
    final = upload_dir / stored
    part = final.with_name(stored + PART_SUFFIX)
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(upload.data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        part.unlink(missing_ok=True)  # the caller never learns its name: a full disk must not keep half a file
        raise
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
