"""The export for the upstream platform (data-standard §16): command and staff page, cursor, manifest, audit."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

from portal import clock, kinds
from portal.clock import CHINA_TZ
from portal.domain.roles import Role
from portal.entry.rows import Submitter, apply_items
from portal.extensions import db
from portal.models import AuditEntry, Penalty, UpstreamExport
from portal.upstream.export import stamp
from tests.conftest import TODAY, AuthActions, csrf_of
from tests.entry.helpers import MARKET, OTHER_DEPARTMENT, penalty

PERSON_ID = "430202199001014565"  # the example's 法定代表人证件号码


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import rules on TODAY; the cursor runs on the real clock, as records' updated_at does (a column default)."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)


def _push(*rows: dict[str, object], now: datetime) -> None:
    items: list[object] = list(rows)
    outcome = apply_items(db.session, kinds.spec("penalty"), items, today=TODAY, now=now,
                          submitter=Submitter("clerk@example.gov.cn", None, None, "entry"),
                          publish_minor_penalties=False)  # fmt: skip
    assert all(i.status != "rejected" for i in outcome.items), outcome.items


def _run(runner: FlaskCliRunner, out: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(args=["export-upstream", "--kind", "penalty", "--out", str(out), *args])


def _rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(text)))


def test_the_command_exports_changed_rows_since_the_last_export(app: Flask, runner: FlaskCliRunner, tmp_path: Path,
                                                                moment: None) -> None:  # fmt: skip
    out = tmp_path / "out"
    _push(penalty(), now=clock.now())
    first = _run(runner, out)
    assert first.exit_code == 0, repr(first.exception)
    assert "rows=1" in first.output
    (csv_file,) = sorted(out.glob("penalty-*.csv"))
    rows = _rows(csv_file)
    assert rows[0] == list(kinds.spec("penalty").import_format.columns)
    assert rows[1][rows[0].index("法定代表人证件号码")] == PERSON_ID  # full, for the platform only
    assert rows[1][rows[0].index("处罚决定日期")] == "2026-03-10"
    manifest = list(csv.reader(io.StringIO((out / "manifest.csv").read_text(encoding="utf-8"))))
    assert manifest[0] == ["kind", "rows", "from", "to", "sha256"]
    assert manifest[1][:3] == ["penalty", "1", ""]
    assert manifest[1][4] == hashlib.sha256(csv_file.read_bytes()).hexdigest()
    # Nothing changed since: the next export is empty; a change after it is exported alone.
    assert "rows=0" in _run(runner, out).output
    _push(penalty(行政处罚决定书文号="株市监罚〔2026〕16号"), now=clock.now())
    _push(penalty(备注="补充"), now=clock.now())
    third = _run(runner, out)
    assert "rows=2" in third.output
    assert len(list(csv.reader(io.StringIO((out / "manifest.csv").read_text(encoding="utf-8"))))) == 4
    assert "rows=2" in _run(runner, out, "--since", "all").output  # two records, one of them in version 2
    today = clock.now().astimezone(CHINA_TZ).date()
    assert "rows=2" in _run(runner, out, "--since", today.isoformat()).output
    assert "rows=0" in _run(runner, out, "--since", (today + timedelta(days=1)).isoformat()).output
    audits = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "upstream_export")).all()
    assert len(audits) == 6
    assert audits[0].actor == "cli"
    assert "records=1" in audits[0].reason
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UpstreamExport)) == 6


def test_withdrawn_records_are_left_out(app: Flask, runner: FlaskCliRunner, tmp_path: Path,
                                        moment: None) -> None:  # fmt: skip
    from portal.entry import services

    _push(penalty(), penalty(行政处罚决定书文号="株市监罚〔2026〕16号"), now=clock.now())
    record = db.session.scalars(sa.select(Penalty)).first()
    services.withdraw(db.session, kinds.spec("penalty"), record, actor="a", actor_id=None, reason="错", now=clock.now())
    assert "rows=1" in _run(runner, tmp_path, "--since", "all").output


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "1900-01-01", "2026-1-1", "'; drop table x"])
def test_a_bad_since_is_refused(app: Flask, runner: FlaskCliRunner, tmp_path: Path, since: str) -> None:
    result = _run(runner, tmp_path, "--since", since)
    assert result.exit_code == 2
    assert "--since 须为 last、all 或日期" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UpstreamExport)) == 0


def test_an_unknown_kind_and_an_unwritable_folder(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
    assert runner.invoke(args=["export-upstream", "--kind", "nonsense", "--out", str(tmp_path)]).exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run(runner, blocker / "sub")
    assert result.exit_code == 2
    assert "无法写入导出目录" in result.output


def test_the_staff_page_exports_and_serves_the_file_to_exporting_roles_only(app: Flask, auth: AuthActions,
                                                                            moment: None) -> None:  # fmt: skip
    app.config["UPSTREAM_DIR"] = str(Path(app.instance_path) / "upstream")
    _push(penalty(), now=clock.now())
    admin = auth.admin()
    token = csrf_of(admin, "/review/upstream")
    bad = admin.post("/review/upstream", data={"csrf_token": token, "kind": "penalty", "since": "yesterday"})
    assert bad.status_code == 400
    assert "2026-11-01" in bad.get_data(as_text=True)
    assert admin.post("/review/upstream", data={"csrf_token": token, "kind": "nonsense"}).status_code == 400
    done = admin.post("/review/upstream", data={"csrf_token": token, "kind": "penalty", "since": "last"})
    assert done.status_code == 302
    export = db.session.scalars(sa.select(UpstreamExport)).one()
    with admin.get(f"/review/upstream/{export.id}.csv") as file:
        assert file.status_code == 200
        assert PERSON_ID in file.get_data(as_text=True)
    manifest = admin.get(f"/review/upstream/{export.id}/manifest.csv").get_data(as_text=True)
    assert f"penalty,1,,{stamp(export.until)},{export.sha256}" in manifest
    assert admin.get("/review/upstream/999.csv").status_code == 404
    with auth.reviewer().get(f"/review/upstream/{export.id}.csv") as file:
        assert file.status_code == 200
    for client in (auth.staff(Role.INTAKE), auth.staff(Role.VERIFIER, department_uscc=MARKET),
                   auth.department(MARKET), auth.department(OTHER_DEPARTMENT), auth.enterprise()):  # fmt: skip
        for url in (
            "/review/upstream",
            f"/review/upstream/{export.id}.csv",
            f"/review/upstream/{export.id}/manifest.csv",
        ):
            assert client.get(url).status_code == 403, url
    anonymous = auth.citizen().get(f"/review/upstream/{export.id}.csv")
    assert anonymous.status_code == 302
    assert "/accounts/login" in anonymous.headers["Location"]
    downloads = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "upstream_download")).all()
    assert len(downloads) == 2
