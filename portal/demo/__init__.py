"""Deterministic demo data: rows exactly as a department's penalty, permit or list import file holds them.

The rows go through the importer like real files (data-standard.md §4–§6), so they are strings keyed by the
standard's Chinese headers, valid, and now and then "messy but valid" the way real files are (other date
formats, full-width USCCs, thousands separators, 文号 with other brackets). Same (kind, count, seed, as_of)
→ same rows; no global random state and no clock. Word lists live in portal/demo/vocab/.
load.py feeds them through the real importer into a Session (`flask demo-data`).
"""

from portal.demo.generate import DemoPlan, generate_rows, plan_for, write_csv
from portal.demo.headers import HEADERS, LIST_HEADER, PENALTY_HEADER, PERMIT_HEADER
from portal.demo.lists import LIST_TYPES_CSV
from portal.demo.world import MAX_SUBJECTS, department_usccs

__all__ = [
    "HEADERS",
    "LIST_HEADER",
    "LIST_TYPES_CSV",
    "MAX_SUBJECTS",
    "PENALTY_HEADER",
    "PERMIT_HEADER",
    "DemoPlan",
    "department_usccs",
    "generate_rows",
    "plan_for",
    "write_csv",
]
