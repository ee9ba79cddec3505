"""One reply per intent: classify (with the pending slot of the conversation), then the intent's handler.

Grounded handlers live in grounded.py, shapes and FAQ answers in replies.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from portal.chat import lookups, tickets
from portal.chat.grounded import record_explain, repair_eligibility, subject_lookup, submission_status
from portal.chat.intents import CODE_RE, DOC_NO_RE, SPLIT_CODE_RE, TRACKING_RE, Classification, classify
from portal.chat.menu import TICKET_STATUS_ZH, handoff_ticket, ticket_card, ticket_text
from portal.chat.nlp import clean_message
from portal.chat.replies import Context, Reply, faq, is_english, menu, out_of_scope

__all__ = ["Context", "Reply", "is_english", "respond"]

FAQ_INTENTS = ("repair_howto", "objection_howto", "complaint_howto", "credit_report", "policy_faq")
_QUESTION = re.compile(r"怎么|如何|什么|为什么|哪些|吗|？|\?|how|what|why", re.IGNORECASE)


def respond(message: str, ctx: Context) -> Reply:
    """Classify (with the pending slot of the conversation), answer, and update ctx.state."""
    message = clean_message(message)  # full-width and Traditional input reads like the data
    answered = ticket_reply(message, ctx)
    if answered is not None:
        ctx.state["pending"], ctx.state["failures"] = None, 0
        return answered
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
    reply = HANDLERS[found.intent](message, found, ctx)
    if found.intent == "out_of_scope" or reply.type == "clarify" and found.intent != "subject_lookup":
        ctx.state["failures"] = ctx.state.get("failures", 0) + 1
    else:
        ctx.state["failures"] = 0
    if ctx.state["failures"] >= 2 and reply.intent == "out_of_scope":
        opened = handoff_ticket(ctx, message, "failed")
        reply.text += ctx.t(" 我已为您转人工，工作人员会尽快回复。", " I have passed your question to our staff.")
        reply.text += "\n" + ticket_text(ctx, opened)
        reply.type = "handoff"
        reply.cards = [ticket_card(opened)]
        ctx.state["failures"] = 0
    return reply


def list_measures(message: str, found: Classification, ctx: Context) -> Reply:
    info = lookups.find_list_type(ctx.db, message)
    if info is None:
        ctx.state["pending"] = None
        return Reply(
            "clarify",
            ctx.t("请告诉我名单的名称，例如“纳税信用A级纳税人”或“失信被执行人”。", "Which list?"),
            found.intent,
            found.confidence,
            suggestions=menu("红名单有什么激励", "失信被执行人有哪些惩戒"),
            sources=[{"title": "信用名单", "url": "/lists"}],
        )
    rows = lookups.measures(ctx.db, info)
    url = f"/lists/type/{info.id}"
    shown = rows[:6]
    lines = [
        f"{i}. {r.measure}（{'强制' if r.mandatory else '推荐' if r.mandatory is False else '未标明'}）"
        for i, r in enumerate(shown, 1)
    ]
    more = f"……共 {len(rows)} 项，详见名单页面。" if len(rows) > len(shown) else ""
    text = f"“{info.name}”适用的措施：\n" + "\n".join(lines) + more if rows else f"“{info.name}”暂无录入的措施。"
    card = {
        "type": "link",
        "title": info.name,
        "url": url,
        "data": {
            "measures": [
                {"measure": r.measure, "mode": "强制" if r.mandatory else "推荐" if r.mandatory is False else None}
                for r in shown
            ]
        },
    }
    return Reply(
        "entity_result",
        text,
        found.intent,
        found.confidence,
        cards=[card],
        suggestions=menu("什么是联合奖惩", "如何移出名单"),
        sources=[{"title": info.name, "url": url}],
    )


def greeting(message: str, found: Classification, ctx: Context) -> Reply:
    return Reply(
        "text",
        ctx.t(
            "您好！我是信用门户智能问答助手，可以帮您查询企业公示信息、解释处罚记录、判断能否信用修复、"
            "介绍异议和投诉举报办理、查询申请进度。请问有什么可以帮您？",
            "Hello! I can look up companies, explain records, check repair eligibility, "
            "explain objections and complaints, and track applications.",
        ),
        found.intent,
        found.confidence,
    )


def handoff(message: str, found: Classification, ctx: Context) -> Reply:
    opened = handoff_ticket(ctx, message, "asked")
    return Reply(
        "handoff",
        ctx.t("已为您转人工，工作人员会在工作时间内尽快答复。", "Your question was passed to our staff.")
        + "\n"
        + ticket_text(ctx, opened),
        found.intent,
        found.confidence,
        cards=[ticket_card(opened)],
        suggestions=menu("返回菜单"),
    )


def ticket_reply(message: str, ctx: Context) -> Reply | None:
    """The staff answer to a consultation ticket, when the message holds its number (ZX…) and 查询码."""
    number = tickets.NUMBER_RE.search(message)
    rest = SPLIT_CODE_RE.sub(r"\1\2", tickets.NUMBER_RE.sub(" ", message).upper())  # ABCDE-FGHJK as shown
    code = CODE_RE.search(rest) if number else None
    if number is None or code is None:
        return None
    found = tickets.lookup(ctx.db, number.group(0), code.group(1))
    sources = [{"title": "咨询答复查询", "url": "/chat/ticket"}]
    if found is None:
        text = ctx.t("没有找到与该咨询单号和查询码匹配的咨询，请核对后重试。", "No ticket matches this number/code.")
    elif found.reply:
        text = ctx.t(f"咨询单 {found.number} 的答复：", f"Reply to ticket {found.number}:") + "\n" + found.reply
    else:
        text = ctx.t(
            f"咨询单 {found.number} 尚未答复（{TICKET_STATUS_ZH[found.status]}），请稍后再查。",
            f"Ticket {found.number} has not been answered yet.",
        )
    return Reply("status", text, "handoff", 1.0, suggestions=menu("返回菜单"), sources=sources)


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
