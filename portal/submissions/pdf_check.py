"""Active content in a PDF: every object parsed and every stream decoded by pypdf, whatever its filter chain.

A hand-written scan only saw FlateDecode streams, so JavaScript behind ASCIIHex, ASCII85, LZW, RunLength or a
chain of filters passed (issue 15). pypdf parses object streams, decodes each filter and resolves `#xx` escapes in
names, so the same rule applies to every place a reader could find an action. No Flask here.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject, StreamObject

# Keys that run code, open other programs or carry other files (ISO 32000-1 §12.6, §7.11.4; XFA forms script too).
# /OpenAction itself is not here: opening at a page is harmless, and a script it runs is an action dictionary
# (/S /JavaScript /JS …) that is checked like any other object, inline or referenced.
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia",
                         "/XFA"})  # fmt: skip
# The same words as values: /S /JavaScript, /S /Launch, /Type /EmbeddedFile, /Subtype /RichMedia.
ACTIVE_VALUES = frozenset({"/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia"})
# The same names in decoded stream bytes (an object stream, or a stream that a broken xref hides from the parser).
_ACTIVE_BYTES = re.compile(rb"/(?:JavaScript|JS|AA|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])")
# Image codecs: their bytes are pixels, never parsed as PDF syntax; decoding them would only cost time.
_IMAGE_FILTERS = frozenset({"/DCTDecode", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/DCT", "/CCF"})
MAX_DECODED_BYTES = 100 * 1024 * 1024
MAX_OBJECTS = 200_000


class PdfUnreadable(Exception):
    """pypdf cannot parse the file (or decrypt it with an empty password): nobody can check it, so it is refused."""


class PdfTooLarge(Exception):
    """The decoded streams exceed MAX_DECODED_BYTES (a decompression bomb)."""


def has_active_content(data: bytes) -> bool:
    """True when any object or decoded stream names an action; raises PdfUnreadable or PdfTooLarge."""
    # pypdf reports recoverable defects through logging at WARNING; they are not the applicant's problem here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfUnreadable("encrypted")
        return _scan(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise PdfUnreadable(type(exc).__name__) from exc


def _object_ids(reader: PdfReader) -> Iterator[tuple[int, int]]:
    for generation, table in reader.xref.items():
        for number in table:
            yield number, generation
    for number in reader.xref_objStm:
        yield number, 0


def _scan(reader: PdfReader) -> bool:
    budget = MAX_DECODED_BYTES
    roots: list[PdfObject] = [reader.trailer]
    for count, (number, generation) in enumerate(_object_ids(reader)):
        if count > MAX_OBJECTS:
            raise PdfTooLarge("objects")
        found = reader.get_object(IndirectObject(number, generation, reader))
        if found is not None:
            roots.append(found)
    for root in roots:
        for node in _direct_nodes(root):
            if isinstance(node, DictionaryObject) and any(key in ACTIVE_KEYS for key in node):
                return True
            if isinstance(node, NameObject) and node in ACTIVE_VALUES:
                return True
            if isinstance(node, StreamObject) and not _is_image(node):
                decoded = node.get_data()
                budget -= len(decoded)
                if budget < 0:
                    raise PdfTooLarge("streams")
                if _ACTIVE_BYTES.search(decoded):
                    return True
    return False


def _is_image(stream: StreamObject) -> bool:
    filters = stream.get("/Filter")
    if isinstance(filters, IndirectObject):
        filters = filters.get_object()
    last = filters[-1] if isinstance(filters, ArrayObject) and filters else filters
    return isinstance(last, NameObject) and last in _IMAGE_FILTERS


def _direct_nodes(root: PdfObject) -> Iterator[PdfObject]:
    """The object and the direct objects nested in it; references are not followed (each is visited on its own)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, DictionaryObject):  # includes streams
            stack.extend(v for k, v in node.items() if not isinstance(v, IndirectObject) and k != "/Parent")
        elif isinstance(node, ArrayObject):
            stack.extend(v for v in node if not isinstance(v, IndirectObject))
