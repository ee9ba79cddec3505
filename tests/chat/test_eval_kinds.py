"""The kinds of issue 16 in the chat (行政强制, 荣誉/行政奖励, 信用承诺 and 违诺; 信用评价 once registered), on
the held-out set tests/chat/data/eval_kinds.jsonl: a subject's records of each kind, what the kinds are and how they
are published, in colloquial Chinese with typos, Traditional characters and English. Written before the wording and
the training lines for these kinds and never used for training.
`python benchmarks/chat_eval.py --set data/eval_kinds.jsonl --all-kinds` prints every miss.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from flask import Flask

from portal.chat import lookups, sessions
from portal.chat.intents import INTENTS, load_training
from portal.chat.services import chat
from portal.extensions import db
from tests.chat.conftest import Bot, import_more_examples
from tests.chat.evaluation import canonical, evaluate, index_examples, load
from tests.conftest import TODAY

SET = load("data/eval_kinds.jsonl")
TOPICS = ("commitment", "honour", "coercion", "rating", "commitment_faq", "coercion_faq")
MIN_INTENT_ACCURACY = 0.96  # first run (wording in place, no routing or training lines) 75.8 %; now 96.9 %
MIN_FACT_ACCURACY = 0.95  # first run 74.8 %; now 97.6 %


def test_the_set_covers_each_new_question_and_is_separate_from_training() -> None:
    per_topic = Counter(item["topic"] for item in SET)
    assert all(per_topic[topic] >= 20 for topic in TOPICS), per_topic
    for item in SET:
        assert set(item) <= {"topic", "text", "intent", "facts", "absent", "before"}, item
        assert item["intent"] in INTENTS
    texts = [canonical(item["text"]) for item in SET]
    assert len(set(texts)) == len(texts)
    training = {canonical(text) for text, _ in load_training()}
    assert not set(texts) & training, sorted(set(texts) & training)


@pytest.mark.parametrize("indexed", [False, True], ids=["sql-fallback", "search-index"])
def test_intent_accuracy_and_answer_facts(all_kinds: Flask, all_kinds_bot: Bot, indexed: bool) -> None:
    if indexed:
        index_examples(all_kinds)
    result = evaluate(all_kinds_bot, SET)
    print("\n" + result.summary("eval_kinds.jsonl"))
    assert result.accuracy >= MIN_INTENT_ACCURACY
    assert result.fact_accuracy >= MIN_FACT_ACCURACY


# What 王小明 (a natural person) has of each kind: not public (commitment, coercion) or public only masked (honour).
PRIVATE = ("王小明", "430202198503121235", "43020020260618000003", "申请出租汽车驾驶员从业资格注册")
PRIVATE += ("株城管强〔2026〕2号", "雨棚", "湘江救起")


@pytest.mark.parametrize(
    "question",
    [
        "王小明有没有信用承诺",
        "王小明的行政强制记录",
        "王小明得过什么荣誉",
        "株城管强〔2026〕2号是什么",
        "株城管强〔2026〕2号能修复吗",
        "43020020260618000003",
        "承诺编码43020020260618000003是谁的",
        "申请出租汽车驾驶员从业资格注册的承诺",
        "株政奖〔2026〕5号",
        "does 王小明 have any coercion records",
        "430202198503121235 的信用承诺",
    ],
)
def test_non_public_records_of_the_new_kinds_never_reach_a_reply(all_kinds_bot: Bot, question: str) -> None:
    answer = json.dumps(all_kinds_bot(question), ensure_ascii=False)
    leaked = [text for text in PRIVATE if text in answer]
    assert not leaked, (question, leaked, answer[:300])


def test_a_subject_s_broken_commitment_is_named_with_its_consequence(all_kinds_bot: Bot) -> None:
    answer = all_kinds_bot("株洲示例食品有限公司有没有违诺")
    text = answer["reply"]["text"]
    assert "申请办理食品经营许可" in text
    assert "部分履行（违诺）" in text
    assert "其中违诺 1 条" in text
    assert "公示1年" in text
    card = next(c for c in answer["cards"] if c["url"].startswith("/commitments/"))
    assert card["data"]["broken"] is True
    assert card["data"]["state"] == "部分履行"
    assert "刘晓红" not in json.dumps(answer, ensure_ascii=False)  # the handler of the commitment is no public fact


def test_a_fulfilled_commitment_is_not_counted_as_broken(all_kinds_bot: Bot) -> None:
    answer = all_kinds_bot("荷塘区示例餐饮店的信用承诺")
    assert "申请办理个体工商户设立登记" in answer["reply"]["text"]
    assert "违诺" not in answer["reply"]["text"]
    card = next(c for c in answer["cards"] if c["url"].startswith("/commitments/"))
    assert card["data"]["broken"] is False


def test_coercion_answers_say_whether_the_measure_is_lifted(all_kinds_bot: Bot) -> None:
    in_force = all_kinds_bot("株洲示例食品有限公司的行政强制")["reply"]["text"]
    assert "株市监强〔2026〕8号" in in_force
    assert "执行中" in in_force
    assert "2026-03-01" in in_force
    lifted = all_kinds_bot("荷塘区示例餐饮店有没有被扣押过财物")["reply"]["text"]
    assert "荷市监强〔2026〕3号" in lifted
    assert "已解除" in lifted


def test_honours_are_answered_in_english_with_translated_labels(all_kinds_bot: Bot) -> None:
    text = all_kinds_bot("what honours does 株洲示例燃气有限公司 have")["reply"]["text"]
    assert "Honours and rewards: “守合同重信用企业” (Provincial" in text
    assert "valid until 2028-05-19" in text


def test_a_subject_without_records_of_the_kind_is_told_so(all_kinds_bot: Bot) -> None:
    text = all_kinds_bot("株洲示例燃气有限公司有没有行政强制")["reply"]["text"]
    assert "没有公示中的行政强制决定" in text


def test_repair_questions_about_the_new_kinds(all_kinds_bot: Bot) -> None:
    broken = all_kinds_bot("违诺的记录还能修复吗")["reply"]["text"]
    assert broken.startswith("可以。")
    assert "3个月" in broken
    coercion = all_kinds_bot("被查封扣押的记录需要修复吗")["reply"]["text"]
    assert coercion.startswith("不需要。")
    assert "6个月" in coercion
    # A credit commitment as a condition of repair is not the commitment kind's question.
    assert "违诺" not in all_kinds_bot("不做信用承诺能修复吗")["reply"]["text"]


def test_the_mandatory_measures_of_joint_punishment_are_no_coercion(all_kinds_bot: Bot) -> None:
    text = all_kinds_bot("联合惩戒的强制措施和推荐措施有什么不同")["reply"]["text"]
    assert "行政强制法" not in text


@pytest.mark.parametrize(
    ("doc_no", "kind", "subject"),
    [
        ("株市监罚〔2026〕15号", "penalty", "株洲示例食品有限公司"),
        ("株市监强〔2026〕8号", "coercion", "株洲示例食品有限公司"),
        ("荷市监强（2026）3号", "coercion", "荷塘区示例餐饮店"),
        ("湘市监信〔2026〕12号", "honour", "株洲示例燃气有限公司"),
    ],
)
def test_a_record_of_any_kind_is_found_by_its_number_on_every_database(
    examples_any_db: Flask, tmp_path: Path, doc_no: str, kind: str, subject: str
) -> None:
    import_more_examples(tmp_path)
    found = lookups.find_record(db.session, TODAY, doc_no)
    assert found is not None
    assert found.kind == kind
    assert found.subject.name == subject
    assert lookups.find_record(db.session, TODAY, "株城管强〔2026〕2号") is None  # a natural person's coercion
    store = sessions.store_for(examples_any_db)
    answer = chat(db.session, store, TODAY, None, f"{doc_no}是什么")
    assert subject in answer["reply"]["text"]


def test_the_counts_sentence_names_kinds_and_list_categories_only(all_kinds_bot: Bot) -> None:
    """A derived count of the profile (good_rating: the best grades among the ratings) is no kind of its own."""
    text = all_kinds_bot("株洲示例食品有限公司信用怎么样")["reply"]["text"]
    assert "公示中的记录" in text
    assert "信用评价结果 0 条" in text
    assert "good_rating" not in text
