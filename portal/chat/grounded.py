"""Handlers whose answers are facts from the database: subjects, records and repair dates, submissions, list measures.

Everything the user typed that is echoed back is HTML-escaped; facts about subjects come only from lookups.py.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from markupsafe import escape

from portal.chat import cards, explain, kind_words, knowledge, lookups, questions
from portal.chat.followups import remember
from portal.chat.intents import CODE_RE, DOC_NO_RE, DOMAIN_WORDS, SPLIT_CODE_RE, TRACKING_RE, USCC_RE, Classification
from portal.chat.replies import faq, out_of_scope
from portal.chat.types import Context, Reply, link, menu, source
from portal.domain import repair
from portal.submissions import guesses


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
            _(
                "Which company or organisation would you like to look up? Please tell me its name or unified social "
                "credit code."
            ),
            found.intent,
            found.confidence,
            suggestions=menu(_("Look up by credit code"), _("Talk to a person")),
        )
    if not hits and not ctx.followup and not DOMAIN_WORDS.search(message):
        return out_of_scope(message, Classification("out_of_scope", 0.6), ctx)
    if not hits:
        return Reply(
            "text",
            _(
                "No public credit information was found for that name or code. The name may be incomplete, or the "
                "subject has no record under publicity now. You can search again with the full name or the credit "
                "code on the search page."
            ),
            found.intent,
            found.confidence,
            cards=[link(_("Credit information search"), "/search")],
            suggestions=menu(_("Try another name"), _("Talk to a person")),
            sources=[source(_("Credit information search"), "/search")],
        )
    if len(hits) > 1:
        ctx.state["pending"] = "subject_lookup"
        names = kind_words.join(str(escape(h.profile.subject.name)) for h in hits)
        return Reply(
            "clarify",
            _("Several subjects match: %(names)s. Which one do you mean?", names=names),
            found.intent,
            found.confidence,
            cards=[_subject_card(h) for h in hits],
            suggestions=menu(*(h.profile.subject.name for h in hits)),
        )
    hit = hits[0]
    c, s = hit.profile.counts, hit.profile.subject
    penalties = hit.profile.by_kind.get("penalty", [])
    # "这条处罚能修复吗" (the first quick reply) then means the newest public penalty of this subject.
    remember(ctx.state, subject=s.name, record=penalties[0].title if penalties else None)
    asked = kind_words.asked_kinds(message)
    text = (
        _("%(name)s, records under publicity: %(counts)s.", name=escape(s.name), counts=kind_words.counts_text(c))
        + "".join(kind_words.sentence(kind, hit.profile.by_kind.get(kind, [])) for kind in asked)
        + _("See the subject page for details.")
    )
    shown = [r for kind in asked for r in kind_words.shown(kind, hit.profile.by_kind.get(kind, []))]
    cards = [_subject_card(hit)] + [_timeline_card(r) for r in shown]
    return Reply(
        "entity_result",
        text,
        found.intent,
        found.confidence,
        cards=cards,
        suggestions=menu(
            *([_("Can this penalty be repaired")] if penalties else []),
            _("How do I file an objection"),
            _("Look up another company"),
        ),
        sources=[{"title": s.name, "url": hit.url}] + [source(r.title, cards_url(r)) for r in shown],
    )


def cards_url(record: Any) -> str:
    return cards.record_card(record.kind, record.id, record.title, {})["url"]


def _timeline_card(record: Any) -> dict[str, Any]:
    """A public record of the subject (title: 文号, list name or 承诺事由)."""
    data = {
        "decided_on": record.decided_on.isoformat(),
        "public_until": record.public_until.isoformat() if record.public_until else None,
    }
    if record.kind == "list":
        data["category"] = record.category
    if record.state:  # 有效/无效, 执行中/已解除, 承诺履行状态
        data["state"] = record.state
    if record.kind == "commitment":
        data["broken"] = kind_words.is_broken(record)
    return cards.record_card(record.kind, record.id, record.title, data)


def _subject_card(hit: lookups.Found) -> dict[str, Any]:
    s = hit.profile.subject
    return {
        "type": "subject",
        "title": s.name,
        "url": hit.url,
        "data": {"uscc": s.uscc, "kind": s.kind, "legal_rep": s.legal_rep, "counts": dict(hit.profile.counts)},
    }


def _record(message: str, found: Classification, ctx: Context, repair_question: bool) -> Reply:
    match = DOC_NO_RE.search(message)
    if not match:
        ctx.state["pending"], ctx.state["pending_intent"] = "record", found.intent
        faq = knowledge.retrieve(message, "repair_eligibility" if repair_question else "policy_faq", 1)
        hint = (faq[0].en if ctx.english else faq[0].zh) if faq else ""
        return Reply(
            "clarify",
            _("Please tell me the document number of the record (such as 株市监罚〔2026〕15号) and I will look it up.")
            + ("\n" + hint if hint else ""),
            found.intent,
            found.confidence,
            suggestions=menu(_("How does credit repair work"), _("Talk to a person")),
            sources=[{"title": f.source_title, "url": f.source_url} for f in faq],
        )
    doc_no = match.group(0)
    detail = lookups.find_record(ctx.db, ctx.today, doc_no)
    if detail is None:
        return Reply(
            "text",
            _(
                "No record under publicity has this document number. The record may not exist, may not be public, "
                "or its publicity period may have ended."
            ),
            found.intent,
            found.confidence,
            cards=[link(_("About publicity"), "/guides/publicity")],
            suggestions=menu(_("How long is the publicity period"), _("Talk to a person")),
            sources=[source(_("Credit publicity guide"), "/guides/publicity")],
        )
    until = detail.public_until.isoformat() if detail.public_until else "—"
    remember(ctx.state, record=doc_no)
    text, data = explain.describe(doc_no, detail, until)
    data["status"] = cards.record_status_label(detail.status)
    card = cards.record_card(detail.kind, detail.id, doc_no, data)
    sources = [source(doc_no, card["url"]), source(_("Credit publicity guide"), "/guides/publicity")]
    if not repair_question:
        questions = (_("Can this record be repaired"), _("How do I file an objection"),
                     _("How long is the publicity period"))  # fmt: skip
        return Reply("entity_result", text, found.intent, found.confidence, cards=[card],
                     suggestions=menu(*questions), sources=sources)  # fmt: skip
    verdict = repair.eligibility(
        detail.kind, detail.status, ctx.today, decided_on=detail.decided_on if detail.kind == "penalty" else None,
        severity=getattr(detail, "severity", None), category=getattr(detail, "category", None),
    )  # fmt: skip
    data |= {"repair_eligible": verdict.eligible, "repair_reason": str(verdict.reason)}
    if detail.kind == "penalty":
        data["repair_possible_from"] = verdict.possible_from.isoformat() if verdict.possible_from else None
    sources.append(source(_("Credit repair guide"), "/guides/repair"))
    text = explain.repair_text(detail.kind, verdict) + "\n" + text  # the yes or no first, then the record
    return Reply("entity_result", text, found.intent, found.confidence,
                 cards=[card], suggestions=menu(_("What materials does credit repair need"),
                                                _("How do I file an objection")), sources=sources)  # fmt: skip


def record_explain(message: str, found: Classification, ctx: Context) -> Reply:
    if not DOC_NO_RE.search(message):
        message = _with_subject_record(message, ctx)
    if not DOC_NO_RE.search(message) and questions.DURATION_RE.search(message):
        return questions.publicity_periods(found, ctx, found.intent)
    if not DOC_NO_RE.search(message) and not re.search(r"这条|该|此|这个", message):
        return faq(message, Classification("policy_faq", found.confidence), ctx, intent=found.intent)
    return _record(message, found, ctx, repair_question=False)


def repair_eligibility(message: str, found: Classification, ctx: Context) -> Reply:
    if not DOC_NO_RE.search(message):
        message = _with_subject_record(message, ctx)
    if not DOC_NO_RE.search(message):
        answer = questions.repair_yes_no(message, found, ctx)
        if answer is not None:
            return answer
    if not DOC_NO_RE.search(message) and not re.search(r"这条|这个|我的|我们", message):
        return faq(message, found, ctx)
    return _record(message, found, ctx, repair_question=True)


def _with_subject_record(message: str, ctx: Context) -> str:
    """A question about "<company>的处罚" reads as one about its newest public penalty (or list entry)."""
    if not lookups.ORG_RE.search(message):
        return message
    for candidate in lookups.name_candidates(message)[:2]:
        hits = lookups.find_subjects(ctx.db, ctx.today, candidate, ctx.backend)
        if len(hits) == 1:
            by_kind = hits[0].profile.by_kind
            records = by_kind.get("penalty", []) + by_kind.get("list", [])
            doc_no = next((r.title for r in records if DOC_NO_RE.fullmatch(r.title)), None)
            return f"{message} {doc_no}" if doc_no else message
    return message


def submission_status(message: str, found: Classification, ctx: Context) -> Reply:
    number = TRACKING_RE.search(message)
    rest = SPLIT_CODE_RE.sub(r"\1\2", TRACKING_RE.sub(" ", message).upper())  # ABCDE-FGHJK as on the receipt
    code = CODE_RE.search(rest)
    tracking = number.group(1).upper() if number else ctx.state.get("tracking_no")
    sources = [source(_("Application status"), "/track")]
    if not tracking or not code:
        ctx.state["pending"], ctx.state["tracking_no"] = "submission_status", tracking
        if tracking:
            text = _(
                "To look up the status I need the tracking number and the query code. Please send the query code "
                "(10 characters)."
            )
        else:
            text = _(
                "To look up the status I need the tracking number and the query code. Please send the tracking "
                "number (such as 20261120-ABC234) and the query code."
            )
        return Reply("clarify", text, found.intent, found.confidence, sources=sources,
                     suggestions=menu(_("I lost my query code"), _("Talk to a person")))  # fmt: skip
    ctx.state["tracking_no"] = None
    try:  # the same guessing budget as /track and the API
        status = guesses.track(ctx.db, tracking, code.group(1), ctx.client)
    except guesses.TooManyGuesses as exc:
        return Reply("status", str(exc.description), found.intent, found.confidence,
                     suggestions=menu(_("Talk to a person")), sources=sources)  # fmt: skip
    if status is None:
        text = _("No application matches this tracking number and query code. Please check them and try again.")
        return Reply("status", text, found.intent, found.confidence,
                     suggestions=menu(_("Talk to a person")), sources=sources)  # fmt: skip
    kind, state = status.kind.value, status.status.value
    text = _(
        "Tracking number %(number)s: %(kind)s, current status: %(status)s, due by %(due)s.",
        number=status.tracking_no, kind=cards.submission_label(kind),
        status=cards.submission_status_label(state), due=status.due_on.isoformat(),
    )  # fmt: skip
    card = {
        "type": "submission",
        "title": status.tracking_no,
        "url": "/track",
        "data": {"kind": kind, "status": state, "outcome": status.outcome, "due_date": status.due_on.isoformat()},
    }
    return Reply("status", text, found.intent, found.confidence, cards=[card],
                 suggestions=menu(_("Talk to a person")), sources=sources)  # fmt: skip
