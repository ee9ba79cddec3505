"""The chat answers "can this be repaired?" with the repair form's own rule (portal.domain.repair)."""

from __future__ import annotations

from flask import Flask

from portal import clock
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.submissions import targets
from tests.chat.conftest import Bot
from tests.submissions.fixtures import PERSON_NO, SERIOUS_NO, penalty, penalty_id, site  # noqa: F401

RED_LIST_DOC = "株税信〔2026〕2号"  # 纳税信用A级纳税人 of 株洲示例燃气有限公司 (tests/data/standard-list.csv)


def _form_reason(record: str) -> str:
    target = targets.find_target(db.session, targets.parse_ref(record), clock.today())
    assert target is not None
    return str(targets.repair_eligibility(target, clock.today()).reason)


def test_a_red_list_entry_is_not_offered_repair(site: Flask) -> None:  # noqa: F811
    answer = Bot(site)(f"{RED_LIST_DOC}能修复吗")
    text = answer["reply"]["text"]
    assert answer["intent"] == "repair_eligibility"
    assert "纳税信用A级纳税人" in text
    assert "该记录不属于失信信息，无需信用修复。" in text
    assert "办理修复" not in text
    assert "提交申请" not in text
    assert answer["cards"][0]["data"]["repair_eligible"] is False
    assert answer["cards"][0]["data"]["repair_reason"] == "not_repairable"


def test_a_record_with_an_objection_in_progress_gets_the_forms_answer(site: Flask) -> None:  # noqa: F811
    penalty(PERSON_NO).status = RecordStatus.UNDER_OBJECTION  # 一般, repairable since 2026-08-06 otherwise
    db.session.commit()
    record = f"penalty:{penalty_id(PERSON_NO)}"
    form = site.test_client().get(f"/repairs/new?record={record}").get_data(as_text=True)
    answer = Bot(site)(f"{PERSON_NO}现在能申请信用修复吗")
    data = answer["cards"][0]["data"]
    assert _form_reason(record) == data["repair_reason"] == "under_objection"
    assert data["repair_eligible"] is False
    # Word for word the sentence of the repair form, not "现在即可申请修复".
    shown = form.split('id="eligibility">', 1)[1].split("</p>", 1)[0]
    assert "异议" in shown
    assert shown in answer["reply"]["text"]
    assert "现在即可申请修复" not in answer["reply"]["text"]


def test_a_penalty_past_its_minimum_period_can_be_repaired_in_both_places(site: Flask) -> None:  # noqa: F811
    record = f"penalty:{penalty_id(PERSON_NO)}"
    answer = Bot(site)(f"{PERSON_NO}现在能申请信用修复吗")
    data = answer["cards"][0]["data"]
    assert _form_reason(record) == data["repair_reason"] == "eligible"
    assert data["repair_possible_from"] == "2026-08-06"
    assert "自 2026-08-06 起可修复" in answer["reply"]["text"]
    too_early = Bot(site)(f"{SERIOUS_NO}能修复吗")
    assert too_early["cards"][0]["data"]["repair_reason"] == _form_reason(f"penalty:{penalty_id(SERIOUS_NO)}")
    assert "最早可于 2027-03-11 申请修复" in too_early["reply"]["text"]
