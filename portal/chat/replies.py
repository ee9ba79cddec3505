"""Answers from the procedure knowledge base (FAQ) and the out-of-scope answer."""

from __future__ import annotations

import re

from flask_babel import gettext as _

from portal.chat import kind_words, knowledge
from portal.chat.intents import PERSONAL_CREDIT_RE, Classification
from portal.chat.types import Context, Reply, link, menu, source


def is_english(message: str) -> bool:
    """A message written in English (two words or more, or one word alone such as "thx"; Chinese names or terms
    inside it are fine while Latin letters outnumber Han characters): answered in English."""
    if len(re.findall(r"[\u4e00-\u9fff]", message)) >= len(re.findall(r"[A-Za-z]", message)):
        return False
    two_words = re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", message)
    return bool(two_words or re.fullmatch(r"\s*[A-Za-z]{2,}[\s!.?~]*", message))


def service_pages(intent: str) -> list[dict[str, str]]:
    """The site's own pages where an intent's procedure is carried out (beside the guide the FAQ entry cites)."""
    if intent == "credit_report":
        return [source(_("Request a credit report"), "/reports/new"), source(_("Verify a report"), "/verify")]
    return []


def faq(message: str, found: Classification, ctx: Context, intent: str | None = None) -> Reply:
    # A definition question that names a record kind ("什么是行政强制") is answered from that kind's entries.
    among = tuple(kind_words.faq_ids(message)) if found.intent == "policy_faq" else ()
    hits = knowledge.retrieve(message, found.intent, among=among)
    text = "\n".join(h.en if ctx.english else h.zh for h in hits)
    sources = list({h.source_url: {"title": h.source_title, "url": h.source_url} for h in hits}.values())
    sources += service_pages(found.intent)
    return Reply(
        "faq",
        text,
        intent or found.intent,
        found.confidence,
        cards=[link(s["title"], s["url"]) for s in sources],
        suggestions=menu(_("I have another question"), _("Talk to a person")),
        sources=sources,
    )


def out_of_scope(message: str, found: Classification, ctx: Context) -> Reply:
    text = _(
        "Sorry, that question is outside what I can help with. I can answer questions about looking up credit "
        "information, credit repair, objections, complaints and reports, credit reports and list measures, or pass "
        "you to a member of staff."
    )
    if PERSONAL_CREDIT_RE.search(message):
        text += _(
            " Personal credit reports are provided by the Credit Reference Center of the People's Bank of China, and "
            "credit scores such as Sesame Credit by the companies that compute them; neither can be looked up on "
            "this site."
        )
    return Reply("text", text, found.intent, found.confidence)
