"""Grading use cases: the rule set in force and its versions (audited), grades of chosen subjects or of everyone."""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.domain.grading import Fact, GradeResult, RuleSet, Window, grade_subject
from portal.domain.grading_rules import DEFAULT_RULE_SET, parse_rule_set, rule_set_to_data
from portal.domain.kinds import SubjectKind
from portal.models import AuditEntry, GradingRuleSet, Subject
from portal.supervision.facts import LOADERS, Scope, lookback

GRADED_KINDS = (SubjectKind.LEGAL, SubjectKind.INDIVIDUAL_BUSINESS)  # natural persons are not graded (§20)
MAX_NOTE = 500
IN_CHUNK = 900  # subject ids per IN (...) list: under SQLite's and drivers' parameter limits


@dataclass(frozen=True, slots=True)
class Version:
    version: int  # 0 = the built-in §20 default, before any save
    rule_set: RuleSet
    row: GradingRuleSet | None


def current(session: Session) -> Version:
    row = session.scalar(sa.select(GradingRuleSet).order_by(GradingRuleSet.version.desc()).limit(1))
    if row is None:
        return Version(0, DEFAULT_RULE_SET, None)
    return Version(row.version, parse_rule_set(json.loads(row.rules)), row)


def history(session: Session) -> list[GradingRuleSet]:
    return list(session.scalars(sa.select(GradingRuleSet).order_by(GradingRuleSet.version.desc())))


def version(session: Session, number: int) -> Version | None:
    if number == 0:
        return Version(0, DEFAULT_RULE_SET, None)
    row = session.scalar(sa.select(GradingRuleSet).where(GradingRuleSet.version == number))
    return None if row is None else Version(row.version, parse_rule_set(json.loads(row.rules)), row)


def save(session: Session, data: Any, note: str, *, actor: str, actor_id: int | None, now: datetime) -> int:
    """A new version (raises InvalidRuleSet first); the previous versions stay as they were. Commits."""
    rule_set = parse_rule_set(data)
    number = (session.scalar(sa.select(sa.func.max(GradingRuleSet.version))) or 0) + 1
    text = json.dumps(rule_set_to_data(rule_set), ensure_ascii=False, sort_keys=True)
    session.add(GradingRuleSet(version=number, rules=text, note=note[:MAX_NOTE], created_by=actor,
                               created_by_id=actor_id, created_at=now))  # fmt: skip
    session.add(AuditEntry(actor=actor, actor_id=actor_id, action="grading_rules_saved",
                           target=f"grading_rule_set:{number}", reason=note[:MAX_NOTE], at=now))  # fmt: skip
    session.commit()
    return number


def _longest_months(rule_set: RuleSet) -> int:
    return max((r.months or 0 for r in rule_set.rules if r.window is Window.RECENT), default=0)


def _kinds_used(rule_set: RuleSet) -> list[str]:
    return list(dict.fromkeys(rule.kind for rule in rule_set.rules))


def facts_for(session: Session, where: Any, rule_set: RuleSet, day: date) -> dict[int, dict[str, list[Fact]]]:
    """subject id → kind → facts, for the subjects `where` selects, of the kinds the rule set uses."""
    since = lookback(day, _longest_months(rule_set))
    found: dict[int, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for kind in _kinds_used(rule_set):
        scope = Scope(where, day, since, tuple(rule for rule in rule_set.rules if rule.kind == kind))
        for fact in LOADERS[kind](session, scope):
            found[fact.subject_id][kind].append(fact)
    return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """Grading makes hundreds of thousands of small acyclic tuples, on which the cyclic garbage collector only
    spends time (a third of grading's CPU): pause it for one chunk, and restore it whatever happens."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def grade_ids(session: Session, subject_ids: Sequence[int], rule_set: RuleSet, day: date) -> dict[int, GradeResult]:
    """Grades of the given subjects on `day` (subjects without facts are B)."""
    grades: dict[int, GradeResult] = {}
    for start in range(0, len(subject_ids), IN_CHUNK):
        chunk = list(subject_ids[start : start + IN_CHUNK])
        with collector_paused():
            facts = facts_for(session, lambda column, ids=chunk: column.in_(ids), rule_set, day)
            for subject_id in chunk:
                grades[subject_id] = grade_subject(facts.get(subject_id, {}), rule_set, day)
    return grades


def graded_subjects(session: Session, after: int, limit: int) -> list[tuple[int, str | None]]:
    """(id, USCC) of the next `limit` organisations and 个体工商户 after id `after`."""
    stmt = (
        sa.select(Subject.id, Subject.uscc)
        .where(Subject.kind.in_(GRADED_KINDS), Subject.id > after)
        .order_by(Subject.id)
        .limit(limit)
    )
    return [(row.id, row.uscc) for row in session.connection().execute(stmt)]


def grade_everyone(session: Session, rule_set: RuleSet, day: date, *, chunk: int = 20_000
                   ) -> Iterator[tuple[list[tuple[int, str | None]], dict[int, GradeResult]]]:  # fmt: skip
    """((subject id, USCC) pairs, their grades) for every organisation and 个体工商户, a chunk of subjects at a time:
    the facts of one id range are loaded with range conditions (no long IN lists) and dropped before the next."""
    after = 0
    while subjects := graded_subjects(session, after, chunk):
        low, high = subjects[0][0], subjects[-1][0]
        with collector_paused():
            facts = facts_for(session, lambda column, low=low, high=high: column.between(low, high), rule_set, day)
            grades = {sid: grade_subject(facts.get(sid, {}), rule_set, day) for sid, _code in subjects}
        yield subjects, grades
        after = high


def reason_codes(result: GradeResult) -> str:
    return " ".join(reason.rule_code for reason in result.reasons)


def subjects_by_uscc(session: Session, codes: Iterable[str]) -> dict[str, tuple[int, SubjectKind]]:
    """USCC → (subject id, kind) for the codes known on this platform."""
    found: dict[str, tuple[int, SubjectKind]] = {}
    codes = list(codes)
    for start in range(0, len(codes), IN_CHUNK):
        chunk = codes[start : start + IN_CHUNK]
        stmt = sa.select(Subject.uscc, Subject.id, Subject.kind).where(Subject.uscc.in_(chunk))
        for row in session.connection().execute(stmt):
            found[row.uscc] = (row.id, row.kind)
    return found


def own_grade(session: Session, subject: Subject | None, day: date) -> tuple[int, GradeResult] | None:
    """(rule-set version, grade with reasons) of the subject bound to an enterprise account; None for a subject
    that is not graded (none on the platform, or a natural person)."""
    if subject is None or subject.kind not in GRADED_KINDS:
        return None
    ver = current(session)
    return ver.version, grade_ids(session, [subject.id], ver.rule_set, day)[subject.id]


def subject_of(session: Session, code: str) -> Subject | None:
    return session.scalar(sa.select(Subject).where(Subject.uscc == code))
