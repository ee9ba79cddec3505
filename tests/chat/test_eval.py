"""Quality on the held-out evaluation set (tests/chat/eval.jsonl, never used for training): intent accuracy ≥ 90 %
and answer correctness ≥ 85 % (every key fact of the item appears in the JSON answer). Prints a confusion summary.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from flask import Flask

from portal import indexing
from portal.chat.intents import INTENTS, load_training
from portal.extensions import db
from tests.chat.conftest import Bot
from tests.conftest import TODAY

EVAL = [json.loads(line) for line in (Path(__file__).parent / "eval.jsonl").read_text(encoding="utf-8").splitlines()]


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
        indexing.reindex(db.session, indexing.get_backend(examples), TODAY)
        db.session.commit()
    confusion: Counter[tuple[str, str]] = Counter()
    right_intent = right_answer = 0
    misses = []
    for item in EVAL:
        bot.sid = None  # each question starts a fresh conversation
        answer = bot(item["text"])
        confusion[(item["intent"], answer["intent"])] += 1
        right_intent += answer["intent"] == item["intent"]
        dumped = json.dumps(answer, ensure_ascii=False)
        if all(fact in dumped for fact in item["facts"]):
            right_answer += 1
        else:
            misses.append((item["text"], answer["intent"], answer["reply"]["text"][:80]))
    accuracy, correctness = right_intent / len(EVAL), right_answer / len(EVAL)
    print(f"\nintent accuracy {accuracy:.1%}, answer correctness {correctness:.1%} on {len(EVAL)} questions")
    for expected in INTENTS:
        row = {got: n for (want, got), n in confusion.items() if want == expected and n}
        print(f"  {expected:20} {row}")
    for miss in misses:
        print("  miss:", *miss)
    assert accuracy >= 0.90
    assert correctness >= 0.85
