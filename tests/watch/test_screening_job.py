"""The daily screening job (`flask screen-watchlists`, DOMAIN §21): hits, e-mail, idempotence, deadlines, stats."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import clock
from portal.accounts.services import create_user
from portal.domain.publicity import RecordStatus
from portal.domain.roles import Role
from portal.domain.screening import HitSource
from portal.extensions import db
from portal.models import ListEntry, Subject, WatchHit
from portal.watch import hits
from tests.conftest import TODAY, count, outbox
from tests.submissions.fixtures import EMAILS, PASSWORD
from tests.watch.conftest import (
    BLACKLISTED,
    CITY_DEPT,
    DEPT_EMAIL,
    MARKET_DEPT,
    MINOR_SHOP,
    OTHER_DEPT_EMAIL,
    PENALISED,
    REDLISTED,
    REMOVED,
    add_coercion,
    make_list,
    run_job,
)

ALL = [BLACKLISTED, REDLISTED, REMOVED, PENALISED, MINOR_SHOP, "91430200MA4L0A1B7A"]


def _hits(department: str) -> list[WatchHit]:
    return list(db.session.scalars(sa.select(WatchHit).where(WatchHit.department_uscc == department)
                                   .order_by(WatchHit.uscc, WatchHit.source)))  # fmt: skip


def test_the_job_finds_blacklist_and_penalties_public_or_not_and_mails_the_department(
    site: Flask, departments: dict[str, int]
) -> None:
    make_list(MARKET_DEPT, ALL)
    line = run_job(site)
    found = {(h.uscc, h.source) for h in _hits(MARKET_DEPT)}
    assert (BLACKLISTED, HitSource.BLACKLIST) in found
    assert (PENALISED, HitSource.PENALTY) in found
    assert (MINOR_SHOP, HitSource.PENALTY) in found  # a 轻微 penalty is not public, but internal work sees it
    assert not any(code == REDLISTED and source is not HitSource.PENALTY for code, source in found)  # red list
    assert not any(code == REMOVED for code, _source in found)  # removed from the 重点关注名单 before today
    assert line == f"lists=1 subjects=6 new_hits={len(found)} mailed=1 unsent=0"
    mails = outbox(site)
    # every user of the department (the shared fixtures give the market regulator two), none of the other one
    assert sorted(m.to for m in mails) == sorted([DEPT_EMAIL, EMAILS[Role.DEPARTMENT]])
    assert BLACKLISTED in mails[0].body
    assert "2026-12-07" in mails[0].body  # 10 working days after Mon 2026-11-23
    assert {(h.found_on, h.feedback_due_on) for h in _hits(MARKET_DEPT)} == {(TODAY, date(2026, 12, 7))}


def test_running_twice_on_a_day_adds_no_hit_and_sends_no_second_mail(site: Flask, departments: dict[str, int]) -> None:
    make_list(MARKET_DEPT, ALL)
    make_list(MARKET_DEPT, [BLACKLISTED, PENALISED], name="第二份名单")  # the same subjects on two lists: one hit
    run_job(site)
    first = count(WatchHit)
    assert run_job(site) == "lists=2 subjects=6 new_hits=0 mailed=0 unsent=0"
    assert count(WatchHit) == first
    assert len(outbox(site)) == 2  # one e-mail to each of the department's two users, on the first run only


def test_each_department_gets_its_own_hits(site: Flask, departments: dict[str, int]) -> None:
    make_list(MARKET_DEPT, [BLACKLISTED])
    make_list(CITY_DEPT, [BLACKLISTED, PENALISED])
    run_job(site)
    assert [h.uscc for h in _hits(MARKET_DEPT)] == [BLACKLISTED]
    assert sorted({h.uscc for h in _hits(CITY_DEPT)}) == sorted([BLACKLISTED, PENALISED])
    by_recipient = {m.to: m.body for m in outbox(site)}
    assert PENALISED not in by_recipient[DEPT_EMAIL]
    assert PENALISED in by_recipient[OTHER_DEPT_EMAIL]


def test_a_new_record_the_next_day_is_a_new_hit(site: Flask, departments: dict[str, int]) -> None:
    make_list(MARKET_DEPT, [BLACKLISTED])
    run_job(site, "--day", "2026-11-23")
    add_coercion(BLACKLISTED, date(2026, 11, 24))  # not public (政务共享): still screened
    assert "new_hits=0" in run_job(site, "--day", "2026-11-23")  # decided tomorrow: not yet
    assert "new_hits=1" in run_job(site, "--day", "2026-11-24")
    coercion = [h for h in _hits(MARKET_DEPT) if h.source is HitSource.COERCION][0]
    assert (coercion.found_on, coercion.feedback_due_on) == (date(2026, 11, 24), date(2026, 12, 8))


def test_withdrawn_and_repaired_records_are_not_hits(site: Flask, departments: dict[str, int]) -> None:
    entry = db.session.scalar(sa.select(ListEntry).join(Subject).where(Subject.uscc == BLACKLISTED))
    assert entry is not None
    entry.status = RecordStatus.WITHDRAWN
    db.session.commit()
    make_list(MARKET_DEPT, [BLACKLISTED])
    assert "new_hits=0" in run_job(site)


def test_a_department_without_users_is_mailed_once_it_has_one(site: Flask, departments: dict[str, int]) -> None:
    make_list("11430200006123466X", [BLACKLISTED])  # a department with no user account yet
    assert run_job(site).endswith("mailed=0 unsent=1")
    create_user(db.session, "new-dept@example.gov.cn", PASSWORD, Role.DEPARTMENT, department_uscc="11430200006123466X")
    assert run_job(site).endswith("new_hits=0 mailed=1 unsent=0")  # the waiting hit goes out, once
    assert [m.to for m in outbox(site)] == ["new-dept@example.gov.cn"]
    assert run_job(site).endswith("mailed=0 unsent=0")


def test_statistics_count_hits_feedback_and_overdue(site: Flask, departments: dict[str, int]) -> None:
    make_list(MARKET_DEPT, [BLACKLISTED, PENALISED, MINOR_SHOP])
    make_list(CITY_DEPT, [BLACKLISTED])
    run_job(site)
    market = _hits(MARKET_DEPT)
    hits.record_feedback(db.session, market[0].id, MARKET_DEPT, "已列入重点检查对象", actor="d", actor_id=None,
                         today=date(2026, 12, 1), now=clock.now())  # fmt: skip
    hits.record_feedback(db.session, market[1].id, MARKET_DEPT, "约谈法定代表人", actor="d", actor_id=None,
                         today=date(2026, 12, 9), now=clock.now())  # late: due 2026-12-07  # fmt: skip
    db.session.commit()
    rows = {r.department_uscc: r for r in hits.statistics(db.session, None, today=date(2026, 12, 8))}
    m = rows[MARKET_DEPT]
    assert (m.hits, m.answered, m.answered_late, m.overdue, m.open) == (len(market), 2, 1, len(market) - 2, 0)
    assert (rows[CITY_DEPT].hits, rows[CITY_DEPT].overdue) == (1, 1)
    assert list(r.department_uscc for r in hits.statistics(db.session, CITY_DEPT, today=TODAY)) == [CITY_DEPT]


def test_a_long_mail_lists_the_first_hits_and_counts_the_rest(
    site: Flask, departments: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("portal.watch.screen.MAIL_LIMIT", 1)
    make_list(CITY_DEPT, [BLACKLISTED, PENALISED])
    assert run_job(site).endswith("new_hits=2 mailed=1 unsent=0")
    (mail,) = outbox(site)
    assert mail.to == OTHER_DEPT_EMAIL
    assert mail.body.count("(9143") == 1  # one hit listed …
    assert "另有 1 条命中" in mail.body  # … and the other counted (the mail is in the site language)
    assert all(h.notified_at is not None for h in _hits(CITY_DEPT))


def test_a_concurrent_run_that_stored_the_same_hits_first_is_not_an_error(
    site: Flask, departments: dict[str, int], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from portal.watch import screen

    make_list(MARKET_DEPT, [BLACKLISTED, PENALISED])
    real = screen.new_hits
    calls = []

    def racing(candidates, reported, day, rules):  # type: ignore[no-untyped-def]
        found = real(candidates, reported, day, rules)
        if not calls:  # the other run commits the first hit between our read and our insert
            calls.append(1)
            first = found[0]
            db.session.execute(sa.insert(WatchHit).values(
                department_uscc=MARKET_DEPT, subject_id=first.subject_id, uscc="x", subject_name="x",
                source=first.source, record_table=first.key[0], record_id=first.record_id, title="x", authority="x",
                record_day=first.starts_on, found_on=TODAY, feedback_due_on=TODAY,
            ))  # fmt: skip
        return found

    monkeypatch.setattr(screen, "new_hits", racing)
    line = run_job(site)
    assert count(WatchHit) == len({(h.record_table, h.record_id) for h in _hits(MARKET_DEPT)})
    assert "mailed=1" in line
    assert "concurrent run" in caplog.text  # the unique key refused the duplicate and the run retried
