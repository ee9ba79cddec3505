"""How a penalty template is written: department, 违法行为类型, facts, 处罚依据 and the punishments.

A template applies to subjects whose group (ENT 企业, IND 个体工商户, COOP 合作社, INST 事业单位, SOC 社会组织,
PER 自然人, ORG any organisation, MINOR minors) or sector tag (see common.INDUSTRIES / SHOPS) is in `tags`.
Facts use {placeholders}: portal/demo/text_fill.py generates dates, places and numbers; other words come
from fill.FILL. The templates are in penalty_market.py, penalty_trades.py and penalty_other.py.
`fine` is (low, high) in 万元, or ("x", placeholder, low, high) for a multiple of a generated 万元 amount.
"""

from __future__ import annotations

from typing import Any


def template(dept: str, kind: str, tags: str, facts: str, basis: str, fine: tuple[Any, ...] | None,
       normal: tuple[str, ...], serious: tuple[str, ...] = (), *, light: tuple[str, ...] = (), w: int = 2,
       **extra: str) -> dict[str, Any]:
    return {"dept": dept, "kind": kind, "tags": tags.split(), "facts": facts, "basis": basis, "fine": fine,
            "normal": normal, "serious": serious, "light": light, "w": w, **extra}
