"""Ratings and inspection results in grading (data-standard §11, §14): the bottom and top of a scheme, default
validity, supersession by a newer rating, and a rule about inspection results."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from portal.domain.grading import Grade
from portal.domain.grading_rules import DEFAULT_RULE_SET, parse_rule_set, rule_set_to_data
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Inspection, Rating
from portal.supervision import grading
from tests.conftest import TODAY
from tests.factories import SubjectFactory

TAX = ("国家税务总局株洲市税务局", "11430200006123458Y")


def _common(n: int) -> dict:
    return {"status": RecordStatus.NOT_PUBLIC, "hold_reason": "政务共享", "public_from": TODAY,
            "source_name": TAX[0], "source_uscc": TAX[1], "row_hash": f"{n:064d}", "authority_name": TAX[0],
            "authority_uscc": TAX[1]}  # fmt: skip


def rating(subject_id: int, scheme: str, grade: str, days_ago: int, n: int) -> Rating:
    return Rating(subject_id=subject_id, scheme=scheme, scheme_key=scheme, doc_no=f"{scheme}{n}",
                  doc_key=f"{scheme}{n}", grade=grade, rated_on=TODAY - timedelta(days=days_ago), openness="政务共享",
                  **_common(n))  # fmt: skip


def grades(rule_set=DEFAULT_RULE_SET, **subjects: int) -> dict[str, tuple[Grade, list[str]]]:  # type: ignore[no-untyped-def]
    found = grading.grade_ids(db.session, list(subjects.values()), rule_set, TODAY)
    return {name: (found[sid].grade, [r.rule_code for r in found[sid].reasons]) for name, sid in subjects.items()}


def test_ratings_grade_by_their_place_in_the_scheme_while_in_force(app: Flask) -> None:
    worst, expired, superseded, customs = (SubjectFactory().id for _ in range(4))
    db.session.add_all([
        rating(worst, "纳税信用", "D", 100, 1),  # 评价日期 + 1 year − 1 day by default: in force
        rating(expired, "纳税信用", "D", 365, 2),  # the default validity ended yesterday
        rating(superseded, "环保信用", "黑", 200, 3),
        rating(superseded, "环保信用", "绿", 20, 4),  # the newer rating ends the older one
        rating(customs, "海关信用", "高级认证企业", 2000, 5),  # 海关信用 stays in force until changed
    ])  # fmt: skip
    db.session.commit()
    assert grades(worst=worst, expired=expired, superseded=superseded, customs=customs) == {
        "worst": (Grade.D, ["D3"]), "expired": (Grade.B, []), "superseded": (Grade.A, ["A2"]),
        "customs": (Grade.A, ["A2"])}  # fmt: skip


def test_a_rule_about_inspection_results(app: Flask) -> None:
    found = SubjectFactory().id
    db.session.add(Inspection(subject_id=found, doc_no="J-1", doc_key="J-1", check_type="双随机抽查", matters="食品",
                              inspected_on=TODAY - timedelta(days=30), result="责令改正", conclusion="发现问题",
                              **_common(9)))  # fmt: skip
    db.session.commit()
    data = rule_set_to_data(DEFAULT_RULE_SET)
    data["rules"].append({"code": "C9", "grade": "C", "kind": "inspection", "window": "recent", "months": 12,
                          "match": {"result": ["责令改正", "行政处罚"]}, "label": "一年内检查发现问题"})  # fmt: skip
    assert grades(parse_rule_set(data), found=found) == {"found": (Grade.C, ["C9"])}
    assert grades(found=found) == {"found": (Grade.B, [])}  # the default rule set has no inspection rule
