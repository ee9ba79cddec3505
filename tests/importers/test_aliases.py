"""Older and common header names (portal/data/header-aliases.csv): one test per alias, matched by name only."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal import kinds
from portal.extensions import db
from portal.importers.aliases import Alias, alias_table, canonical
from portal.importers.cells import RowReader
from portal.importers.headers import recognise
from portal.importers.readers import open_table
from portal.importers.run import ImportFileError, import_file
from portal.models import Subject
from tests.conftest import TODAY
from tests.importers.helpers import example_rows

KINDS = ("penalty", "permit", "list")
# values for columns that are blank in every data-standard §9 example row, so that each alias carries a value
FILL = {
    "行政相对人代码_2(工商注册号)": "430200000012345",
    "行政相对人代码_3(组织机构代码)": "MA4L0A1B-7",
    "行政相对人代码_4(税务登记号)": "430200MA4L0A1B7",
}


def kind_of(alias: Alias) -> str:
    return next(k for k in KINDS if alias.column in kinds.spec(k).import_format.columns)


def write(path: Path, header: list[str], columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows([[row[c] for c in columns] for row in rows])
    return path


def parse(path: Path, kind: str) -> tuple[list[str], list[object]]:
    spec = kinds.spec(kind)
    table = open_table(path)
    try:
        header = recognise(spec.import_format, table)
        parsed = []
        for line_no, cells in header.rows:
            reader = RowReader(header.map, cells, line_no, TODAY)
            row = spec.parse_row(reader)
            assert row is not None, reader.reasons
            parsed.append((row.key, row.values, row.subject.values(), sorted(set(row.warnings + reader.warnings))))
    finally:
        table.close()
    return header.warnings, parsed


@pytest.mark.parametrize("alias", alias_table(), ids=lambda a: a.name)
def test_an_alias_reads_exactly_like_its_standard_column(tmp_path: Path, alias: Alias) -> None:
    kind = kind_of(alias)
    columns = list(kinds.spec(kind).import_format.columns)
    rows = example_rows(kind)
    if not any(row[alias.column] for row in rows):
        rows[0][alias.column] = FILL[alias.column]
    standard = write(tmp_path / "standard.csv", columns, columns, rows)
    kept = [c for c in columns if alias.implied is None or c != alias.implied[0]]  # implied: column left out
    header = [alias.name if c == alias.column else c for c in kept]
    aliased = write(tmp_path / "aliased.csv", header, kept, rows)
    want_warnings, want = parse(standard, kind)
    got_warnings, got = parse(aliased, kind)
    assert got == want
    assert any(f"{alias.name}→{alias.column}" in w for w in got_warnings)
    assert not any(f"{alias.name}→" in w for w in want_warnings)


def test_the_alias_table_is_unambiguous_and_names_only_real_columns() -> None:
    every_column = {c for k in KINDS for c in kinds.spec(k).import_format.columns}
    names = [canonical(a.name) for a in alias_table()]
    assert len(names) == len(set(names))
    for alias in alias_table():
        assert alias.column in every_column
        assert canonical(alias.name) != canonical(alias.column)
        # an alias never shadows a standard name of a format it applies to
        for kind in KINDS:
            fmt = kinds.spec(kind).import_format
            if alias.column in fmt.columns:
                assert canonical(alias.name) not in {canonical(c) for c in fmt.columns}
        if alias.implied:
            assert alias.implied[0] in every_column


@pytest.mark.usefixtures("app")
def test_the_2016_code_columns_land_by_name_not_by_number(tmp_path: Path) -> None:
    """2016 numbering: 代码_2 was the 组织机构代码 and 代码_3 the 工商登记码; today it is the other way round."""
    columns = list(kinds.spec("penalty").import_format.columns)
    rename = {
        "行政相对人代码_2(工商注册号)": "行政相对人代码_3(工商登记码)",
        "行政相对人代码_3(组织机构代码)": "行政相对人代码_2(组织机构代码)",
    }
    rows = example_rows("penalty")
    rows[0].update({"行政相对人代码_2(工商注册号)": "430200000012345", "行政相对人代码_3(组织机构代码)": "MA4L0A1B-7"})
    path = write(tmp_path / "old.csv", [rename.get(c, c) for c in columns], columns, rows)
    result = import_file(db.session, path, "penalty", today=TODAY)
    assert result.imported == 3
    reg_no, org_code = db.session.execute(
        sa.select(Subject.reg_no, Subject.org_code).where(Subject.uscc == rows[0]["行政相对人代码_1(统一社会信用代码)"])
    ).one()
    assert (reg_no, org_code) == ("430200000012345", "MA4L0A1B-7")


@pytest.mark.usefixtures("app")
def test_an_alias_and_its_standard_column_together_are_a_duplicate(tmp_path: Path) -> None:
    columns = list(kinds.spec("permit").import_format.columns)
    path = write(tmp_path / "dup.csv", [*columns, "许可截止期"], columns, [])
    with pytest.raises(ImportFileError, match="表头列重复：有效期至（有效期至、许可截止期）"):
        import_file(db.session, path, "permit", today=TODAY)


def test_the_import_guide_lists_every_alias() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "import-guide.md").read_text(encoding="utf-8")
    for alias in alias_table():
        assert f"| {alias.name} | {alias.column} |" in guide
