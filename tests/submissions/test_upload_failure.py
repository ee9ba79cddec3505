"""A failed attachment write (disk full, storage gone): no partial file, nothing stored, and the form comes back
with everything the applicant typed, a clear message and 503 (issue 23)."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import file_store
from portal.extensions import db
from portal.models import Submission
from portal.submissions import uploads
from tests.submissions.fixtures import COMPLAINT, OBJECTION, PDF, SERIOUS_NO, file, fill, penalty_id

DISK_FULL = "附件保存失败（服务器存储空间不足或暂时不可用），您填写的内容已保留"


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data is written, then the disk reports it full (ENOSPC at fsync, as with delayed allocation)."""

    def fsync(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(file_store.os, "fsync", fsync)


def _files(app: Flask) -> list[str]:
    folder = Path(app.config["UPLOAD_DIR"])
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _submissions() -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) or 0)


def test_stage_removes_its_partial_file_when_the_write_fails(tmp_path: Path, full_disk: Any) -> None:
    upload = uploads.inspect(io.BytesIO(PDF), "a.pdf")
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        file_store.DirectoryStore(tmp_path).stage(upload.data, upload.extension)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_gives_the_objection_form_back_with_the_input(
    site: Flask, client: FlaskClient, full_disk: Any
) -> None:
    url = f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}"
    posted = fill(client, url, {**OBJECTION, "attachments": [file(PDF, "申请书.pdf")]},
                  headers={"Accept-Language": "zh-CN"})  # fmt: skip
    assert posted.response.status_code == 503
    html = posted.html
    assert DISK_FULL in html
    for name in ("description", "contact_name", "contact_phone", "contact_email"):
        assert OBJECTION[name] in html, name
    assert 'value="wrong_info" selected' in html or 'selected value="wrong_info"' in html
    assert f'value="{posted.fields["form_token"]}"' in html  # the same form: a retry is not a second submission
    assert _files(site) == []  # no .part file left behind
    assert _submissions() == 0


def test_a_full_disk_keeps_a_complaint_and_the_retry_goes_through(
    site: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, full_disk: Any
) -> None:
    posted = fill(client, "/complaints/new", {**COMPLAINT, "attachments": [file(PDF, "证据.pdf")]})
    assert posted.response.status_code == 503
    assert COMPLAINT["description"] in posted.html
    assert COMPLAINT["subject_name"] in posted.html
    assert _files(site) == []
    monkeypatch.undo()  # space is free again
    again = fill(client, "/complaints/new", {**COMPLAINT, "attachments": [file(PDF, "证据.pdf")]})
    assert again.response.status_code == 200
    assert _submissions() == 1
    assert [n.endswith(".pdf") for n in _files(site)] == [True]
