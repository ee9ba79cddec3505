"""PORTAL_FILE_STORE=database (issue 21): attachments live in the database with their rows, so any app server
serves them; the directory store stays the default."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.config import ConfigError
from portal.domain.roles import Role
from portal.extensions import db
from portal.file_store import DatabaseStore, DirectoryStore, file_store
from portal.models import Attachment, StoredFile, Submission
from tests.conftest import _make_app
from tests.submissions.fixtures import OBJECTION, PDF, PNG, SERIOUS_NO, file, fill, penalty_id, staff_client, submission


def _post(client: FlaskClient, *files: tuple[object, str]):  # type: ignore[no-untyped-def]
    return fill(
        client, f"/objections/new?record=penalty:{penalty_id(SERIOUS_NO)}", {**OBJECTION, "attachments": list(files)}
    )


@pytest.fixture
def in_database(site: Flask) -> Flask:
    site.config["FILE_STORE"] = "database"
    return site


@pytest.mark.usefixtures("staff")
def test_an_attachment_uploaded_on_one_server_is_downloaded_by_staff_on_another(
    in_database: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    posted = _post(client, file(PDF, "申请书.pdf"))
    assert posted.response.status_code == 200, posted.html[:2000]
    s = submission(posted.tracking_no)
    row = db.session.scalar(sa.select(Attachment).where(Attachment.submission_id == s.id))
    assert row is not None
    stored = db.session.get(StoredFile, row.stored_name)
    assert stored is not None
    assert (stored.data, stored.size) == (PDF, len(PDF))
    upload_dir = Path(in_database.config["UPLOAD_DIR"])
    assert not upload_dir.exists() or not any(upload_dir.iterdir())  # nothing on this server's disk
    # a second app server: the same database, its own (empty) upload folder
    other = _make_app(tmp_path / "node-b", in_database.config["SQLALCHEMY_DATABASE_URI"])
    other.config["FILE_STORE"] = "database"
    download = staff_client(other, Role.INTAKE).get(f"/review/{s.id}/attachments/{row.id}")
    assert download.status_code == 200
    assert download.data == PDF
    assert download.headers["Content-Disposition"] == f"attachment; filename=attachment-{row.id}.pdf"
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_failed_commit_leaves_neither_the_file_nor_the_submission(
    in_database: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash() -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", crash)
    response = _post(client, file(PDF, "a.pdf"), file(PNG, "b.png")).response
    monkeypatch.undo()
    assert response.status_code == 500
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 0


def test_a_missing_file_is_a_404_not_an_error(in_database: Flask, client: FlaskClient, staff: dict) -> None:
    posted = _post(client, file(PNG, "scan.png"))
    s = submission(posted.tracking_no)
    row = db.session.scalar(sa.select(Attachment).where(Attachment.submission_id == s.id))
    assert row is not None
    db.session.execute(sa.delete(StoredFile))
    db.session.commit()
    assert staff_client(in_database, Role.INTAKE).get(f"/review/{s.id}/attachments/{row.id}").status_code == 404


def test_the_store_follows_the_setting_and_a_wrong_value_stops_the_app(site: Flask, tmp_path: Path) -> None:
    assert isinstance(file_store(), DirectoryStore)
    site.config["FILE_STORE"] = "database"
    assert isinstance(file_store(), DatabaseStore)
    with pytest.raises(ConfigError, match="PORTAL_FILE_STORE must be one of directory, database"):
        create_app({"ENV_NAME": "test", "FILE_STORE": "s3", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
