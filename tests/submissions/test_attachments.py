"""Attachments: type by magic bytes, size and count limits, disguised files, zip bombs, active PDFs, safe storage,
and no orphan file nor lost submission when the process fails between saving files and committing."""

from __future__ import annotations

import gc
import hashlib
import io
import os
import time
import zipfile
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import file_store
from portal.domain.roles import Role
from portal.extensions import db
from portal.models import Attachment, Submission
from portal.submissions import uploads
from tests.submissions.fixtures import (
    EXE,
    JPEG,
    OBJECTION,
    PDF,
    PNG,
    SERIOUS_NO,
    build_pdf,
    file,
    fill,
    penalty_id,
    staff_client,
    stream,
    submission,
)

UNKNOWN_TYPE = "仅接受PDF、JPG、PNG和OFD格式的文件（按文件内容识别）。"
ACTIVE_CONTENT = "该PDF文件含有脚本、启动操作或嵌入文件。"


def _ofd(*, with_root: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if with_root:
            archive.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        archive.writestr("Doc_0/Document.xml", "<Document/>")
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", "<OFD/>")
        archive.writestr("Doc_0/bomb.xml", b"\0" * (300 * 1024 * 1024 // 10))  # 30 MB of zeros in ~30 KB
    return buffer.getvalue()


def _pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\n%%EOF\n"


def _deflated_js_pdf() -> bytes:
    """A well-formed PDF (with an xref table) whose JavaScript is only inside a Flate stream."""
    return build_pdf(stream(zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>"), b"/FlateDecode"))


def _post(client: FlaskClient, *files: tuple[io.BytesIO, str]):  # type: ignore[no-untyped-def]
    url = f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}"
    return fill(client, url, {**OBJECTION, "attachments": list(files)})


def _stored(app: Flask) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"])
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    ("data", "name", "mime"),
    [
        (PDF, "申请书.pdf", "application/pdf"),
        (JPEG, "身份证明.JPG", "image/jpeg"),
        (PNG, "scan.png", "image/png"),
        (_ofd(), "电子发票.ofd", "application/ofd"),
        (PNG, "really-a-png.pdf", "image/png"),  # the content decides, not the name
    ],
)
def test_pdf_jpg_png_and_ofd_are_accepted_by_content(
    site: Flask, client: FlaskClient, data: bytes, name: str, mime: str
) -> None:
    posted = _post(client, file(data, name))
    assert posted.response.status_code == 200, posted.html[:3000]
    s = submission(posted.tracking_no)
    row = db.session.scalar(sa.select(Attachment).where(Attachment.submission_id == s.id))
    assert row is not None
    assert (row.original_name, row.mime, row.size) == (name, mime, len(data))
    stored = _stored(site)
    assert [p.name for p in stored] == [row.stored_name]
    assert stored[0].read_bytes() == data
    assert name not in row.stored_name
    assert len(row.stored_name.split(".")[0]) == 32


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (EXE, "invoice.pdf", UNKNOWN_TYPE),
        (b"MZ" + PDF, "evil.pdf", UNKNOWN_TYPE),
        (b"<html><script>alert(1)</script></html>", "page.png", UNKNOWN_TYPE),
        (_ofd(with_root=False), "plain.ofd", UNKNOWN_TYPE),
        (b"PK\x03\x04 not really a zip", "broken.ofd", UNKNOWN_TYPE),
        (_zip_bomb(), "bomb.ofd", "文件解压后体积异常。"),
        (_pdf_with(b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"), "js.pdf", ACTIVE_CONTENT),
        (_pdf_with(b"<< /S /J#61vaScript /J#53 (x) >>"), "escaped.pdf", ACTIVE_CONTENT),
        (_pdf_with(b"<< /S /Launch /F (cmd.exe) >>"), "launch.pdf", ACTIVE_CONTENT),
        (_pdf_with(b"<< /EmbeddedFiles << >> >>"), "embedded.pdf", ACTIVE_CONTENT),
        (_deflated_js_pdf(), "hidden.pdf", ACTIVE_CONTENT),
        (b"", "empty.pdf", "文件为空。"),
    ],
)
def test_disguised_dangerous_or_broken_files_are_refused(
    site: Flask, client: FlaskClient, data: bytes, name: str, message: str
) -> None:
    posted = _post(client, file(data, name))
    assert posted.response.status_code == 400
    assert 'id="attachments-error"' in posted.html
    assert f"{name}：{message}" in posted.html  # zh_CN: the default locale
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 0
    assert _stored(site) == []


def test_refusal_messages_name_the_file_and_the_reason_in_english(site: Flask, client: FlaskClient) -> None:
    headers = {"Accept-Language": "en"}
    url = f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}"
    posted = fill(client, url, {**OBJECTION, "attachments": [file(EXE, "invoice.pdf")]}, headers=headers)
    assert posted.response.status_code == 400
    assert "invoice.pdf: only PDF, JPG, PNG and OFD files are accepted (checked by content)." in posted.html


@pytest.fixture
def _big_bodies() -> object:
    """Werkzeug's test client spools bodies over 500 KB to a temporary file it never closes; collect it here."""
    yield
    gc.collect()


@pytest.mark.usefixtures("_big_bodies")
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # the test client's own spooled body, see _big_bodies
def test_a_file_over_10_mb_is_refused(site: Flask, client: FlaskClient) -> None:
    big = PDF + b"0" * (uploads.MAX_FILE_BYTES + 1 - len(PDF))
    posted = _post(client, file(big, "big.pdf"))
    assert posted.response.status_code == 400
    assert 'id="attachments-error"' in posted.html
    assert "big.pdf：文件超过10 MB。" in posted.html
    assert _stored(site) == []


@pytest.mark.usefixtures("_big_bodies")
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # the test client's own spooled body, see _big_bodies
@pytest.mark.usefixtures("staff")
def test_exactly_10_mb_is_accepted(site: Flask, client: FlaskClient) -> None:
    data = PDF + b"0" * (uploads.MAX_FILE_BYTES - len(PDF))
    posted = _post(client, file(data, "limit.pdf"))
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    row = db.session.scalar(sa.select(Attachment).where(Attachment.submission_id == s.id))
    assert row is not None
    assert (row.original_name, row.mime, row.size) == ("limit.pdf", "application/pdf", 10 * 1024 * 1024)
    assert row.sha256 == hashlib.sha256(data).hexdigest()
    (stored,) = _stored(site)
    assert stored.name == row.stored_name
    assert stored.read_bytes() == data  # stored whole, not cut at the limit
    detail = staff_client(site, Role.INTAKE).get(f"/review/{s.id}").get_data(as_text=True)
    assert f'/review/{s.id}/attachments/{row.id}">limit.pdf</a> (application/pdf, 10.5 MB)' in detail


def test_more_than_five_files_are_refused_and_five_are_accepted(site: Flask, client: FlaskClient) -> None:
    six = [file(PDF + bytes([i]), f"f{i}.pdf") for i in range(6)]
    assert _post(client, *six).response.status_code == 400
    five = [file(PDF + bytes([i]), f"f{i}.pdf") for i in range(5)]
    posted = _post(client, *five)
    assert posted.response.status_code == 200
    assert len(_stored(site)) == 5


def test_the_same_file_twice_is_refused(site: Flask, client: FlaskClient) -> None:
    posted = _post(client, file(PDF, "a.pdf"), file(PDF, "b.pdf"))
    assert posted.response.status_code == 400
    assert 'id="attachments-error"' in posted.html


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "windowssystem32evil.pdf"),  # the client drops the "\\"
        ("/var/abs.pdf", "abs.pdf"),
        ("..", "attachment"),
        (".htaccess.pdf", "htaccess.pdf"),
        ("<script>x</script>.pdf", "script.pdf"),
        ("name\x00.exe.pdf", "name.exe.pdf"),
    ],
)
def test_path_traversal_in_file_names_never_reaches_the_disk(
    site: Flask, client: FlaskClient, tmp_path: Path, name: str, shown: str
) -> None:
    posted = _post(client, file(PDF, name))
    assert posted.response.status_code == 200, posted.html[:2000]
    row = db.session.scalar(sa.select(Attachment))
    assert row is not None
    assert row.original_name == shown
    stored = _stored(site)
    assert len(stored) == 1
    assert stored[0].parent == Path(site.config["UPLOAD_DIR"])
    assert not (tmp_path / "etc").exists()


def test_files_are_stored_outside_the_static_folder_and_never_served_publicly(site: Flask, client: FlaskClient) -> None:
    posted = _post(client, file(PDF, "a.pdf"))
    stored = _stored(site)[0]
    assert not str(stored).startswith(str(site.static_folder))
    assert client.get(f"/static/{stored.name}").status_code == 404
    assert client.get(f"/uploads/{stored.name}").status_code == 404
    assert posted.response.status_code == 200


def test_a_failed_commit_leaves_no_file_and_no_submission(
    site: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash() -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", crash)
    response = _post(client, file(PDF, "a.pdf"), file(PNG, "b.png")).response
    monkeypatch.undo()
    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True)
    assert _stored(site) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 0


def test_a_crash_after_the_commit_loses_nothing_and_the_sweeper_finishes_the_files(
    site: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(staged: object) -> None:
        raise OSError("killed before rename")

    monkeypatch.setattr(file_store.DirectoryStore, "finalize", lambda _self, staged: crash(staged))
    posted = _post(client, file(PDF, "a.pdf"), file(PNG, "b.png"))
    monkeypatch.undo()
    assert posted.response.status_code == 200  # committed: the applicant still gets the receipt
    rows = list(db.session.scalars(sa.select(Attachment).order_by(Attachment.id)))
    assert len(rows) == 2
    folder = Path(site.config["UPLOAD_DIR"])
    assert sorted(p.name for p in folder.iterdir()) == sorted(r.stored_name + ".part" for r in rows)
    # An abandoned .part without a row (a crash before the commit) is removed; committed ones are completed.
    orphan = folder / "0123456789abcdef0123456789abcdef.pdf.part"
    orphan.write_bytes(PDF)
    old = time.time() - 2 * file_store.STALE_SECONDS
    for path in folder.iterdir():
        os.utime(path, (old, old))
    result = file_store.sweep(folder, [r.stored_name for r in rows])
    assert (result.completed, result.removed) == (2, 1)
    assert sorted(p.name for p in folder.iterdir()) == sorted(r.stored_name for r in rows)


def test_the_sweeper_leaves_recent_part_files_alone(tmp_path: Path) -> None:
    (tmp_path / "abc.pdf.part").write_bytes(PDF)
    assert file_store.sweep(tmp_path, []) == file_store.SweepResult(0, 0)
    assert (tmp_path / "abc.pdf.part").exists()


def test_a_download_completes_an_interrupted_rename(tmp_path: Path) -> None:
    (tmp_path / "abc.pdf.part").write_bytes(PDF)
    assert file_store.stored_path(tmp_path, "abc.pdf") == tmp_path / "abc.pdf"
    assert (tmp_path / "abc.pdf").read_bytes() == PDF
    assert file_store.stored_path(tmp_path, "../abc.pdf") is None
    assert file_store.stored_path(tmp_path, "missing.pdf") is None


def test_the_sweep_command_reports_what_it_did(site: Flask) -> None:
    folder = Path(site.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "0123456789abcdef0123456789abcdef.pdf.part"
    stale.write_bytes(PDF)
    old = time.time() - 2 * file_store.STALE_SECONDS
    os.utime(stale, (old, old))
    result = site.test_cli_runner().invoke(args=["sweep-uploads"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "completed=0 removed=1"
    assert not stale.exists()
