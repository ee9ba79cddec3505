"""Builders of import files for the importer tests, starting from the data-standard §9 examples."""

from __future__ import annotations

import csv
from pathlib import Path

from portal import kinds
from tests.conftest import DATA


def example_rows(kind: str) -> list[dict[str, str]]:
    with (DATA / f"standard-{kind}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(
    path: Path,
    kind: str,
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> Path:
    columns = header or list(kinds.spec(kind).import_format.columns)
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return path


def read_rejects(path: Path) -> list[dict[str, str]]:
    with Path(str(path) + ".rejects.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
