"""Labels of the 分级分类监管 pages: grades, frequencies, draw and rule-set error codes (through Babel)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.grading import Grade
from portal.domain.sampling import Frequency

GRADE_LABELS = {
    Grade.A: _l("A Good credit"),
    Grade.B: _l("B Fairly good credit"),
    Grade.C: _l("C Average credit"),
    Grade.D: _l("D Poor credit"),
}
FREQUENCY_LABELS = {
    Frequency.UNDER_ONCE_A_YEAR: _l("Less than once a year"),
    Frequency.ONCE_A_YEAR: _l("Once a year"),
    Frequency.UNDER_TWICE_A_YEAR: _l("Less than twice a year"),
    Frequency.TWICE_A_YEAR: _l("Twice a year"),
    Frequency.QUARTERLY: _l("Once a quarter"),
    Frequency.AS_NEEDED: _l("As needed"),
}
WINDOW_LABELS = {"in_force": _l("in force on the day"), "recent": _l("dated within the last months")}
RULE_SET_ERRORS = {
    "json": _l("The rule set is not valid JSON."),
    "shape": _l("The rule set must be an object with a list of rules."),
    "empty": _l("A rule set needs at least one rule."),
    "too_many": _l("A rule set has at most %(max)s rules."),
    "rule_not_object": _l("Rule %(rule)s is not an object."),
    "unknown_field": _l("Rule %(rule)s has an unknown field: %(field)s."),
    "code": _l("Rule %(rule)s needs a code of at most 16 characters."),
    "grade_or_window": _l("Rule %(rule)s needs a grade (A, B, C or D) and a window (in_force or recent)."),
    "kind": _l("Rule %(rule)s names an unknown record kind: %(value)s."),
    "label": _l("Rule %(rule)s needs a label of at most 200 characters."),
    "months": _l("Rule %(rule)s: a recent window needs a whole number of months from 1 to 120."),
    "months_not_allowed": _l("Rule %(rule)s: months are only given for a recent window."),
    "min_count": _l("Rule %(rule)s: the minimum count is a whole number from 1 to 99."),
    "match_not_object": _l("Rule %(rule)s: match must be an object of attribute tests."),
    "attribute": _l("Rule %(rule)s tests an attribute this kind does not have: %(value)s."),
    "attribute_value": _l("Rule %(rule)s: the values of %(value)s are not allowed for this kind."),
    "duplicate_code": _l("Rule %(rule)s repeats the code of an earlier rule."),
}
TREATMENT_ERRORS = {
    "order": _l("A worse grade cannot have a lower inspection ratio than a better one (A ≤ B ≤ C ≤ D)."),
    "ratio": _l("Ratios are percentages from 0 to 100."),
    "min_count": _l("The minimum number is a whole number from 0 to 100,000."),
    "grades": _l("Give a ratio for every grade."),
}
DRAW_ERRORS = {
    "task_required": _l("Name the inspection task."),
    "task_too_long": _l("The task name is limited to 200 characters."),
    "task_exists": _l(
        "Your department already has a draw with this task name. A draw cannot be repeated: name a new task."
    ),
    "empty": _l("The population has no valid USCC."),
    "too_many": _l("A draw takes at most 50,000 subjects."),
    "source": _l("Paste the USCCs or upload a file (only one of them)."),
    "too_large": _l("The file is larger than 2 MB."),
    "unreadable": _l("The population file cannot be read: upload a CSV (UTF-8 or GB18030) or XLSX file."),
    "paste_too_long": _l("The pasted text is too long: upload a file instead."),
}
PROBLEM_LABELS = {"invalid": _l("not a valid USCC"), "duplicate": _l("duplicate of line %(line)s, dropped")}
