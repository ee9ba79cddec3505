"""Quality on the first evaluation set (tests/chat/eval.jsonl, never used for training, but written while the training
utterances were tuned, so optimistic: see test_eval_fresh.py for the held-out figures): intent accuracy ≥ 90 % and
answer correctness ≥ 85 % (every key fact of the item appears in the JSON answer). Prints a confusion summary.
"""

from __future__ import annotations

from collections import Counter

import pytest
from flask import Flask

from portal.chat.intents import INTENTS, load_training
from tests.chat.conftest import Bot
from tests.chat.evaluation import evaluate, index_examples, load

EVAL = load("eval.jsonl")


def test_the_evaluation_set_is_large_separate_and_covers_every_intent() -> None:
    assert len(EVAL) >= 150
    assert {item["intent"] for item in EVAL} == set(INTENTS)
    training = load_training()
    assert not {item["text"] for item in EVAL} & {text for text, _ in training}
    per_intent = Counter(intent for _, intent in training)
    assert set(per_intent) == set(INTENTS)
    assert min(per_intent.values()) >= 40


@pytest.mark.parametrize("indexed", [False, True], ids=["sql-fallback", "search-index"])
def test_intent_accuracy_and_answer_correctness(examples: Flask, bot: Bot, indexed: bool) -> None:
    if indexed:
        index_examples(examples)
    result = evaluate(bot, EVAL)
    print("\n" + result.summary("eval.jsonl"))
    assert result.accuracy >= 0.90
    assert result.correctness >= 0.85
