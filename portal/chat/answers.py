"""One reply per intent: classify (with the pending slot of the conversation), then the intent's handler.

Grounded handlers live in grounded.py, FAQ answers in replies.py, the shapes in types.py. Every text goes through
gettext: services.chat runs respond() inside force_locale.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext as _

from portal.chat import followups, kind_words, lookups, tickets
from portal.chat.cards import handoff_ticket, ticket_card, ticket_status_label, ticket_text
from portal.chat.grounded import record_explain, repair_eligibility, subject_lookup, submission_status
from portal.chat.intents import (
    CODE_RE,
    DEFINITION_RE,
    DOC_NO_RE,
    NAMED_ORG_RE,
    SPLIT_CODE_RE,
    TRACKING_RE,
    USCC_RE,
    Classification,
    classify,
)
from portal.chat.nlp import clean_message
from portal.chat.questions import DURATION_RE
from portal.chat.replies import faq, out_of_scope
from portal.chat.types import Context, Reply, menu, source

__all__ = ["respond"]

FAQ_INTENTS = ("repair_howto", "objection_howto", "complaint_howto", "credit_report", "policy_faq")
_QUESTION = re.compile(r"怎么|如何|什么|为什么|哪些|吗|？|\?|how|what|why", re.IGNORECASE)


def respond(message: str, ctx: Context) -> Reply:
    """Classify (with the pending slot of the conversation), answer, and update ctx.state."""
    message = clean_message(message)  # full-width and Traditional input reads like the data
    answered = ticket_reply(message, ctx)
    if answered is not None:
        ctx.state["pending"], ctx.state["failures"] = None, 0
        return answered
    message = followups.resolve(message, ctx.state)  # "它的红名单" → "<the subject of the last answer>的红名单"
    found = classify(message)
    pending = ctx.state.get("pending")
    if pending and found.intent not in ("handoff", "greeting"):
        if pending == "subject_lookup" and (
            found.intent in ("subject_lookup", "out_of_scope") or not _QUESTION.search(message)
        ):
            found, ctx.followup = Classification("subject_lookup", max(found.confidence, 0.8)), True
        elif pending == "submission_status" and (TRACKING_RE.search(message) or CODE_RE.search(message.upper())):
            found = Classification("submission_status", 1.0)
        elif pending == "record" and DOC_NO_RE.search(message) and found.intent not in ("repair_eligibility",):
            found = Classification(ctx.state.get("pending_intent") or "record_explain", max(found.confidence, 0.9))
    ctx.state["pending"] = None
    found = _record_kind_question(message, found)
    reply = HANDLERS[found.intent](message, found, ctx)
    if found.intent == "out_of_scope" or reply.type == "clarify" and found.intent != "subject_lookup":
        ctx.state["failures"] = ctx.state.get("failures", 0) + 1
    else:
        ctx.state["failures"] = 0
    if ctx.state["failures"] >= 2 and reply.intent == "out_of_scope":
        opened = handoff_ticket(ctx, message, "failed")
        reply.text += _(" I have passed your question to our staff, who will reply as soon as possible.")
        reply.text += "\n" + ticket_text(opened)
        reply.type = "handoff"
        reply.cards = [ticket_card(opened)]
        ctx.state["failures"] = 0
    return reply


# "拿过/得过/受过/被…过": whether someone had such a record, a question about a subject rather than a definition.
_HAD_ONE = re.compile(r"[拿得受获评]过|被.{1,8}过|有没有.{0,6}(记录|过)|\b(has|had|did)\b", re.IGNORECASE)
_IS_A = re.compile(r"算是|算不算|属于|是不是一种|kind of|type of|form of", re.IGNORECASE)
_PROCEDURE = re.compile(r"修复|异议|投诉|举报|报告|repair|objection|complain|report", re.IGNORECASE)
_LIST_WORDS = re.compile(r"名单|名录|老赖|惩戒|激励|奖惩|\blists?\b|blacklist", re.IGNORECASE)


def _record_kind_question(message: str, found: Classification) -> Classification:
    """A question that names a kind of record the registry explains (行政强制, 信用承诺…), and no list, is about that
    kind: "<company>有强制措施吗" or "示例燃气拿过什么奖" looks up the subject; "扣押财物要公示多久" or
    "查封算是行政强制吗" asks the kind's FAQ, not a list's measures, the penalty periods, an application's progress
    nor a subject."""
    if DOC_NO_RE.search(message) or TRACKING_RE.search(message) or _LIST_WORDS.search(message):
        return found
    if not kind_words.faq_ids(message):
        return found
    named = NAMED_ORG_RE.search(message) or USCC_RE.search(message.upper())
    if found.intent == "subject_lookup" and not named and _IS_A.search(message):
        return Classification("policy_faq", found.confidence)
    had_one = _HAD_ONE.search(message) and not DEFINITION_RE.search(message)
    if found.intent in ("policy_faq", "list_measures", "record_explain", "submission_status") and (named or had_one):
        return Classification("subject_lookup", found.confidence)
    if found.intent in ("list_measures", "record_explain") or (
        found.intent in FAQ_INTENTS and DURATION_RE.search(message) and not _PROCEDURE.search(message)
    ):
        return Classification("policy_faq", found.confidence)
    return found


def list_measures(message: str, found: Classification, ctx: Context) -> Reply:
    info = lookups.find_list_type(ctx.db, message)
    if info is None:
        ctx.state["pending"] = None
        return Reply(
            "clarify",
            _("Please tell me the name of the list, for example “纳税信用A级纳税人” or “失信被执行人”."),
            found.intent,
            found.confidence,
            suggestions=menu(_("What incentives does the red list bring"), _("What punishments apply to 失信被执行人")),
            sources=[source(_("Credit lists"), "/lists")],
        )
    rows = lookups.measures(ctx.db, info)
    followups.remember(ctx.state, listed=info.name)
    url = f"/lists/type/{info.id}"
    shown = rows[:6]
    lines = [
        _("%(n)s. %(measure)s (%(mode)s)", n=i, measure=r.measure, mode=_mode(r.mandatory))
        for i, r in enumerate(shown, 1)
    ]
    more = _("… %(count)s measures in all, see the list page.", count=len(rows)) if len(rows) > len(shown) else ""
    if rows and ctx.english:  # the catalogue's measures are written in Chinese only: counted, not quoted
        mandatory = sum(1 for r in rows if r.mandatory)
        text = _(
            "%(count)s measures apply to “%(list)s” (%(mandatory)s mandatory, %(recommended)s recommended). The "
            "catalogue states them in Chinese: see the list page.",
            count=len(rows), list=info.name, mandatory=mandatory, recommended=len(rows) - mandatory,
        )  # fmt: skip
    elif rows:
        text = _("Measures that apply to “%(list)s”:", list=info.name) + "\n" + "\n".join(lines) + more
    else:
        text = _("No measures have been entered for “%(list)s” yet.", list=info.name)
    card = {
        "type": "link",
        "title": info.name,
        "url": url,
        "data": {
            "measures": [
                {"measure": r.measure, "mode": _mode(r.mandatory) if r.mandatory is not None else None} for r in shown
            ]
        },
    }
    return Reply(
        "entity_result",
        text,
        found.intent,
        found.confidence,
        cards=[card],
        suggestions=menu(_("What are joint rewards and punishments"), _("How does a subject leave a list")),
        sources=[{"title": info.name, "url": url}],
    )


def _mode(mandatory: bool | None) -> str:
    if mandatory is None:
        return _("not stated")
    return _("mandatory") if mandatory else _("recommended")


def greeting(message: str, found: Classification, ctx: Context) -> Reply:
    return Reply(
        "text",
        _(
            "Hello! I am the credit portal's assistant. I can look up the public information of a company, explain "
            "a penalty record, tell whether a record can be repaired, explain how objections, complaints and reports "
            "are handled, and look up the status of an application. How can I help you?"
        ),
        found.intent,
        found.confidence,
    )


def handoff(message: str, found: Classification, ctx: Context) -> Reply:
    opened = handoff_ticket(ctx, message, "asked")
    return Reply(
        "handoff",
        _("Your question has been passed to our staff, who will reply as soon as possible during working hours.")
        + "\n"
        + ticket_text(opened),
        found.intent,
        found.confidence,
        cards=[ticket_card(opened)],
        suggestions=menu(_("Back to the menu")),
    )


def ticket_reply(message: str, ctx: Context) -> Reply | None:
    """The staff answer to a consultation ticket, when the message holds its number (ZX…) and 查询码."""
    number = tickets.NUMBER_RE.search(message)
    rest = SPLIT_CODE_RE.sub(r"\1\2", tickets.NUMBER_RE.sub(" ", message).upper())  # ABCDE-FGHJK as shown
    code = CODE_RE.search(rest) if number else None
    if number is None or code is None:
        return None
    found = tickets.lookup(ctx.db, number.group(0), code.group(1))
    sources = [source(_("Consultation replies"), "/chat/ticket")]
    if found is None:
        text = _("No consultation matches this ticket number and query code. Please check them and try again.")
    elif found.reply:
        text = _("Reply to consultation ticket %(number)s:", number=found.number) + "\n" + found.reply
    else:
        text = _(
            "Consultation ticket %(number)s has not been answered yet (%(status)s). Please check again later.",
            number=found.number,
            status=ticket_status_label(found.status),
        )
    return Reply("status", text, "handoff", 1.0, suggestions=menu(_("Back to the menu")), sources=sources)


HANDLERS: dict[str, Callable[[str, Classification, Context], Reply]] = {
    "subject_lookup": subject_lookup,
    "record_explain": record_explain,
    "repair_eligibility": repair_eligibility,
    "submission_status": submission_status,
    "list_measures": list_measures,
    "greeting": greeting,
    "handoff": handoff,
    "out_of_scope": out_of_scope,
    **{i: faq for i in FAQ_INTENTS},
}
