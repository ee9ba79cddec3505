"""How a list-entry spec is written: one per 名单名称 of portal/data/list-types.csv.

Each spec: recognising department key (None: any of GENERIC_DEPTS), subject weights (organisations,
个体工商户, natural persons), 列入事由 patterns, 认定文书号 word, validity months (0 = 长期, -1 = blank),
flags: "shared" (one document lists many subjects, e.g. an annual A-level list), "annual" (listed in a
fixed month), "female"; and optional sector tags that listed organisations should have. Unknown list
names (a catalogue edited later) fall back to CATEGORY_DEFAULTS.
"""

from __future__ import annotations

from typing import Any


def list_spec(
    dept: str | None,
    weights: tuple[int, int, int],
    reasons: tuple[str, ...],
    doc: str,
    months: tuple[int, ...] = (36,),
    flags: str = "",
    w: int = 1,
    remark: str = "",
    tags: str = "",
) -> dict[str, Any]:
    return {
        "dept": dept,
        "weights": weights,
        "reasons": reasons,
        "doc": doc,
        "months": months,
        "flags": frozenset(flags.split()),
        "w": w,
        "remark": remark,
        "tags": frozenset(tags.split()),
    }


ORG_ONLY = (1, 0, 0)
PERSON_ONLY = (0, 0, 1)
