"""Older and common header names of department files (portal/data/header-aliases.csv) and header-name normalisation.

The alias table is data, reviewed by people: a name is mapped only when it is in the table, by its whole name, never by
position, number or similarity (issue 22). docs/import-guide.md lists the same table for the departments' clerks.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.importers.formats import Format

ALIASES_CSV = Path(__file__).resolve().parent.parent / "data" / "header-aliases.csv"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Alias:
    name: str  # as written in the table
    column: str  # the current standard column it stands for
    implied: tuple[str, str] | None  # (column, value) read for a row that fills this column, when absent from the file
    note: str


def canonical(name: object) -> str:
    """A header cell as compared: NFKC (full-width letters, digits and brackets become ASCII), every space removed.

    Column names of the standard contain no spaces, so `行政相对人代码_1 (统一社会信用代码)` and
    `行政相对人代码＿1（统一社会信用代码）` both name 行政相对人代码_1(统一社会信用代码).
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(name)).replace("\ufeff", ""))


@cache
def alias_table() -> tuple[Alias, ...]:
    with ALIASES_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    table = []
    for row in rows:
        implied = None
        if row["推定"]:
            column, _sep, value = row["推定"].partition("=")
            implied = (column, value)
        table.append(Alias(row["别名"], row["标准列名"], implied, row["说明"]))
    return tuple(table)


@cache
def names_for(fmt: Format) -> dict[str, tuple[str, Alias | None]]:
    """canonical header name -> (standard column, the alias used or None), for one format.

    An alias counts for a format only when its standard column is one of the format's, so `统一社会信用代码` is an alias
    in 双公示 files and the exact column name in list files.
    """
    known: dict[str, tuple[str, Alias | None]] = {canonical(c): (c, None) for c in fmt.columns}
    for alias in alias_table():
        key = canonical(alias.name)
        if alias.column in fmt.columns and key not in known:
            known[key] = (alias.column, alias)
    return known
