"""Reply shapes shared by the intent handlers: the conversation context, the reply (CONTRACT.md) and FAQ answers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from portal.chat import knowledge
from portal.chat.intents import PERSONAL_CREDIT_RE, Classification
from portal.chat.menu import MENU


@dataclass
class Context:
    db: Session
    today: date
    session_id: str
    state: dict[str, Any]
    english: bool = False
    backend: Any = None  # the search backend (subject names); None = database only
    followup: bool = False  # the message answers the bot's clarifying question

    def t(self, zh: str, en: str) -> str:
        return en if self.english else zh


@dataclass
class Reply:
    type: str
    text: str
    intent: str
    confidence: float
    cards: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)

    def as_json(self, session_id: str) -> dict[str, Any]:
        return {
            "session_id": session_id,
            "reply": {"type": self.type, "text": self.text},
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "cards": self.cards,
            "suggestions": self.suggestions or list(MENU),
            "sources": self.sources,
        }


def menu(*titles: str) -> list[dict[str, str]]:
    return [{"title": t, "payload": t} for t in titles]


def is_english(message: str) -> bool:
    return not re.search(r"[\u4e00-\u9fff]", message) and bool(re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", message))


def link(title: str, url: str) -> dict[str, Any]:
    return {"type": "link", "title": title, "url": url, "data": {}}


# The site's own pages where an intent's procedure is carried out (beside the guide the FAQ entry cites).
SERVICE_PAGES = {
    "credit_report": (
        ("申请信用报告", "Request a credit report", "/reports/new"),
        ("信用报告核验", "Verify a report", "/verify"),
    ),
}


def faq(message: str, found: Classification, ctx: Context, intent: str | None = None) -> Reply:
    hits = knowledge.retrieve(message, found.intent)
    text = "\n".join(h.en if ctx.english else h.zh for h in hits)
    sources = list({h.source_url: {"title": h.source_title, "url": h.source_url} for h in hits}.values())
    sources += [{"title": ctx.t(zh, en), "url": url} for zh, en, url in SERVICE_PAGES.get(found.intent, ())]
    return Reply(
        "faq",
        text,
        intent or found.intent,
        found.confidence,
        cards=[link(s["title"], s["url"]) for s in sources],
        suggestions=menu("还有其他问题", "转人工"),
        sources=sources,
    )


def out_of_scope(message: str, found: Classification, ctx: Context) -> Reply:
    text = ctx.t(
        "抱歉，这个问题超出了我的服务范围。我可以回答信用信息查询、信用修复、异议、投诉举报、"
        "信用报告和名单措施等问题，也可以为您转人工。",
        "Sorry, that is outside what I can help with. I can answer questions about credit records, "
        "repair, objections, complaints, reports and lists, or pass you to a human.",
    )
    if PERSONAL_CREDIT_RE.search(message):
        text += ctx.t(
            "个人征信报告由中国人民银行征信中心提供，芝麻信用等信用评分由相应的市场机构提供，均不在本站查询范围。",
            " Personal credit reports come from the People's Bank of China Credit Reference Center and credit scores "
            "from the companies that compute them; this site does not hold either.",
        )
    return Reply("text", text, found.intent, found.confidence)
