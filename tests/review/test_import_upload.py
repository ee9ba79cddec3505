"""The staff upload page (/review/import, issue 22): reviewers check a department's file (dry run, first rejects in
a table), administrators import it (audited), and the uploaded file never stays on the server."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.importers.formats import PENALTY_FORMAT
from portal.models import AuditEntry, Penalty
from tests.conftest import AuthActions, csrf_of

DATA = Path(__file__).resolve().parents[1] / "data"


def _penalty_file(*, break_second_row: bool = False) -> bytes:
    """The standard example file with new 文号 (so its rows are new here), optionally with a row that must be
    rejected: the second record has no 行政相对人名称, a mandatory column (data-standard §4)."""
    text = (DATA / "standard-penalty.csv").read_text(encoding="utf-8-sig").replace("〔2026〕", "〔2025〕")
    if break_second_row:
        lines = text.splitlines()
        cells = lines[2].split(",")
        cells[0] = ""
        lines[2] = ",".join(cells)
        text = "\n".join(lines) + "\n"
    return text.encode("utf-8")


def _send(client: FlaskClient, data: bytes | None, *, kind: str = "penalty", dry_run: bool | None = None):  # type: ignore[no-untyped-def]
    form: dict[str, object] = {"csrf_token": csrf_of(client, "/review/import"), "kind": kind}
    if data is not None:
        form["upload"] = (io.BytesIO(data), "处罚 2026.csv")
    if dry_run:
        form["dry_run"] = "y"
    return client.post("/review/import", data=form, content_type="multipart/form-data")


def _penalties() -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) or 0)


def _leftovers(app: Flask) -> list[Path]:
    return list(Path(app.instance_path).glob("import-*"))


def test_a_reviewer_checks_a_file_and_sees_its_first_rejects_without_saving_anything(
    app: Flask, auth: AuthActions
) -> None:
    before = _penalties()
    reviewer = auth.reviewer()
    page = reviewer.get("/review/import").get_data(as_text=True)
    assert "导入由管理员执行" in page
    assert 'name="dry_run"' not in page
    response = _send(reviewer, _penalty_file(break_second_row=True))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "试运行" in html
    assert "<td>3</td>" in html  # the broken row, by its line number in the file
    assert "行政相对人名称" in html  # the standard's reason names the column
    assert _penalties() == before
    assert _leftovers(app) == []


def test_a_reviewer_cannot_import_even_without_the_dry_run_box(app: Flask, auth: AuthActions) -> None:
    before = _penalties()
    response = _send(auth.reviewer(), _penalty_file(), dry_run=False)
    assert response.status_code == 200
    assert "试运行" in response.get_data(as_text=True)
    assert _penalties() == before
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "import")) is None


def test_an_admin_imports_the_file_and_the_import_is_audited(app: Flask, auth: AuthActions) -> None:
    admin, before = auth.admin(), _penalties()
    checked = _send(admin, _penalty_file(), dry_run=True).get_data(as_text=True)
    assert "新增 3 条" in checked
    assert _penalties() == before  # the admin's dry run saves nothing either
    response = _send(admin, _penalty_file(), dry_run=False)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已导入" in html
    assert _penalties() == before + 3
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "import"))
    assert entry is not None
    assert entry.target.startswith("penalty:batch:")
    assert entry.reason == "imported=3 updated=0 rejected=0"
    assert _leftovers(app) == []


def test_an_unreadable_or_missing_file_gets_a_clear_answer_and_changes_nothing(app: Flask, auth: AuthActions) -> None:
    admin, before = auth.admin(), _penalties()
    empty = _send(admin, b"", dry_run=False)
    assert empty.status_code == 400
    assert "文件为空" in empty.get_data(as_text=True)
    missing = _send(admin, None, dry_run=False)
    assert missing.status_code == 400
    assert "请选择要检查的文件" in missing.get_data(as_text=True)
    wrong_kind = _send(admin, _penalty_file(), kind="permit", dry_run=False)
    assert wrong_kind.status_code == 400
    assert "表头" in wrong_kind.get_data(as_text=True)
    assert _penalties() == before
    assert _leftovers(app) == []


def test_only_reviewers_and_admins_reach_the_page(app: Flask, auth: AuthActions) -> None:
    intake = auth.staff(Role.INTAKE)
    assert intake.get("/review/import").status_code == 403
    anonymous = app.test_client()
    assert anonymous.get("/review/import").status_code == 302



def test_an_xlsx_file_is_checked_and_imported_like_a_csv(app: Flask, auth: AuthActions, tmp_path: Path) -> None:
    """The upload is stored under a fixed name without a suffix; the XLSX reader must not need one."""
    from tests.importers.test_xlsx import write_xlsx

    rows = list(csv.DictReader(io.StringIO(_penalty_file().decode("utf-8"))))
    book = write_xlsx(tmp_path / "处罚.xlsx", [[row[c] for c in PENALTY_FORMAT.columns] for row in rows])
    admin, before = auth.admin(), _penalties()
    form = {"csrf_token": csrf_of(admin, "/review/import"), "kind": "penalty",
            "upload": (io.BytesIO(book.read_bytes()), "处罚 2026.xlsx")}  # fmt: skip
    html = admin.post("/review/import", data=form, content_type="multipart/form-data").get_data(as_text=True)
    assert "已导入" in html
    assert _penalties() == before + 3
    assert _leftovers(app) == []
