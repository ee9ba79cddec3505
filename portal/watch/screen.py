"""The daily 重点监管对象筛查 (DOMAIN §21): every watch list against the 严重失信主体名单, 重点关注名单, penalties and
coercions; new hits stored once per department, then e-mailed to the department.

Set-based: subjects, records and earlier hits are read in chunks of CHUNK keys, and the rule of what counts lives in
portal/domain/screening.py (the SQL only narrows the rows it reads). Hits are committed before any e-mail goes out,
and a hit's `notified_at` is set only when its e-mail was handed over, so a failed delivery is retried by the next
run and a second run on the same day neither duplicates a hit nor re-sends a mail.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.domain.kinds import ListCategory
from portal.domain.screening import ENDED_STATUSES, Candidate, HitSource, ScreeningRules, new_hits, years_before
from portal.domain.workdays import WorkCalendar
from portal.models import Coercion, ListEntry, Penalty, Subject, WatchEntry, WatchHit, WatchList

log = logging.getLogger(__name__)
CHUNK = 500
SOURCE_BY_CATEGORY = {ListCategory.BLACKLIST: HitSource.BLACKLIST, ListCategory.WATCHLIST: HitSource.WATCHLIST}
MAIL_LIMIT = 200  # hits listed in one e-mail; the rest are counted and wait on the hits page
DEFAULT_RULES = ScreeningRules()
# send(department_uscc, hits listed, total new hits) -> True when the department's e-mail was handed over
Sender = Callable[[str, Sequence[WatchHit], int], bool]


@dataclass(frozen=True, slots=True)
class Summary:
    lists: int
    subjects: int  # distinct USCCs watched
    new_hits: int
    mailed: int  # departments whose e-mail went out
    unsent: int  # hits still waiting for their e-mail (no recipient, delivery failed)

    @property
    def line(self) -> str:
        return (f"lists={self.lists} subjects={self.subjects} new_hits={self.new_hits} mailed={self.mailed} "
                f"unsent={self.unsent}")  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Record:
    candidate: Candidate
    title: str
    authority: str


def _chunks(values: Sequence) -> Iterable[list]:  # type: ignore[type-arg]
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def _records(session: Session, subject_ids: Sequence[int], day: date, rules: ScreeningRules) -> list[_Record]:
    """Every record of the subjects that may count on `day`; the domain rule decides."""
    ended = sorted(ENDED_STATUSES)
    oldest_penalty = years_before(day, rules.penalty_years)
    oldest_coercion = years_before(day, rules.coercion_max_years)
    found: list[_Record] = []
    for ids in _chunks(subject_ids):
        for e in session.execute(sa.select(
            ListEntry.id, ListEntry.subject_id, ListEntry.status, ListEntry.category, ListEntry.listed_on,
            ListEntry.removed_on, ListEntry.valid_until, ListEntry.list_name, ListEntry.recognised_by,
        ).where(ListEntry.subject_id.in_(ids), ListEntry.category.in_(list(SOURCE_BY_CATEGORY)),
                ListEntry.status.not_in(ended), ListEntry.listed_on <= day)):  # fmt: skip
            candidate = Candidate(SOURCE_BY_CATEGORY[e.category], e.id, e.subject_id, str(e.status.value),
                                  e.listed_on, e.removed_on, e.valid_until)  # fmt: skip
            found.append(_Record(candidate, e.list_name, e.recognised_by))
        for p in session.execute(sa.select(
            Penalty.id, Penalty.subject_id, Penalty.status, Penalty.decided_on, Penalty.decision_no,
            Penalty.authority_name,
        ).where(Penalty.subject_id.in_(ids), Penalty.status.not_in(ended), Penalty.decided_on <= day,
                Penalty.decided_on > oldest_penalty)):  # fmt: skip
            candidate = Candidate(HitSource.PENALTY, p.id, p.subject_id, str(p.status.value), p.decided_on)
            found.append(_Record(candidate, p.decision_no, p.authority_name))
        for c in session.execute(sa.select(
            Coercion.id, Coercion.subject_id, Coercion.status, Coercion.decided_on, Coercion.lifted_on,
            Coercion.doc_no, Coercion.authority_name,
        ).where(Coercion.subject_id.in_(ids), Coercion.status.not_in(ended), Coercion.decided_on <= day,
                Coercion.decided_on > oldest_coercion)):  # fmt: skip
            candidate = Candidate(
                HitSource.COERCION, c.id, c.subject_id, str(c.status.value), c.decided_on, c.lifted_on
            )
            found.append(_Record(candidate, c.doc_no, c.authority_name))
    return found


def find_new_hits(session: Session, *, day: date, due_on: date, rules: ScreeningRules) -> tuple[int, int, int]:
    """Adds the new hits of every department (not committed); returns (lists, watched USCCs, new hits)."""
    watchers: dict[str, dict[str, int]] = defaultdict(dict)  # uscc -> department -> first list id
    list_count = 0
    watch_lists = session.execute(sa.select(WatchList.id, WatchList.department_uscc).order_by(WatchList.id)).all()
    for list_id, department in watch_lists:
        list_count += 1
        for code in session.scalars(sa.select(WatchEntry.uscc).where(WatchEntry.list_id == list_id)):
            watchers[code].setdefault(department, list_id)
    codes = sorted(watchers)
    subjects: dict[int, tuple[str, str]] = {}  # id -> (uscc, name)
    for chunk in _chunks(codes):
        for sid, code, name in session.execute(
            sa.select(Subject.id, Subject.uscc, Subject.name).where(Subject.uscc.in_(chunk))
        ):
            subjects[sid] = (code, name)
    records = _records(session, sorted(subjects), day, rules)
    departments = sorted({d for by_dept in watchers.values() for d in by_dept})
    reported: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for chunk in _chunks(departments):
        for department, table, record_id in session.execute(
            sa.select(WatchHit.department_uscc, WatchHit.record_table, WatchHit.record_id).where(
                WatchHit.department_uscc.in_(chunk)
            )
        ):
            reported[department].add((table, record_id))
    per_department: dict[str, list[_Record]] = defaultdict(list)
    for record in records:
        for department in watchers[subjects[record.candidate.subject_id][0]]:
            per_department[department].append(record)
    rows: list[dict[str, object]] = []
    for department, candidates in per_department.items():
        by_key = {r.candidate.key: r for r in candidates}
        for candidate in new_hits((r.candidate for r in candidates), reported[department], day, rules):
            record = by_key[candidate.key]
            code, name = subjects[candidate.subject_id]
            rows.append({
                "department_uscc": department, "list_id": watchers[code][department],
                "subject_id": candidate.subject_id, "uscc": code, "subject_name": name[:256],
                "source": candidate.source, "record_table": candidate.key[0], "record_id": candidate.record_id,
                "title": record.title[:256], "authority": record.authority[:256], "record_day": candidate.starts_on,
                "found_on": day, "feedback_due_on": due_on,
            })  # fmt: skip
    for start in range(0, len(rows), CHUNK * 10):  # one executemany per slice: tens of thousands of hits at once
        session.execute(sa.insert(WatchHit), rows[start : start + CHUNK * 10])
    added = len(rows)
    return list_count, len(codes), added


def notify(session: Session, send: Sender, *, now: datetime) -> tuple[int, int]:
    """E-mails every department its hits not yet notified (the first MAIL_LIMIT listed, the rest counted); returns
    (departments mailed, hits still unsent)."""
    waiting = WatchHit.notified_at.is_(None)
    pending = session.execute(
        sa.select(WatchHit.department_uscc, sa.func.count(WatchHit.id), sa.func.max(WatchHit.id))
        .where(waiting).group_by(WatchHit.department_uscc).order_by(WatchHit.department_uscc)
    ).all()  # fmt: skip
    mailed = unsent = 0
    for department, total, last_id in pending:
        mine = sa.and_(waiting, WatchHit.department_uscc == department, WatchHit.id <= last_id)
        shown = list(session.scalars(sa.select(WatchHit).where(mine).order_by(WatchHit.id).limit(MAIL_LIMIT)))
        if send(department, shown, int(total)):
            session.execute(sa.update(WatchHit).where(mine).values(notified_at=now))
            mailed += 1
        else:
            unsent += int(total)
        session.commit()  # one department's mail is recorded even if a later one fails
    return mailed, unsent


def run(session: Session, *, day: date, now: datetime, calendar: WorkCalendar, send: Sender,
        feedback_workdays: int, rules: ScreeningRules = DEFAULT_RULES) -> Summary:  # fmt: skip
    """Screen every watch list on `day`, store the new hits (feedback due `feedback_workdays` WD later), mail them."""
    due_on = calendar.add_workdays(day, feedback_workdays)
    try:
        lists, subjects, added = find_new_hits(session, day=day, due_on=due_on, rules=rules)
        session.commit()
    except IntegrityError:
        # A run started at the same time stored some of these hits first (the unique key refused ours): read them
        # as reported and add only what is still missing.
        session.rollback()
        log.warning("watch screening met a concurrent run; retrying once")
        lists, subjects, added = find_new_hits(session, day=day, due_on=due_on, rules=rules)
        session.commit()
    mailed, unsent = notify(session, send, now=now)
    log.info("watch lists screened: %d lists, %d subjects, %d new hits, %d departments mailed", lists, subjects,
             added, mailed)  # fmt: skip
    return Summary(lists, subjects, added, mailed, unsent)
