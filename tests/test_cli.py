"""The `import` command of CONTRACT.md: one summary line on stdout, exit 2 with a one-line error otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskCliRunner

from portal.extensions import db
from portal.models import ImportBatch, Penalty, RejectedRow, Subject
from tests.conftest import DATA, TODAY

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data-standard examples are dated 2026 and are valid on TODAY."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)


@pytest.fixture
def penalty_file(tmp_path: Path) -> Path:
    # A copy: the import writes FILE.rejects.csv next to the file, never into tests/data.
    return Path(shutil.copy(DATA / "standard-penalty.csv", tmp_path / "penalty.csv"))


def _counts() -> tuple[int, int, int, int]:
    return tuple(  # type: ignore[return-value]
        int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)
        for model in (Penalty, Subject, ImportBatch, RejectedRow)
    )


def _rejects_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".rejects.csv" in p.name)


def test_importing_the_standard_penalty_file_prints_exactly_one_summary_line(
    runner: FlaskCliRunner, penalty_file: Path
) -> None:
    result = runner.invoke(args=["import", str(penalty_file), "--kind", "penalty"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported=3 updated=0 rejected=0\n"
    assert result.stderr == ""  # no warnings for the examples, and no progress-bar label off a terminal
    assert _counts()[0] == 3
    assert _rejects_files(penalty_file.parent) == ["penalty.csv.rejects.csv"]


def test_importing_the_same_file_again_reports_nothing_new(runner: FlaskCliRunner, penalty_file: Path) -> None:
    runner.invoke(args=["import", str(penalty_file), "--kind", "penalty"])
    again = runner.invoke(args=["import", str(penalty_file), "--kind", "penalty", "--source", "市场监管局"])
    assert (again.exit_code, again.stdout) == (0, "imported=0 updated=0 rejected=0\n")
    assert _counts()[0] == 3


def _write_bad_file(folder: Path, case: str) -> Path:
    path = folder / {"missing": "missing.csv", "empty": "empty.csv", "binary": "photo.csv", "header": "other.csv"}[case]
    if case == "empty":
        path.write_bytes(b"")
    elif case == "binary":
        path.write_bytes(PNG)
    elif case == "header":
        path.write_text("姓名,年龄,城市\n张三,30,株洲\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "错误：文件不存在："),
        ("empty", "错误：文件为空"),
        ("binary", "错误：文件无法读取："),
        ("header", "错误：表头无法识别："),
    ],
)
def test_a_file_that_cannot_be_imported_exits_2_with_a_one_line_error_and_imports_nothing(
    runner: FlaskCliRunner, penalty_file: Path, tmp_path: Path, case: str, message: str
) -> None:
    runner.invoke(args=["import", str(penalty_file), "--kind", "penalty"])
    before = _counts()
    (tmp_path / "in").mkdir()
    bad = _write_bad_file(tmp_path / "in", case)
    result = runner.invoke(args=["import", str(bad), "--kind", "penalty"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(message)
    assert "Traceback" not in result.output
    assert _counts() == before
    assert _rejects_files(tmp_path / "in") == []


def test_an_unknown_kind_is_a_usage_error(runner: FlaskCliRunner, penalty_file: Path) -> None:
    result = runner.invoke(args=["import", str(penalty_file), "--kind", "fine"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Invalid value for '--kind'" in result.stderr
    assert "'penalty', 'permit', 'list'" in result.stderr
    assert _counts() == (0, 0, 0, 0)


def test_the_kind_option_is_required(runner: FlaskCliRunner, penalty_file: Path) -> None:
    result = runner.invoke(args=["import", str(penalty_file)])
    assert result.exit_code == 2
    assert "Missing option '--kind'" in result.stderr
    assert _counts() == (0, 0, 0, 0)


def _all_rows() -> dict[str, int]:
    """Row counts of every table: a dry run must leave each one as it was."""
    return {
        table.name: int(db.session.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
        for table in db.metadata.sorted_tables
    }


def test_a_dry_run_checks_everything_writes_the_rejects_file_and_changes_nothing(
    runner: FlaskCliRunner, penalty_file: Path, tmp_path: Path
) -> None:
    runner.invoke(args=["import", str(penalty_file), "--kind", "penalty"])
    before = _all_rows()
    lines = penalty_file.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("株市监罚〔2026〕15号", "株市监罚〔2026〕16号")  # a new record
    lines[2] = lines[2].replace("警告,警告", "警告,警告并责令改正")  # an update of a stored one
    lines[3] = lines[3].replace("20260505", "2026-02-30")  # a rejected row
    changed = tmp_path / "in" / "changed.csv"
    changed.parent.mkdir()
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(changed), "--kind", "penalty", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported=1 updated=1 rejected=1\n"
    assert "试运行：未保存任何数据" in result.stderr
    assert _all_rows() == before
    rejects = (changed.parent / "changed.csv.rejects.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rejects) == 2
    assert rejects[1].startswith("4,日期无效：处罚决定日期=2026-02-30,")
    again = runner.invoke(args=["import", str(changed), "--kind", "penalty"])  # the real import does what it said
    assert again.stdout == "imported=1 updated=1 rejected=1\n"


def test_a_header_with_older_and_unknown_names_exits_2_naming_what_to_change(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    header, *rows = (DATA / "standard-penalty.csv").read_text(encoding="utf-8").splitlines()
    header = header.replace("违法事实", "处罚事由").replace("处罚内容", "处罚后果")  # 处罚事由 is an alias
    path = tmp_path / "old.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--kind", "penalty"])
    assert result.exit_code == 2
    assert result.stderr == "错误：表头缺少必需列：处罚内容；未识别的列：处罚后果（是否为：处罚内容？）\n"
    assert _counts() == (0, 0, 0, 0)
