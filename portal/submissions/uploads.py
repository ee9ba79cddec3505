"""Attachments: type by content (magic bytes and structure), active-content and zip-bomb checks. The type found
in the content names the stored file and the download; the client's file name is only a label (sanitised by
`display_name`). No Flask here: the form calls `inspect`; where the checked file is then kept is
portal/file_store.py.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from portal.submissions import pdf_check

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5

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

    @property
    def extension(self) -> str:
        """Of the type found in the content: it names the stored file and the download."""
        return EXTENSIONS[self.mime]


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
