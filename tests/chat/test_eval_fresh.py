"""Quality on the held-out evaluation set tests/chat/eval_fresh.jsonl, written after the bot was built, in wording
independent of the training utterances and of eval.jsonl (typos, homophones, traditional characters, full-width
digits, English, polite padding, hard negatives). Issue 9 thresholds: intent accuracy ≥ 90 %, answer correctness
≥ 85 % (every fact present, no "absent" text such as a non-public 文号 or an unmasked name). Prints a confusion summary.
"""

from __future__ import annotations

from collections import Counter

import pytest
from flask import Flask

from portal.chat.intents import INTENTS, load_training
from tests.chat.conftest import Bot
from tests.chat.evaluation import canonical, evaluate, index_examples, load

FRESH = load("eval_fresh.jsonl")


def test_the_fresh_set_is_large_and_covers_every_intent() -> None:
    assert len(FRESH) >= 200
    per_intent = Counter(item["intent"] for item in FRESH)
    assert set(per_intent) == set(INTENTS)
    assert min(per_intent.values()) >= 12
    for item in FRESH:
        assert set(item) <= {"text", "intent", "facts", "absent"}, item
        assert item["text"].strip(), item
        assert item["facts"], item


def test_the_fresh_set_is_separate_from_training_and_the_first_set() -> None:
    fresh = [canonical(item["text"]) for item in FRESH]
    assert len(set(fresh)) == len(fresh), "duplicate questions in eval_fresh.jsonl"
    training = {canonical(text) for text, _ in load_training()}
    first = {canonical(item["text"]) for item in load("eval.jsonl")}
    assert not set(fresh) & training, sorted(set(fresh) & training)
    assert not set(fresh) & first, sorted(set(fresh) & first)


@pytest.mark.parametrize("indexed", [False, True], ids=["sql-fallback", "search-index"])
def test_held_out_intent_accuracy_and_answer_correctness(examples: Flask, bot: Bot, indexed: bool) -> None:
    if indexed:
        index_examples(examples)
    result = evaluate(bot, FRESH)
    print("\n" + result.summary("eval_fresh.jsonl"))
    assert result.accuracy >= 0.90
    assert result.correctness >= 0.85
