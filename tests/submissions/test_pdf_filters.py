"""PDF active-content checks decode every stream filter (issue 15): JavaScript hidden behind ASCIIHex, ASCII85,
RunLength or a chain of filters is found; an unparseable PDF is refused with its own message; clean PDFs pass.
The PDFs are built here, with a correct cross-reference table, so that only the filter decides."""

from __future__ import annotations

import base64
import binascii
import io
import zlib

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.submissions import pdf_check, uploads
from tests.submissions.fixtures import OBJECTION, SERIOUS_NO, build_pdf, file, fill, penalty_id, stream

ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"
HARMLESS = b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"


def ascii_hex(data: bytes) -> bytes:
    return binascii.hexlify(data) + b">"


def ascii85(data: bytes) -> bytes:
    return base64.a85encode(data) + b"~>"


def run_length(data: bytes) -> bytes:
    """RunLengthDecode literal runs of up to 128 bytes, then the end-of-data byte (ISO 32000-1 §7.4.5)."""
    out = b""
    for start in range(0, len(data), 128):
        chunk = data[start : start + 128]
        out += bytes([len(chunk) - 1]) + chunk
    return out + b"\x80"


HIDDEN = {
    "asciihex": stream(ascii_hex(ACTION), b"/ASCIIHexDecode"),
    "ascii85": stream(ascii85(ACTION), b"/ASCII85Decode"),
    "a85_of_runlength": stream(ascii85(run_length(ACTION)), b"[/ASCII85Decode /RunLengthDecode]"),
    "hex_of_flate": stream(ascii_hex(zlib.compress(ACTION)), b"[/ASCIIHexDecode /FlateDecode]"),
    "a85_of_hex": stream(ascii85(ascii_hex(ACTION)), b"[/ASCII85Decode /ASCIIHexDecode]"),
    "embedded_file_in_hex": stream(
        ascii_hex(b"<< /Type /Filespec /EF << /F 9 0 R >> >> /EmbeddedFiles"), b"/ASCIIHexDecode"
    ),  # fmt: skip
}


@pytest.mark.parametrize("hidden", HIDDEN.values(), ids=HIDDEN.keys())
def test_javascript_behind_any_filter_is_found(hidden: bytes) -> None:
    pdf = build_pdf(hidden)
    assert not any(word in pdf for word in (b"JavaScript", b"/JS", b"Embedded"))  # invisible to a byte scan
    assert pdf_check.has_active_content(pdf)
    with pytest.raises(uploads.UploadRejected) as refused:
        uploads.inspect(io.BytesIO(pdf), "hidden.pdf")
    assert refused.value.code == "active_content"


@pytest.mark.parametrize(
    "obj",
    [
        b"<< /Type /Action /S /Launch /F (cmd.exe) >>",
        b"<< /Type /Annot /Subtype /Widget /AA << /K 4 0 R >> >>",
        b"<< /Type /Annot /Subtype /RichMedia >>",
        b"<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream",
        b"<< /S /J#61vaScript /J#53 (x) >>",  # #xx escapes in names are resolved by the parser
    ],
)
def test_actions_and_embedded_files_in_plain_objects_are_found(obj: bytes) -> None:
    assert pdf_check.has_active_content(build_pdf(obj))


@pytest.mark.parametrize(
    "objects",
    [
        (),
        (stream(zlib.compress(HARMLESS), b"/FlateDecode"),),
        (stream(ascii_hex(HARMLESS), b"/ASCIIHexDecode"),),
        (stream(ascii85(zlib.compress(HARMLESS)), b"[/ASCII85Decode /FlateDecode]"),),
        (stream(b"\xff\xd8\xff\xe0 not decoded: pixels", b"/DCTDecode"),),
        (b"[3 0 R /Fit]",),  # an /OpenAction-style destination is not an action
    ],
)
def test_clean_pdfs_still_pass(objects: tuple[bytes, ...]) -> None:
    pdf = build_pdf(*objects)
    assert not pdf_check.has_active_content(pdf)
    assert uploads.inspect(io.BytesIO(pdf), "clean.pdf").mime == uploads.PDF


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nthis is not a PDF at all\n",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",  # truncated
    ],
)
def test_an_unparseable_pdf_is_refused_as_unreadable(data: bytes) -> None:
    with pytest.raises(uploads.UploadRejected) as refused:
        uploads.inspect(io.BytesIO(data), "broken.pdf")
    assert refused.value.code == "unreadable"


def test_a_decompression_bomb_stops_at_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_check, "MAX_DECODED_BYTES", 1000)
    pdf = build_pdf(stream(zlib.compress(b"\0" * 5000), b"/FlateDecode"))
    with pytest.raises(uploads.UploadRejected) as refused:
        uploads.inspect(io.BytesIO(pdf), "bomb.pdf")
    assert refused.value.code == "zip_bomb"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (build_pdf(HIDDEN["asciihex"]), "hidden.pdf: the PDF contains scripts, launch actions or embedded files."),
        (b"%PDF-1.7\ngarbage\n", "hidden.pdf: the PDF cannot be read (damaged or password-protected)."),
    ],
)
def test_the_form_names_the_file_and_the_reason(site: Flask, client: FlaskClient, data: bytes, message: str) -> None:
    url = f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}"
    headers = {"Accept-Language": "en"}
    posted = fill(client, url, {**OBJECTION, "attachments": [file(data, "hidden.pdf")]}, headers=headers)
    assert posted.response.status_code == 400
    assert message in posted.html
