"""The data-standard §9 examples import as documented, and re-imports are idempotent with history."""

from __future__ import annotations

import json
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.domain.publicity import RecordStatus, Severity
from portal.extensions import db
from portal.importers.run import import_file
from portal.models import Department, ListEntry, Penalty, Permit, RecordHistory, SearchOutbox, Subject
from tests.conftest import DATA, TODAY
from tests.importers.helpers import example_rows, read_rejects, write_csv


def run(path: Path, kind: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    return import_file(db.session, path, kind, today=today)


@pytest.fixture
def penalty_file(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "standard-penalty.csv", tmp_path / "penalty.csv"))


@pytest.mark.usefixtures("app_any_db")
def test_penalty_examples_get_the_documented_severity_and_publicity(penalty_file: Path) -> None:
    result = run(penalty_file, "penalty")
    assert result.summary == "imported=3 updated=0 rejected=0"
    by_no = {p.decision_no: p for p in db.session.scalars(sa.select(Penalty))}
    serious = by_no["株市监罚〔2026〕15号"]
    assert (serious.severity, serious.public_until, serious.status) == (
        Severity.SERIOUS,
        date(2029, 3, 10),
        RecordStatus.PUBLISHED,
    )
    assert serious.fine_amount == Decimal("15")
    assert serious.confiscated_amount == Decimal("0.82")
    minor = by_no["荷市监简罚〔2026〕7号"]
    assert (minor.severity, minor.status, minor.hold_reason) == (Severity.MINOR, RecordStatus.NOT_PUBLIC, "轻微")
    person = by_no["株城管罚〔2026〕3号"]
    assert (person.severity, person.public_until) == (Severity.GENERAL, date(2027, 5, 5))


@pytest.mark.usefixtures("app_any_db")
def test_reimporting_the_same_file_changes_nothing(penalty_file: Path) -> None:
    run(penalty_file, "penalty")
    outbox_before = db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))
    again = run(penalty_file, "penalty")
    assert again.summary == "imported=0 updated=0 rejected=0"
    assert again.unchanged == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) == 3
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == outbox_before


@pytest.mark.usefixtures("app_any_db")
def test_a_corrected_row_updates_the_record_and_keeps_its_history(tmp_path: Path) -> None:
    rows = example_rows("penalty")
    run(write_csv(tmp_path / "v1.csv", "penalty", rows), "penalty")
    rows[2]["罚款金额(万元)"] = "0.2"
    rows[2]["处罚内容"] = "罚款0.2万元"
    rows[2]["行政处罚决定书文号"] = "株城管罚(2026)3号"  # same key after 文号 normalisation
    result = run(write_csv(tmp_path / "v2.csv", "penalty", rows), "penalty")
    assert result.summary == "imported=0 updated=1 rejected=0"
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_key == "株城管罚〔2026〕3号")).one()
    assert (penalty.fine_amount, penalty.version) == (Decimal("0.2"), 2)
    history = db.session.scalars(sa.select(RecordHistory)).one()
    old = json.loads(history.data)
    assert (history.record_id, history.version, old["content"]) == (penalty.id, 1, "罚款0.1万元")


@pytest.mark.usefixtures("app_any_db")
def test_permit_and_list_examples_import_with_their_windows(tmp_path: Path) -> None:
    permits = run(write_csv(tmp_path / "p.csv", "permit", example_rows("permit")), "permit")
    lists = run(write_csv(tmp_path / "l.csv", "list", example_rows("list")), "list")
    assert (permits.summary, lists.summary) == ("imported=3 updated=0 rejected=0",) * 2
    long_term = db.session.scalars(sa.select(Permit).where(Permit.doc_no == "荷市监登〔2026〕311号")).one()
    assert long_term.valid_until == date(2099, 12, 31)
    removed = db.session.scalars(sa.select(ListEntry).where(ListEntry.removed_on.is_not(None))).one()
    assert removed.public_until == date(2026, 8, 31)  # not public from 移出日期 on
    assert removed.list_type_id is not None
    departments = {d.uscc: d.name for d in db.session.scalars(sa.select(Department))}
    assert departments["11430200006123474L"] == "株洲市财政局"


def test_subjects_merge_across_files_by_uscc(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run(write_csv(tmp_path / "p.csv", "penalty", example_rows("penalty")), "penalty")
    run(write_csv(tmp_path / "q.csv", "permit", example_rows("permit")), "permit")
    names = db.session.scalars(sa.select(Subject.name).order_by(Subject.name)).all()
    assert names == sorted(["株洲示例食品有限公司", "荷塘区示例餐饮店", "王小明"])


def test_a_uscc_is_attached_to_a_subject_known_by_an_old_code(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = example_rows("penalty")[:1]
    old_code_only = dict(
        rows[0], **{"行政相对人代码_1(统一社会信用代码)": "", "行政相对人代码_3(组织机构代码)": "MA4L0A1B7"}
    )
    run(write_csv(tmp_path / "a.csv", "penalty", [old_code_only]), "penalty")
    both = dict(
        rows[0], **{"行政相对人代码_3(组织机构代码)": "MA4L0A1B7", "行政处罚决定书文号": "株市监罚〔2026〕99号"}
    )
    result = run(write_csv(tmp_path / "b.csv", "penalty", [both]), "penalty")
    subjects = db.session.scalars(sa.select(Subject)).all()
    assert [(s.uscc, s.org_code) for s in subjects] == [("91430200MA4L0A1B7K", "MA4L0A1B7")]
    assert any("已关联" in w for w in result.warnings)


def test_rejects_file_has_a_header_only_when_nothing_is_rejected(app, penalty_file: Path) -> None:  # type: ignore[no-untyped-def]
    run(penalty_file, "penalty")
    assert read_rejects(penalty_file) == []
    raw = Path(str(penalty_file) + ".rejects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\xe8\xa1\x8c\xe5\x8f\xb7,")  # UTF-8 BOM + 行号
