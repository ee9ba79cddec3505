"""Rules of records that arrive without a file (data-standard §15): staff entry and department push.

Pure: who may enter for which department, how a JSON value becomes a cell, and which form field a reason is about.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from portal.domain.roles import Role

# 信用办 staff enter for any department; a department user only for its own (its account's department_uscc).
ENTRY_ROLES = frozenset({Role.INTAKE, Role.ADMIN, Role.DEPARTMENT})
ANY_DEPARTMENT_ROLES = frozenset({Role.INTAKE, Role.ADMIN})
# The §16 export carries full ID numbers to the upstream platform: the roles that may run a staff export.
UPSTREAM_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
MAX_PUSH_ITEMS = 1000
MAX_KEY_SHOWN = 64
SOURCE_USCC_COLUMN = "数据来源单位统一社会信用代码"
SOURCE_NAME_COLUMN = "数据来源单位"

WRONG_DEPARTMENT = "数据来源单位统一社会信用代码与所属部门不一致：只能报送本部门的数据"
NOT_AN_OBJECT = "数据项须为JSON对象"
EMPTY_ITEM = "数据项为空"


def json_cell(value: object) -> tuple[str | None, bool]:
    """A JSON value read as a cell: (text or None, ok). Text as given, numbers as their decimal text; ok is False
    for booleans, arrays, objects, NaN and infinities."""
    if value is None:
        return None, True
    if isinstance(value, str):
        return value, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return (str(value), True) if abs(value) < 10**30 else (None, False)
    if isinstance(value, float):
        return (repr(value), True) if math.isfinite(value) else (None, False)
    return None, False


def wrong_type(column: str) -> str:
    return f"字段类型无效：{column}（须为文本、数字或null）"


def unknown_keys_warning(keys: Iterable[str]) -> str | None:
    """One warning naming unknown keys (as a file's unknown columns get one), shortened and made printable."""
    shown = []
    for key in keys:
        shown.append("".join(ch if ch.isprintable() else "?" for ch in key[:MAX_KEY_SHOWN]))
    if not shown:
        return None
    more = f" 等{len(shown)}个" if len(shown) > 5 else ""
    return f"未知字段已忽略：{'、'.join(shown[:5])}{more}"


def reasons_by_column(reasons: Sequence[str], columns: Sequence[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Each reason placed next to the columns it names; reasons naming none stay general.

    The standard's reasons name their column after "：" ("证件号码无效（校验位）：法定代表人证件号码"), so that part is
    searched first; a reason without a column there ("处罚类别取值无效：…", "处罚有效期早于处罚决定日期") is searched
    whole. A column whose name is part of a longer named column ("证件号码" in "法定代表人证件号码") counts only
    where it appears on its own.
    """
    by_column: dict[str, list[str]] = {}
    general: list[str] = []
    longest_first = sorted(columns, key=len, reverse=True)
    for reason in reasons:
        tail = reason.partition("：")[2]
        rest = tail if any(column in tail for column in columns) else reason
        named: list[str] = []
        for column in longest_first:
            if column in rest:
                named.append(column)
                rest = rest.replace(column, "\0")
        for column in named:
            by_column.setdefault(column, []).append(reason)
        if not named:
            general.append(reason)
    return by_column, general
