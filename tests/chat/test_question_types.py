"""Issue 20: the kinds of question a citizen asks beyond procedures, follow-ups that refer to earlier turns, lookups
that answer what was asked, knowledge written for this site, and the widget's first menu in the page's language.
Each case failed before (see the first run of tests/chat/data/eval_issue20.jsonl).
"""

from __future__ import annotations

import json
import re
from html import unescape

from flask import Flask

from portal.chat.intents import DATA
from tests.chat.conftest import Bot


def test_a_warning_needs_no_repair_and_the_answer_says_so_first(bot: Bot) -> None:
    answer = bot("只是被警告了，需要做信用修复吗？")
    assert answer["intent"] == "repair_eligibility"
    assert answer["reply"]["text"].startswith("不需要。")
    assert "不公示" in answer["reply"]["text"]


def test_a_serious_dishonesty_list_entry_can_be_repaired_by_its_authority(bot: Bot) -> None:
    answer = bot("被列入严重失信主体名单还能修复吗")
    assert answer["intent"] == "repair_eligibility"
    assert answer["reply"]["text"].startswith("可以。")
    assert "认定单位" in answer["reply"]["text"]


def test_a_record_question_answers_yes_or_no_before_describing_the_record(bot: Bot) -> None:
    text = bot("株市监罚〔2026〕15号现在可以修复吗")["reply"]["text"]
    assert text.startswith("暂时不能。")
    assert "2027-03-11" in text


def test_how_long_a_fine_stays_published_is_the_publicity_period(bot: Bot) -> None:
    answer = bot("我们公司那条罚款记录要在网上挂多久？")
    assert answer["intent"] == "record_explain"
    assert "公示1年" in answer["reply"]["text"]
    assert "公示3年" in answer["reply"]["text"]
    assert "异议" not in answer["reply"]["text"]


def test_definitions_and_differences_of_lists_are_answered_not_their_measures(bot: Bot) -> None:
    difference = bot("严重失信主体名单和重点关注名单有什么区别")
    assert difference["intent"] == "policy_faq"
    assert "重点关注名单" in difference["reply"]["text"]
    assert "适用的措施" not in difference["reply"]["text"]
    definition = bot("严重失信主体名单是什么意思")
    assert definition["intent"] == "policy_faq"
    assert "联合惩戒" in definition["reply"]["text"]
    assert "适用的措施" not in definition["reply"]["text"]


def test_it_refers_to_the_subject_of_the_previous_answer(bot: Bot) -> None:
    bot("株洲示例燃气有限公司有没有失信记录")
    answer = bot("它的红名单是什么")
    assert answer["intent"] == "subject_lookup"
    assert "纳税信用A级纳税人" in answer["reply"]["text"]
    assert answer["cards"][0]["url"] == "/subjects/91430202MA4Q7K3C8H"


def test_this_penalty_refers_to_the_record_of_the_previous_answer(bot: Bot) -> None:
    bot("株市监罚〔2026〕15号是什么")
    assert "2029-03-10" in bot("这条处罚要挂多久")["reply"]["text"]


def test_this_company_s_penalty_is_the_one_of_the_subject_looked_up(bot: Bot) -> None:
    bot("株洲示例食品有限公司信用怎么样")
    answer = bot("这家公司的处罚能修复吗")
    assert answer["intent"] == "repair_eligibility"
    assert "2027-03-11" in answer["reply"]["text"]


def test_that_list_refers_to_the_list_of_the_previous_answer(bot: Bot) -> None:
    bot("重点关注名单有哪些监管措施")
    answer = bot("那个名单是什么意思")
    assert answer["intent"] == "policy_faq"
    assert "重点关注名单" in answer["reply"]["text"]


def test_a_lookup_answers_what_was_asked_with_a_link_to_each_record(bot: Bot) -> None:
    permits = bot("株洲示例食品有限公司的行政许可有哪些")
    assert "株市监食许〔2026〕102号" in permits["reply"]["text"]
    urls = [card["url"] for card in permits["cards"]]
    assert urls[0] == "/subjects/91430200MA4L0A1B7K"
    assert any(url.startswith("/permits/") for url in urls)
    penalties = bot("株洲示例食品有限公司罚过款没有")
    assert "株市监罚〔2026〕15号" in penalties["reply"]["text"]
    assert any(card["url"].startswith("/penalties/") for card in penalties["cards"])


def test_a_declined_topic_does_not_decide_the_intent(bot: Bot) -> None:
    assert bot("不用转人工，问下异议怎么提")["intent"] == "objection_howto"


def test_an_english_question_naming_a_chinese_term_is_answered_in_english(bot: Bot) -> None:
    text = bot("what does 双公示 mean")["reply"]["text"]
    assert "7 working days" in text
    assert not re.search(r"[\u4e00-\u9fff]", text)


def test_the_knowledge_base_states_no_other_city_s_rules_as_this_site_s() -> None:
    text = (DATA / "faq.json").read_text(encoding="utf-8")
    for place in ("忻州", "株洲", "凌源", "历下", "广元", "湖南", "原文", "部分地方"):
        assert place not in text, place


def _menu(html: str) -> list[dict[str, str]]:
    found = re.search(r"data-menu='([^']*)'", html)
    assert found, "no data-menu on the widget"
    return json.loads(unescape(found.group(1)))


# One language per test: the fixtures keep one application context, where Flask-Babel caches the first locale.
def test_the_widget_s_first_menu_comes_translated_from_the_page(examples: Flask) -> None:
    chinese = _menu(examples.test_client().get("/").get_data(as_text=True))
    assert chinese[0] == {"title": "查询企业信用", "payload": "我想查一家公司"}
    assert chinese[-1]["title"] == "转人工"


def test_the_widget_s_first_menu_is_english_on_an_english_page(examples: Flask) -> None:
    client = examples.test_client()
    client.set_cookie("locale", "en")
    english = _menu(client.get("/").get_data(as_text=True))
    assert english[0] == {"title": "Look up a company", "payload": "I want to look up a company"}
    assert english[-1]["title"] == "Talk to a person"


def test_the_quick_reply_after_a_lookup_asks_about_that_subject_s_penalty(bot: Bot) -> None:
    lookup = bot("株洲示例食品有限公司信用怎么样")
    assert "这条处罚能修复吗" in [s["payload"] for s in lookup["suggestions"]]
    answer = bot("这条处罚能修复吗")
    assert answer["intent"] == "repair_eligibility"
    assert "2027-03-11" in answer["reply"]["text"]
    without = bot("株洲示例燃气有限公司信用怎么样")  # no penalty: the quick reply is not offered
    assert "这条处罚能修复吗" not in [s["payload"] for s in without["suggestions"]]


def test_politeness_around_a_question_does_not_make_it_a_greeting(bot: Bot) -> None:
    assert bot("你好，请问异议要交什么材料，谢谢")["intent"] == "objection_howto"
    assert bot("您好，我想咨询一下")["intent"] == "greeting"
