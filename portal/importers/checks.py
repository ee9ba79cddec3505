"""Per-kind checks of parsed rows that need reference data, named by a kind's spec (`import_check`).

A leaf module (no registry import), so portal/kinds.py can name these functions without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.importers.records import ParsedRow
from portal.models import ListType

RowCheck = Callable[[ParsedRow], None]


def list_catalogue_check(session: Session) -> RowCheck:
    """List names against the catalogue, warn only (data-standard §6); sets list_type_id. The catalogue is read
    once per import, at the first row."""
    list_types: dict[str, tuple[int, str]] | None = None

    def check(row: ParsedRow) -> None:
        nonlocal list_types
        if list_types is None:
            query = sa.select(ListType.name_key, ListType.id, ListType.category)
            list_types = {k: (i, c) for k, i, c in session.execute(query)}
        found = list_types.get(str(row.values["list_key"]))
        if found is None:
            row.warnings.append(f"名单名称不在目录中：{row.values['list_name']}（已保留，待管理员加入目录）")
            row.values["list_type_id"] = None
            return
        row.values["list_type_id"] = found[0]
        if found[1] != row.values["category"]:
            row.warnings.append("名单类别与目录不一致，已按文件导入")

    return check
