"""Grading from the database (every kind's facts), the rule-set editor with its versions and audit, treatments,
the `flask grade` snapshot and its statistics per department and area."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.grading import Grade
from portal.domain.grading_rules import DEFAULT_RULE_SET, rule_set_to_data
from portal.domain.kinds import ListCategory
from portal.domain.publicity import RecordStatus, Severity
from portal.extensions import db
from portal.models import AuditEntry, Commitment, GradeCount, GradeSnapshot, GradeTreatment, GradingRuleSet, Honour
from portal.supervision import grading
from tests.conftest import TODAY, post_form
from tests.factories import MARKET_DEPT, ListEntryFactory, SubjectFactory
from tests.supervision.conftest import OTHER_DEPT, World


def grade_of(subject_id: int) -> tuple[Grade, list[str]]:
    result = grading.grade_ids(db.session, [subject_id], DEFAULT_RULE_SET, TODAY)[subject_id]
    return result.grade, [r.rule_code for r in result.reasons]


def _record_columns(subject_id: int, n: int) -> dict:
    return {"subject_id": subject_id, "status": RecordStatus.PUBLISHED, "public_from": TODAY, "public_until": None,
            "source_name": OTHER_DEPT[1], "source_uscc": OTHER_DEPT[0], "row_hash": f"{n:064d}",
            "authority_name": OTHER_DEPT[1], "authority_uscc": OTHER_DEPT[0]}  # fmt: skip


def test_a_broken_commitment_is_c_and_an_honour_in_force_is_a(world: World) -> None:
    broken, honoured = SubjectFactory(), SubjectFactory()
    db.session.add(Commitment(**_record_columns(broken.id, 1), doc_key="K:1", commit_type="主动型", matter="按期整改",
                              content="承诺", made_on=TODAY - timedelta(days=200), state="全部未履行",
                              state_on=TODAY - timedelta(days=20), openness="政务共享"))  # fmt: skip
    name = "守合同重信用企业"
    db.session.add(Honour(**_record_columns(honoured.id, 2), honour_name=name, honour_key=name,
                          content="授予", doc_no="株政〔2025〕1号", doc_key="株政〔2025〕1号",
                          granted_on=TODAY - timedelta(days=400)))  # fmt: skip
    db.session.commit()
    assert grade_of(broken.id) == (Grade.C, ["C2"])
    assert grade_of(honoured.id) == (Grade.A, ["A3"])


def test_a_removed_watch_list_entry_no_longer_counts(world: World) -> None:
    entry = ListEntryFactory(category=ListCategory.WATCHLIST, list_name="企业经营异常名录", list_key="企业经营异常名录",
                             listed_on=TODAY - timedelta(days=100), removed_on=TODAY)  # fmt: skip
    assert grade_of(entry.subject_id) == (Grade.B, [])
    entry = ListEntryFactory(category=ListCategory.WATCHLIST, list_name="企业经营异常名录", list_key="企业经营异常名录",
                             listed_on=TODAY - timedelta(days=100), removed_on=TODAY + timedelta(days=1))  # fmt: skip
    assert grade_of(entry.subject_id) == (Grade.C, ["C3"])


def test_non_public_records_count_and_repaired_ones_do_not(world: World) -> None:
    from portal.models import Subject

    by_code = {s.uscc: s.id for s in db.session.scalars(sa.select(Subject))}
    assert grade_of(by_code[world.coerced]) == (Grade.C, ["C4"])  # a 行政强制 not public (政务共享), in force
    assert grade_of(by_code[world.repaired]) == (Grade.B, [])
    assert grade_of(by_code[world.d])[0] is Grade.D


def test_everyone_is_graded_in_chunks_with_the_same_result(world: World) -> None:
    ids = [sid for subjects, _ in grading.grade_everyone(db.session, DEFAULT_RULE_SET, TODAY, chunk=2)
           for sid, _code in subjects]  # fmt: skip
    assert len(ids) == len(set(ids)) == 6
    chunked = {sid: g.grade for _s, grades in grading.grade_everyone(db.session, DEFAULT_RULE_SET, TODAY, chunk=2)
               for sid, g in grades.items()}  # fmt: skip
    assert chunked == {sid: r.grade for sid, r in grading.grade_ids(db.session, ids, DEFAULT_RULE_SET, TODAY).items()}


def _rules_text(change: dict | None = None) -> str:
    data = rule_set_to_data(DEFAULT_RULE_SET)
    data["rules"][3] |= change or {}
    return json.dumps(data, ensure_ascii=False)


def test_an_admin_saves_a_new_version_that_is_audited_and_used_by_draws(admin: FlaskClient, world: World) -> None:
    page = admin.get("/supervision/rules/edit").get_data(as_text=True)
    assert "近3年内受到严重失信行政处罚" in page  # the form starts from the rules in force
    response = post_form(
        admin, "/supervision/rules/edit", {"rules": _rules_text({"months": 24}), "note": "一般处罚看两年"}
    )
    assert response.status_code == 302
    row = db.session.scalar(sa.select(GradingRuleSet))
    assert (row.version, row.note, row.created_by) == (1, "一般处罚看两年", "admin@example.gov.cn")
    assert grading.current(db.session).rule_set.rules[3].months == 24
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.target == "grading_rule_set:1"))
    assert audit is not None
    assert audit.action == "grading_rules_saved"
    html = admin.get("/supervision/rules").get_data(as_text=True)
    assert "Version 1" in html
    assert "dated within the last 24 months" in html
    assert "dated within the last 12 months" in admin.get("/supervision/rules?version=0").get_data(as_text=True)
    assert admin.get("/supervision/rules?version=7").status_code == 404
    post_form(admin, "/supervision/rules/edit", {"rules": _rules_text(), "note": "恢复"})
    assert [r.version for r in grading.history(db.session)] == [2, 1]


@pytest.mark.parametrize(
    ("rules", "note", "message"),
    [
        ("{not json", "x", "The rule set is not valid JSON."),
        ("[" * 5000 + "]" * 5000, "x", "The rule set is not valid JSON."),
        ('{"rules": []}', "x", "A rule set needs at least one rule."),
        (_rules_text({"kind": "permit"}), "x", "Rule 4 names an unknown record kind: permit."),
        (_rules_text({"months": 0}), "x", "Rule 4: a recent window needs a whole number of months from 1 to 120."),
        (_rules_text({"label": "<b>x</b>" * 40}), "x", "Rule 4 needs a label of at most 200 characters."),
        (_rules_text(), "", "This field is required."),
        (_rules_text(), "长" * 501, "Field cannot be longer than 500 characters."),
        ("", "x", "This field is required."),
        ("{" + " " * 70_000 + "}", "x", "Field cannot be longer than 65536 characters."),
        ('{"rules": [{"code": "D1", "grade": "D", "kind": "list", "window": "in_force", "label": "x", "match": '
         '{"category": {"$ne": 1}}}]}', "x", "Rule 1: the values of category are not allowed for this kind."),
    ],
)
def test_bad_rule_sets_are_refused_with_a_message(admin: FlaskClient, rules: str, note: str, message: str) -> None:
    response = post_form(admin, "/supervision/rules/edit", {"rules": rules, "note": note})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GradingRuleSet)) == 0


def _treatment_form(**changes: str) -> dict[str, str]:
    form = {"a_ratio": "5", "b_ratio": "20", "c_ratio": "60", "d_ratio": "100"}
    form |= {f"{g}_min": "0" for g in "abcd"} | {f"{g}_frequency": "once_a_year" for g in "abcd"}
    return form | changes


def test_a_department_sets_its_own_ratios_and_an_admin_another_departments(dept: FlaskClient, admin: FlaskClient,
                                                                            world: World) -> None:  # fmt: skip
    assert post_form(dept, "/supervision/treatments", _treatment_form(a_ratio="2.5", c_min="3")).status_code == 302
    rows = {r.grade: r for r in db.session.scalars(sa.select(GradeTreatment))}
    assert (float(rows[Grade.A].ratio), rows[Grade.C].min_count, rows[Grade.A].department_uscc) == (
        2.5,
        3,
        MARKET_DEPT[0],
    )
    url = f"/supervision/treatments?department={OTHER_DEPT[0]}"
    assert post_form(admin, url, _treatment_form(b_ratio="30")).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GradeTreatment)) == 8
    # a department cannot reach another's ratios: the parameter is ignored for it
    assert 'value="2.5"' in dept.get(url).get_data(as_text=True) or 'value="2.50"' in dept.get(url).get_data(
        as_text=True
    )
    assert admin.get("/supervision/treatments?department=nonsense").status_code == 404
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "grade_treatments_saved"))
    assert audit is not None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"a_ratio": "30"}, "A worse grade cannot have a lower inspection ratio than a better one"),
        ({"d_ratio": "100.01"}, "Enter a percentage from 0 to 100 with at most two decimals."),
        ({"b_ratio": "-1"}, "Enter a percentage from 0 to 100 with at most two decimals."),
        ({"b_ratio": "abc"}, "Enter a percentage from 0 to 100 with at most two decimals."),
        ({"b_ratio": ""}, "Enter a percentage from 0 to 100 with at most two decimals."),
        ({"c_min": "-3"}, "Enter a whole number from 0 to 100,000."),
        ({"c_min": "9" * 30}, "Enter a whole number from 0 to 100,000."),
        ({"d_frequency": "hourly"}, "Not a valid choice."),
    ],
)
def test_bad_ratios_are_refused_with_a_message(dept: FlaskClient, changes: dict, message: str) -> None:
    response = post_form(dept, "/supervision/treatments", _treatment_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GradeTreatment)) == 0


def test_the_grade_command_stores_counts_per_department_and_area(app: Flask, world: World, dept: FlaskClient,
                                                                 admin: FlaskClient) -> None:  # fmt: skip
    runner = app.test_cli_runner()
    result = runner.invoke(args=["grade", "--day", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("graded=6 day=2026-11-23 rules=v0")
    snapshot = db.session.scalar(sa.select(GradeSnapshot))
    overall = dict(db.session.execute(sa.select(GradeCount.grade, GradeCount.count).where(
        GradeCount.department_uscc == "", GradeCount.area_code == "")).all())  # fmt: skip
    assert overall == {Grade.D: 1, Grade.C: 2, Grade.A: 1, Grade.B: 2}
    again = runner.invoke(args=["grade", "--day", TODAY.isoformat()])  # a re-run replaces the day's snapshot
    assert again.exit_code == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GradeSnapshot)) == 1
    assert snapshot.subjects == 6
    html = admin.get("/supervision/stats").get_data(as_text=True)
    assert "株洲市财政局" in html
    assert "430200" in html
    assert "6 subjects in all" in html
    own = dept.get("/supervision/stats").get_data(as_text=True)
    assert "Subjects with records of your department" in own
    assert "株洲市财政局" not in own  # another department's row is not shown to a department
    assert admin.get("/supervision/stats?day=2026-11-22").status_code == 200
    assert "No grade snapshot for this day." in admin.get("/supervision/stats?day=2026-11-22").get_data(as_text=True)
    assert admin.get("/supervision/stats?day=not-a-day").status_code == 400


@pytest.mark.parametrize("day", ["2026-13-01", "tomorrow", "20261123x"])
def test_the_grade_command_refuses_a_bad_day(app: Flask, day: str) -> None:
    result = app.test_cli_runner().invoke(args=["grade", "--day", day])
    assert result.exit_code == 2
    assert "not a date" in result.output
    assert "Traceback" not in result.output


def test_rules_about_kinds_not_registered_yet_find_nothing(world: World) -> None:
    from portal import kinds
    from portal.supervision.facts import LOADERS, Scope

    scope = Scope(lambda column: column.is_not(None), TODAY, TODAY - timedelta(days=3650))
    for kind in ("rating", "inspection"):
        if kinds.find(kind) is None:
            assert list(LOADERS[kind](db.session, scope)) == []
    from portal.domain.grading import KIND_ATTRIBUTES

    assert set(LOADERS) == set(KIND_ATTRIBUTES)


def test_staff_look_up_a_subjects_grade_with_its_reasons(dept: FlaskClient, world: World) -> None:
    html = dept.get(f"/supervision/subjects?uscc={world.d.lower()}").get_data(as_text=True)
    assert "D Poor credit" in html
    assert "列入严重失信主体名单" in html
    assert "政府采购领域严重违法失信主体" in html
    html = dept.get(f"/supervision/subjects?uscc={world.b}").get_data(as_text=True)
    assert "No grading rule matches: the subject has the standard grade." in html
    unknown = "91430200MA4T0Q0Q0Q"
    from portal.domain import uscc

    unknown = uscc.make_uscc(unknown[:17])
    html = dept.get(f"/supervision/subjects?uscc={unknown}").get_data(as_text=True)
    assert "No subject with this code is on this platform." in html
    assert "Unified social credit code" in dept.get("/supervision/subjects").get_data(as_text=True)


@pytest.mark.parametrize("value", ["", "123", "91430200MA4L0A1B7X", "<script>", "9" * 500, "＇ OR 1=1"])
def test_a_bad_code_is_refused_with_a_message(dept: FlaskClient, value: str) -> None:
    response = dept.get("/supervision/subjects", query_string={"uscc": value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Enter a valid 18-character unified social credit code." in html or "This field is required." in html
    assert "<script>" not in html.split("</header>")[-1]


def test_penalties_are_selected_by_every_rule_about_them(world: World) -> None:
    from portal.domain.grading_rules import parse_rule_set
    from tests.factories import PenaltyFactory

    old_minor = PenaltyFactory(severity=Severity.MINOR, decided_on=TODAY - timedelta(days=700),
                               public_until=TODAY + timedelta(days=1)).subject_id  # fmt: skip
    rules = parse_rule_set({"rules": [
        {"code": "C1", "grade": "C", "kind": "penalty", "window": "in_force", "label": "处罚公示期内"},
        {"code": "D1", "grade": "D", "kind": "penalty", "window": "recent", "months": 24,
         "match": {"severity": "minor"}, "min_count": 1, "label": "两年内轻微处罚"},
    ]})  # fmt: skip
    result = grading.grade_ids(db.session, [old_minor], rules, TODAY)[old_minor]
    assert (result.grade, [r.rule_code for r in result.reasons]) == (Grade.D, ["D1"])
    later = grading.grade_ids(db.session, [old_minor], rules, TODAY + timedelta(days=40))[old_minor]
    assert later.grade is Grade.B  # 24 months have passed and its publicity ended
    only_in_force = parse_rule_set({"rules": [{"code": "C1", "grade": "C", "kind": "penalty", "window": "in_force",
                                               "label": "处罚公示期内"}]})  # fmt: skip
    for days, expected in ((1, Grade.C), (2, Grade.B)):  # public_until is TODAY + 1, inclusive
        on = TODAY + timedelta(days=days)
        assert grading.grade_ids(db.session, [old_minor], only_in_force, on)[old_minor].grade is expected
