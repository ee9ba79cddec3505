"""Handlers whose answers are facts from the database: subjects, records and repair dates, submissions, list measures.

Everything the user typed that is echoed back is HTML-escaped; facts about subjects come only from lookups.py.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape

from portal.chat import knowledge, lookups
from portal.chat.intents import CODE_RE, DOC_NO_RE, DOMAIN_WORDS, SPLIT_CODE_RE, TRACKING_RE, USCC_RE, Classification
from portal.chat.menu import SEVERITY_ZH, STATUS_ZH, record_card
from portal.chat.replies import Context, Reply, faq, link, menu, out_of_scope
from portal.submissions import services as submissions


def subject_lookup(message: str, found: Classification, ctx: Context) -> Reply:
    uscc = USCC_RE.search(message.upper())
    if uscc:
        hit = lookups.find_by_uscc(ctx.db, ctx.today, uscc.group(0))
        hits = [hit] if hit else []
        name = uscc.group(0)
    else:
        candidates = [c for c in lookups.name_candidates(message) if len(c) >= 2]
        name, hits = (candidates[0] if candidates else ""), []
        for candidate in candidates:  # the name as written, then without leading words ("我们准备跟…")
            hits = lookups.find_subjects(ctx.db, ctx.today, candidate, ctx.backend)
            if hits:
                break
    if not name or len(name) < 2:
        ctx.state["pending"] = "subject_lookup"
        return Reply(
            "clarify",
            ctx.t(
                "好的，您要查询哪一家企业或单位？请告诉我名称或统一社会信用代码。",
                "Which company? Please give its name or unified social credit code.",
            ),
            found.intent,
            found.confidence,
            suggestions=menu("按信用代码查询", "转人工"),
        )
    if not hits and not ctx.followup and not DOMAIN_WORDS.search(message):
        return out_of_scope(message, Classification("out_of_scope", 0.6), ctx)
    if not hits:
        return Reply(
            "text",
            ctx.t(
                "没有找到该名称或代码的公开信用信息。可能名称不完整，或该主体当前没有公示中的记录。"
                "您可以到搜索页面用全称或信用代码再查。",
                "No public credit information found for that name. Try the search page.",
            ),
            found.intent,
            found.confidence,
            cards=[link("信用信息搜索", "/search")],
            suggestions=menu("换个名称再查", "转人工"),
            sources=[{"title": "信用信息搜索", "url": "/search"}],
        )
    if len(hits) > 1:
        ctx.state["pending"] = "subject_lookup"
        names = "、".join(str(escape(h.profile.subject.name)) for h in hits)
        return Reply(
            "clarify",
            ctx.t(
                f"找到多个相关主体：{names}。请问您指的是哪一家？",
                f"Several subjects match: {names}. Which one do you mean?",
            ),
            found.intent,
            found.confidence,
            cards=[_subject_card(h) for h in hits],
            suggestions=menu(*(h.profile.subject.name for h in hits)),
        )
    hit = hits[0]
    c, s = hit.profile.counts, hit.profile.subject
    entries = hit.profile.by_kind.get("list", [])[:3]
    text = ctx.t(
        f"{escape(s.name)}：公示中的行政处罚 {c.get('penalty', 0)} 条，行政许可 {c.get('permit', 0)} 条，"
        f"红名单 {c.get('redlist', 0)} 条，严重失信主体名单 {c.get('blacklist', 0)} 条，"
        f"重点关注名单 {c.get('watchlist', 0)} 条。"
        + "".join(f"列入“{escape(r.title)}”（{escape(r.authority)}，{_until(r)}）。" for r in entries)
        + "详情请看主体页面。",
        f"{escape(s.name)}: {c.get('penalty', 0)} public penalties, {c.get('permit', 0)} permits, "
        f"{c.get('redlist', 0) + c.get('blacklist', 0) + c.get('watchlist', 0)} list entries.",
    )
    penalties = hit.profile.by_kind.get("penalty", [])[:3]
    cards = [_subject_card(hit)] + [_timeline_card(r) for r in penalties + entries]
    return Reply(
        "entity_result",
        text,
        found.intent,
        found.confidence,
        cards=cards,
        suggestions=menu("这条处罚能修复吗", "如何提异议", "查另一家公司"),
        sources=[{"title": s.name, "url": hit.url}],
    )


def _timeline_card(record: Any) -> dict[str, Any]:
    """A public penalty or list entry of the subject (title: 文号 or list name)."""
    data = {
        "decided_on": record.decided_on.isoformat(),
        "public_until": record.public_until.isoformat() if record.public_until else None,
    }
    if record.kind == "list":
        data["category"] = record.category
    return record_card(record.kind, record.id, record.title, data)


def _until(record: Any) -> str:
    return f"公示至 {record.public_until.isoformat()}" if record.public_until else "长期公示"


def _subject_card(hit: lookups.Found) -> dict[str, Any]:
    s = hit.profile.subject
    return {
        "type": "subject",
        "title": s.name,
        "url": hit.url,
        "data": {"uscc": s.uscc, "kind": s.kind, "legal_rep": s.legal_rep, "counts": dict(hit.profile.counts)},
    }


def _record(message: str, found: Classification, ctx: Context, repair: bool) -> Reply:
    match = DOC_NO_RE.search(message)
    if not match:
        ctx.state["pending"], ctx.state["pending_intent"] = "record", found.intent
        faq = knowledge.retrieve(message, "repair_eligibility" if repair else "policy_faq", 1)
        hint = (faq[0].en if ctx.english else faq[0].zh) if faq else ""
        return Reply(
            "clarify",
            ctx.t(
                "请告诉我记录的文号（如 株市监罚〔2026〕15号），我来帮您查看。",
                "Please give the record's document number.",
            )
            + ("\n" + hint if hint else ""),
            found.intent,
            found.confidence,
            suggestions=menu("信用修复怎么办", "转人工"),
            sources=[{"title": f.source_title, "url": f.source_url} for f in faq],
        )
    doc_no = match.group(0)
    detail = lookups.find_record(ctx.db, ctx.today, doc_no)
    if detail is None:
        return Reply(
            "text",
            ctx.t(
                "没有找到该文号的公示中记录。该记录可能不存在、未公示或已过公示期。",
                "No public record has this number.",
            ),
            found.intent,
            found.confidence,
            cards=[link("公示说明", "/guides/publicity")],
            suggestions=menu("公示期限是多久", "转人工"),
            sources=[{"title": "信用公示说明", "url": "/guides/publicity"}],
        )
    until = detail.public_until.isoformat() if detail.public_until else "—"
    name = detail.subject.name
    if detail.kind == "penalty":
        sev = SEVERITY_ZH.get(detail.severity, detail.severity)
        text = (
            f"{escape(doc_no)} 是 {escape(detail.authority_name)} 于 {detail.decided_on.isoformat()} 对 {escape(name)} "
            f"作出的行政处罚（{escape('、'.join(detail.punishment_types))}），失信严重程度：{sev}，公示截止：{until}。"
        )
        data = {"severity": detail.severity, "decided_on": detail.decided_on.isoformat(), "public_until": until}
    else:
        sev, data = (
            "",
            {"decided_on": getattr(detail, "decided_on", getattr(detail, "listed_on", None)), "public_until": until},
        )
        data["decided_on"] = data["decided_on"].isoformat() if data["decided_on"] else None
        if detail.kind == "permit":
            valid = "有效" if detail.state == "1" else "无效"
            until_valid = detail.valid_until.isoformat() if detail.valid_until else "长期"
            text = (
                f"{escape(doc_no)} 是 {escape(detail.authority_name)} 于 {detail.decided_on.isoformat()} 对 "
                f"{escape(name)} 作出的行政许可（{escape(detail.doc_title)}），有效期至 {until_valid}，"
                f"当前状态：{valid}。"
            )
            data |= {"state": valid, "valid_until": until_valid}
        else:
            text = (
                f"{escape(doc_no)} 是 {escape(name)} 列入“{escape(detail.list_name)}”的名单记录"
                f"（认定单位：{escape(detail.recognised_by)}），公示截止：{until}。"
            )
    card = record_card(detail.kind, detail.id, doc_no, data | {"status": STATUS_ZH.get(detail.status, detail.status)})
    sources = [{"title": doc_no, "url": card["url"]}, {"title": "信用公示说明", "url": "/guides/publicity"}]
    if repair:
        if detail.kind != "penalty":
            text += "名单记录按该名单的规则由认定单位办理修复（移出），请联系认定单位或提交申请。"
        else:
            day = lookups.repair_from(detail)
            if day is None:
                text += "轻微失信原则上不公示，无需修复。"
            elif ctx.today >= day:
                text += (
                    f"已满最短公示期（自 {day.isoformat()} 起可修复），"
                    "如已履行处罚并作出公开信用承诺，现在即可申请修复。"
                )
            else:
                text += f"尚未满最短公示期，最早可于 {day.isoformat()} 申请修复；届时还需已履行处罚并作出公开信用承诺。"
            data["repair_possible_from"] = day.isoformat() if day else None
        sources.append({"title": "信用修复指南", "url": "/guides/repair"})
        return Reply(
            "entity_result",
            text,
            found.intent,
            found.confidence,
            cards=[card],
            suggestions=menu("信用修复需要哪些材料", "如何提异议"),
            sources=sources,
        )
    return Reply(
        "entity_result",
        text,
        found.intent,
        found.confidence,
        cards=[card],
        suggestions=menu("这条能修复吗", "如何提异议", "公示期限是多久"),
        sources=sources,
    )


def record_explain(message: str, found: Classification, ctx: Context) -> Reply:
    if not DOC_NO_RE.search(message) and not re.search(r"这条|该|此|这个", message):
        return faq(message, Classification("policy_faq", found.confidence), ctx, intent=found.intent)
    return _record(message, found, ctx, repair=False)


def repair_eligibility(message: str, found: Classification, ctx: Context) -> Reply:
    if not DOC_NO_RE.search(message) and not re.search(r"这条|这个|我的|我们", message):
        return faq(message, found, ctx)
    return _record(message, found, ctx, repair=True)


def submission_status(message: str, found: Classification, ctx: Context) -> Reply:
    number = TRACKING_RE.search(message)
    rest = SPLIT_CODE_RE.sub(r"\1\2", TRACKING_RE.sub(" ", message).upper())  # ABCDE-FGHJK as on the receipt
    code = CODE_RE.search(rest)
    tracking = number.group(1).upper() if number else ctx.state.get("tracking_no")
    if not tracking or not code:
        ctx.state["pending"], ctx.state["tracking_no"] = "submission_status", tracking
        need = "查询码（10位）" if tracking else "受理编号（如 20261120-ABC234）和查询码"
        return Reply(
            "clarify",
            ctx.t(
                f"查询进度需要受理编号和查询码，请发送{need}。",
                "Please send the tracking number and the 10-character query code.",
            ),
            found.intent,
            found.confidence,
            suggestions=menu("查询码丢了怎么办", "转人工"),
            sources=[{"title": "进度查询", "url": "/track"}],
        )
    ctx.state["tracking_no"] = None
    status = submissions.track(ctx.db, tracking, code.group(1))
    if status is None:
        return Reply(
            "status",
            ctx.t(
                "没有找到与该受理编号和查询码匹配的申请，请核对后重试。",
                "No application matches this tracking number and query code.",
            ),
            found.intent,
            found.confidence,
            suggestions=menu("转人工"),
            sources=[{"title": "进度查询", "url": "/track"}],
        )
    kind, state = status.kind.value, status.status.value
    text = (
        f"受理编号 {status.tracking_no}：{STATUS_ZH.get(kind, kind)}申请，"
        f"当前状态：{STATUS_ZH.get(state, state)}，办理期限 {status.due_on.isoformat()}。"
    )
    card = {
        "type": "submission",
        "title": status.tracking_no,
        "url": "/track",
        "data": {"kind": kind, "status": state, "outcome": status.outcome, "due_date": status.due_on.isoformat()},
    }
    return Reply(
        "status",
        text,
        found.intent,
        found.confidence,
        cards=[card],
        suggestions=menu("转人工"),
        sources=[{"title": "进度查询", "url": "/track"}],
    )
