"""The per-kind outputs (portal/kind_outputs.py) of 信用评价结果 and 检查结果: the follow digest's line, the staff CSV
row for upstream sync, and the credit report's entry and PDF cells. A leaf, like kind_outputs."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.kind_outputs import Clean, UpstreamLabels, _iso, _upstream_subject
from portal.models import Inspection, Rating, Subject


def ratings_stopped(count: int) -> str:
    return ngettext("%(num)s credit rating is no longer publicly displayed.",
                    "%(num)s credit ratings are no longer publicly displayed.", count)  # fmt: skip


def rating_upstream_row(r: Rating, s: Subject, zh: UpstreamLabels) -> list[object]:
    """The data-standard §11 columns, in its order."""
    return [r.scheme, s.name, zh.subject_kind.get(s.kind.value, s.kind.value), s.uscc, r.grade, r.score, r.year,
            r.rated_on, r.valid_until, r.authority_name, r.authority_uscc, r.basis, r.openness, r.source_name,
            r.source_uscc, r.scheme_note, r.remarks]  # fmt: skip


def rating_report_entry(r: Rating, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    scheme = r.scheme_note if r.scheme_note else r.scheme
    return {
        "kind": "rating", "id": r.id, "title": scheme, "date": _iso(r.rated_on), "authority": r.authority_name,
        "summary": f"{scheme} {r.grade}", "grade": r.grade, "year": r.year, "scheme": r.scheme,
        "score": None if r.score is None else f"{r.score.normalize():f}", "public_until": _iso(r.public_until),
        "status": status, "marks": marks,
    }  # fmt: skip


def rating_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    year = _("Rating year %(year)s", year=r["year"]) if r.get("year") else ""
    title = f"{r['title']}\n{year}" if year else r["title"]
    grade = _("Grade: %(grade)s", grade=r["grade"])
    score = _("Score: %(score)s", score=r["score"]) if r.get("score") else ""
    return title, "；".join(p for p in (grade, score) if p), ""


def inspections_stopped(count: int) -> str:
    return ngettext("%(num)s inspection result is no longer publicly displayed.",
                    "%(num)s inspection results are no longer publicly displayed.", count)  # fmt: skip


def inspection_upstream_row(r: Inspection, s: Subject, zh: UpstreamLabels) -> list[object]:
    """The data-standard §14 columns, in its order."""
    return [*_upstream_subject(s, zh), r.doc_no, r.task_name, r.check_type, r.matters, r.method, r.inspected_on,
            r.result, r.conclusion, r.follow_up, r.authority_name, r.authority_uscc, r.source_name, r.source_uscc,
            r.remarks]  # fmt: skip


def inspection_report_entry(i: Inspection, status: str, marks: list[str], clean: Clean) -> dict[str, Any]:
    return {
        "kind": "inspection", "id": i.id, "title": i.doc_no, "date": _iso(i.inspected_on),
        "authority": i.authority_name, "summary": clean(i.matters), "conclusion": clean(i.conclusion),
        "type": i.check_type, "result": i.result, "public_until": _iso(i.public_until), "status": status,
        "marks": marks,
    }  # fmt: skip


def inspection_report_cells(r: dict[str, Any]) -> tuple[str, str, str]:
    parts = [r["type"], r["summary"], r["conclusion"]]
    return r["title"], "；".join(p for p in parts if p), r["result"]
