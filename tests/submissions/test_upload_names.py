"""Upload names and types (issue 15): the detected type names the file on disk and on download; the applicant's
file name survives only as a sanitised label (no bidi, control or format characters, no separators, capped)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import Attachment
from portal.submissions import uploads
from tests.submissions.fixtures import OBJECTION, PNG, SERIOUS_NO, file, fill, penalty_id, staff_client, submission

SIGNATURE = b"\x89PNG\r\n\x1a\n"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _post(client: FlaskClient, data: bytes, name: str):  # type: ignore[no-untyped-def]
    url = f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}"
    return fill(client, url, {**OBJECTION, "attachments": [file(data, name)]})


@pytest.mark.parametrize(
    "data",
    [
        SIGNATURE + HTML,  # magic bytes, then a page
        PNG + HTML,  # a well-formed IHDR chunk, then a page
        PNG + b"\x00\x00\x00\x00IEND\xaeB`\x82" + HTML,  # a complete PNG with a page glued behind IEND
        SIGNATURE + b"\x00\x00\x00\x00IEND\xaeB`\x82",  # no IHDR first
    ],
)
def test_png_magic_followed_by_html_is_not_taken_for_a_png(data: bytes) -> None:
    assert uploads.sniff(data) is None
    with pytest.raises(uploads.UploadRejected) as refused:
        uploads.inspect(io.BytesIO(data), "evidence.png")
    assert refused.value.code == "unknown_type"


def test_a_complete_png_is_still_a_png() -> None:
    complete = PNG + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    assert uploads.sniff(complete) == uploads.PNG
    assert uploads.sniff(PNG) == uploads.PNG  # cut at a chunk boundary (the fixture): tolerated


@pytest.mark.parametrize("name", ["evidence.html", "evidence.hta"])
def test_html_behind_png_magic_is_refused_whatever_its_name(site: Flask, client: FlaskClient, name: str) -> None:
    posted = _post(client, PNG + HTML, name)
    assert posted.response.status_code == 400
    assert f"{name}: only PDF, JPG, PNG and OFD files" in posted.html or "仅接受" in posted.html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0


@pytest.mark.parametrize("name", ["evidence.html", "evidence.hta"])
@pytest.mark.usefixtures("staff")
def test_a_png_named_hta_or_html_is_stored_and_downloaded_as_png(site: Flask, client: FlaskClient, name: str) -> None:
    posted = _post(client, PNG, name)
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    row = db.session.scalars(sa.select(Attachment).where(Attachment.submission_id == s.id)).one()
    assert row.mime == "image/png"
    assert row.stored_name.endswith(".png")
    assert row.original_name == name  # kept as a label only
    assert [p.name for p in Path(site.config["UPLOAD_DIR"]).iterdir()] == [row.stored_name]

    admin = staff_client(site, Role.ADMIN)
    response = admin.get(f"/review/{s.id}/attachments/{row.id}")
    assert response.status_code == 200
    assert response.data == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=attachment-{row.id}.png"
    assert ".ht" not in disposition
    response.close()


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # RIGHT-TO-LEFT OVERRIDE shows it as "invoiceexe.jpg"
        ("report.pdf\u202e\u2066fdp.exe", "report.pdffdp.exe"),
        ("a\u202a\u202b\u202c\u202d\u202eb.pdf", "ab.pdf"),
        ("a\u2066\u2067\u2068\u2069b.pdf", "ab.pdf"),
        ("a\u200e\u200fb.pdf", "ab.pdf"),
        ("zero\u200bwidth\ufeff.pdf", "zerowidth.pdf"),  # other format characters
        ("tab\tnew\nline\x7f\x85.pdf", "tabnewline.pdf"),  # C0 and C1 controls
        ("line\u2028sep\u2029.pdf", "linesep.pdf"),
        ("dir/sub\\file.pdf", "file.pdf"),
        ('a<b>c:"d|e?f*.pdf', "abcdef.pdf"),
        ("申请书（盖章）.pdf", "申请书（盖章）.pdf"),  # Chinese names are kept as they are
        ("\u202e", "attachment"),
    ],
)
def test_labels_drop_bidi_control_format_and_separator_characters(name: str, label: str) -> None:
    assert uploads.display_name(name) == label


def test_labels_are_capped() -> None:
    label = uploads.display_name("证" * 400 + ".pdf")
    assert len(label) == uploads.LABEL_MAX_CHARS
    assert label == "证" * uploads.LABEL_MAX_CHARS


@pytest.mark.usefixtures("staff")
def test_a_bidi_override_name_is_stored_as_a_clean_label(site: Flask, client: FlaskClient) -> None:
    posted = _post(client, PNG, "scan.pdf\u202egnp.exe")
    assert posted.response.status_code == 200, posted.html[:2000]
    row = db.session.scalars(sa.select(Attachment)).one()
    assert row.original_name == "scan.pdfgnp.exe"
    assert row.stored_name.endswith(".png")
    detail = staff_client(site, Role.ADMIN).get(f"/review/{row.submission_id}").get_data(as_text=True)
    assert "\u202e" not in detail
    assert "scan.pdfgnp.exe" in detail


def test_download_names_come_from_the_detected_type() -> None:
    assert uploads.download_name(uploads.PNG, "attachment-7") == "attachment-7.png"
    assert uploads.download_name(uploads.PDF, "licence-3") == "licence-3.pdf"
    assert uploads.download_name(uploads.OFD, "x") == "x.ofd"
