"""Every kind on the site-wide surfaces (issue 16): a public record of any kind reaches the home page (when its kind
has a section there), the statistics, the public credit report, the follow feed and digest and a 联合奖惩 check (when
its kind is reviewed there); once it is not public (withdrawn) it reaches none of them, nor the site map.

Generic over the registry like tests/test_kinds.py, so a kind added later is checked without a new test.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import clock, kinds
from portal.domain.kinds import SubjectKind
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.joint import checks
from portal.kind_spec import KindSpec
from portal.models import CheckNote, Follow, Subject, Subscriber
from portal.reports import content
from portal.work_calendar import work_calendar
from tests.conftest import TODAY, outbox
from tests.test_kinds import SPECS, _public_row, examples  # noqa: F401  # the every-kind examples fixture


def _link(spec: KindSpec, record_id: int) -> str:
    return f'href="{spec.record_path(record_id)}"'


def _statistics(client: FlaskClient, app: Flask, spec: KindSpec) -> int:
    for key in ("stats_cache", "stats_latest", "public_cache"):  # a direct status write bypasses the versions
        app.extensions.pop(key, None)
    text = client.get(f"/statistics/kinds.csv?year={TODAY.year}").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    labels = [r[0] for r in rows]
    return int(rows[labels.index(str(spec.label))][1])


def _report_ids(subject: Subject, spec: KindSpec) -> set[int]:
    sections = content.build_sections(db.session, subject, today=TODAY, public=True)
    return {r["id"] for s in sections for r in s["records"] if r["kind"] == spec.kind.value}


def _check_notes(subject: Subject, spec: KindSpec) -> set[int]:
    requester = checks.Requester("11430200006123458Y", "dept@example.gov.cn", "web")
    request = checks.CheckRequest("other", "资格审查", [(1, subject.uscc or "")], batch=False)
    check = checks.run_check(db.session, requester, request, today=TODAY, now=clock.now(),
                             calendar=work_calendar(db.session))  # fmt: skip
    query = sa.select(CheckNote.record_id).where(CheckNote.check_id == check.id, CheckNote.kind == spec.kind.value)
    return set(db.session.scalars(query))


def _follow(subject: Subject, email: str) -> None:
    """A confirmed follow that has seen nothing yet."""
    subscriber = Subscriber(email=email, locale="zh_CN")
    db.session.add(subscriber)
    db.session.flush()
    db.session.add(Follow(subscriber_id=subscriber.id, subject_id=subject.id, confirmed_at=clock.now()))
    db.session.commit()


def _digest(app: Flask, email: str, day: str) -> str:
    """The digest of `day`: the mail body sent to `email` ("" if none)."""
    before = len(outbox(app))
    result = app.test_cli_runner().invoke(args=["follow-digest", "--date", day])
    assert result.exit_code == 0, result.output
    sent = [m for m in outbox(app)[before:] if m.to == email]
    return sent[-1].body if sent else ""


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_a_record_reaches_every_surface_while_public_and_none_once_it_is_not(
    examples: Flask, client: FlaskClient, spec: KindSpec  # noqa: F811
) -> None:
    record, subject = _public_row(spec)
    link = _link(spec, record.id)
    on_home = spec.home_latest or spec.incentive
    checked = bool(spec.joint_role) and subject.kind is not SubjectKind.NATURAL_PERSON and bool(subject.uscc)
    if on_home:
        assert link in client.get("/").get_data(as_text=True)
    counted = _statistics(client, examples, spec)
    assert counted >= 1
    assert record.id in _report_ids(subject, spec)
    feed = client.get(f"/subjects/p/{subject.public_id}/feed.atom").get_data(as_text=True)
    assert spec.record_path(record.id) in feed
    _follow(subject, "before@example.com")
    assert spec.record_path(record.id) in _digest(examples, "before@example.com", TODAY.isoformat())
    if checked:
        assert record.id in _check_notes(subject, spec)

    record.status = RecordStatus.WITHDRAWN
    db.session.commit()
    path = spec.record_path(record.id)
    assert link not in client.get("/").get_data(as_text=True)
    assert _statistics(client, examples, spec) == counted - 1
    assert path not in client.get("/sitemap").get_data(as_text=True)
    assert record.id not in _report_ids(subject, spec)
    feed = client.get(f"/subjects/p/{subject.public_id}/feed.atom")
    assert path not in feed.get_data(as_text=True)
    _follow(subject, "after@example.com")
    assert path not in _digest(examples, "after@example.com", TODAY.isoformat())
    stopped = _digest(examples, "before@example.com", (TODAY + timedelta(days=1)).isoformat())
    assert stopped  # the record left public view: the follower is told, by a count
    assert path not in stopped  # counted as no longer public, never named
    if checked:
        assert record.id not in _check_notes(subject, spec)


def test_every_kind_is_on_some_surface() -> None:
    """The flags have defaults, so a kind is checked above however it is flagged; this names who opted in."""
    assert {s.kind.value for s in kinds.specs() if s.incentive} >= {"honour"}
    assert {s.kind.value for s in kinds.specs() if s.home_latest} >= {"commitment"}
    assert {s.kind.value for s in kinds.specs() if s.joint_role} >= {"coercion", "honour", "commitment"}


def test_the_new_queries_agree_on_both_databases(app_any_db: Flask, tmp_path: Path) -> None:
    """Statistics per kind, the home page's sections, a check's notes and the followers' 违诺 mark, on SQLite and
    PostgreSQL alike (the 违诺 CASE column, the per-kind counts, the notes' id sub-select)."""
    from portal.follows import snapshots
    from portal.joint.notes import public_notes
    from portal.public import services
    from portal.public.stats_queries import Window, kind_counts
    from tests.conftest import import_examples, import_more_examples

    import_examples(tmp_path, TODAY)
    import_more_examples(tmp_path, TODAY)
    counts = kind_counts(db.session, TODAY, Window(TODAY.replace(month=1, day=1), TODAY), None)
    assert counts == {"permit": 3, "penalty": 2, "list": 2, "coercion": 2, "honour": 3, "commitment": 2, "rating": 0,
                      "inspection": 0}  # fmt: skip
    honours = services.latest_of(db.session, TODAY, [kinds.spec("honour")], 6, per_summary=2)
    assert [r.summary for r in honours] == ["见义勇为先进个人", "诚信经营示范店", "守合同重信用企业"]
    food = db.session.scalars(sa.select(Subject).where(Subject.uscc == "91430200MA4L0A1B7K")).one()
    notes = public_notes(db.session, [food.id], TODAY)[food.id]
    assert [(n["kind"], n["title"]) for n in notes] == [("coercion", "株市监强〔2026〕8号"),
                                                        ("commitment", "43020020260310000015")]  # fmt: skip
    snapshot = snapshots.public_snapshots(db.session, [food.id], TODAY)[food.id]
    marks = {key.partition(":")[0]: value for key, value in snapshot.items()}
    assert marks["commitment"].endswith(snapshots.ALERT)
    assert not marks["coercion"].endswith(snapshots.ALERT)
