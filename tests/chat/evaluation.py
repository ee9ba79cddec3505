"""Shared mechanics of the chat evaluation sets (tests/chat/eval*.jsonl).

An item is {"text", "intent", "facts", "absent" (optional), "before" (optional)}: the answer is correct when every fact
occurs in the JSON answer and no "absent" string does (e.g. a non-public 文号 or an unmasked name). Each question starts
a fresh conversation; the messages of "before" are sent first in it (questions that refer to earlier turns).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask

from portal.chat.intents import INTENTS
from portal.extensions import db
from portal.indexing.backend import get_backend
from portal.indexing.outbox import reindex
from tests.chat.conftest import Bot
from tests.conftest import TODAY

HERE = Path(__file__).parent


def load(name: str) -> list[dict[str, Any]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def canonical(text: str) -> str:
    """The form under which two questions count as the same text (width, case and spacing ignored)."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


@dataclass
class Result:
    total: int
    right_intent: int = 0
    right_answer: int = 0
    with_facts: int = 0  # items that name facts (the others only check the intent and "absent")
    right_facts: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right_intent / self.total

    @property
    def correctness(self) -> float:
        return self.right_answer / self.total

    @property
    def fact_accuracy(self) -> float:
        """Answer facts over the items that name some (an intent-only item would count as right for free)."""
        return self.right_facts / max(self.with_facts, 1)

    def summary(self, label: str) -> str:
        lines = [
            f"{label}: intent accuracy {self.accuracy:.1%}, answer correctness {self.correctness:.1%} "
            f"on {self.total} questions, answer facts {self.fact_accuracy:.1%} on {self.with_facts}"
        ]
        for expected in INTENTS:
            row = {got: n for (want, got), n in sorted(self.confusion.items()) if want == expected and n}
            lines.append(f"  {expected:20} {row}")
        lines.extend("  miss: " + " | ".join(miss) for miss in self.misses)
        return "\n".join(lines)


def index_examples(app: Flask) -> None:
    reindex(db.session, get_backend(app), TODAY)
    db.session.commit()


def evaluate(bot: Bot, items: list[dict[str, Any]]) -> Result:
    result = Result(total=len(items))
    for item in items:
        bot.sid = None  # each question starts a fresh conversation
        for earlier in item.get("before", ()):
            bot(earlier)
        answer = bot(item["text"])
        result.confusion[(item["intent"], answer["intent"])] += 1
        result.right_intent += answer["intent"] == item["intent"]
        dumped = json.dumps(answer, ensure_ascii=False)
        lacking = [fact for fact in item["facts"] if fact not in dumped]
        leaked = [text for text in item.get("absent", ()) if text in dumped]
        right = not lacking and not leaked
        result.right_answer += right
        if item["facts"]:
            result.with_facts += 1
            result.right_facts += right
        if not right or answer["intent"] != item["intent"]:
            why = ("lacks " + ",".join(lacking) if lacking else "") + (" leaks " + ",".join(leaked) if leaked else "")
            result.misses.append(
                (item["text"], f"{item['intent']}->{answer['intent']}", why.strip(), answer["reply"]["text"][:70])
            )
    return result
