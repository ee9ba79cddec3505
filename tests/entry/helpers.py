"""Rows for entry and push tests: the data-standard §9 examples, with a fresh 文号 where a test needs one."""

from __future__ import annotations

from typing import Any

from portal import kinds
from portal.importers.templates import example_row

MARKET = "11430200006123458Y"  # 株洲市市场监督管理局, the examples' 数据来源单位
OTHER_DEPARTMENT = "11430200006123490A"  # 株洲市城市管理和综合执法局


def penalty(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict(example_row("penalty") or {})
    row.update(changes)
    return row


def example(kind: str) -> dict[str, Any] | None:
    return dict(example_row(kind) or {}) or None


def kinds_with_examples() -> list[str]:
    return [spec.kind.value for spec in kinds.specs() if example_row(spec.kind.value)]
