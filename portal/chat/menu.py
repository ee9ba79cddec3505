"""Shared pieces of the replies: the default menu, Chinese labels of codes, record cards and handoff tickets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal.chat import tickets
from portal.chat.tickets import Opened
from portal.indexing.documents import record_url
from portal.submissions.codes import format_code

if TYPE_CHECKING:
    from portal.chat.answers import Context

MENU = (
    {"title": "查询企业信用", "payload": "我想查一家公司"},
    {"title": "信用修复", "payload": "怎么申请信用修复"},
    {"title": "异议申请", "payload": "信息有错误怎么提异议"},
    {"title": "投诉举报", "payload": "怎么投诉举报"},
    {"title": "进度查询", "payload": "查询我的申请进度"},
    {"title": "转人工", "payload": "转人工"},
)
TICKET_STATUS_ZH = {"open": "待处理", "in_progress": "处理中", "answered": "已答复", "closed": "已关闭"}
SEVERITY_ZH = {"minor": "轻微", "general": "一般", "serious": "严重"}
STATUS_ZH = {
    "published": "公示中",
    "under_objection": "异议处理中",
    "objection": "信用异议",
    "complaint": "投诉举报",
    "repair": "信用修复",
    "submitted": "已提交",
    "accepted": "已受理",
    "rejected_intake": "不予受理",
    "verifying": "核查中",
    "closed": "已办结",
}


def record_card(kind: str, record_id: int, title: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": "record", "title": title, "url": record_url(kind, record_id), "data": data}


def handoff_ticket(ctx: Context, message: str, reason: str) -> Opened:
    """Adds a consultation ticket for the back office (the caller commits); returns its number and 查询码."""
    turns = [t["user"] for t in ctx.state.get("turns", [])][-10:] + [message]
    return tickets.open_ticket(ctx.db, ctx.session_id, reason, message, "\n".join(turns))


def ticket_text(ctx: Context, opened: Opened) -> str:
    code = format_code(opened.code)
    return ctx.t(
        f"咨询单号 {opened.number}，查询码 {code}（仅显示一次，请妥善保存）。工作人员答复后，"
        f"您可在“咨询答复查询”页面或在此发送单号和查询码查看答复。",
        f"Ticket {opened.number}, query code {code} (shown only once: keep it). Once staff have answered, "
        "read the reply on the consultation reply page or send the number and code here.",
    )


def ticket_card(opened: Opened) -> dict[str, Any]:
    title = f"咨询单 {opened.number}"
    return {"type": "link", "title": title, "url": "/chat/ticket", "data": {"ticket": opened.number}}
