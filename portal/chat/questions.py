"""Question types beyond procedures: "还能修复吗 / 需要修复吗" answered yes or no first, with the reason, from the
repair rule (portal.domain.repair); "要挂多久" answered with the publicity periods (DOMAIN §5.2, from
portal.domain.publicity).
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _

from portal.chat import kind_words, knowledge
from portal.chat.types import Context, Reply, menu, source
from portal.domain import repair
from portal.domain.kinds import ListCategory
from portal.domain.publicity import PERIOD_MONTHS, RecordStatus, Severity

DURATION_RE = re.compile(
    r"多久|多长时间|多少时间|几年|几个月|挂到|公示到|到什么时候|到哪天|什么时候(撤|下|到期|结束)|撤下|下线"
    r"|how long|until when",
    re.IGNORECASE,
)
_EXPIRED = re.compile(r"(公示期|期限)(已经|已)?(满|过|结束)|已经?到期|过了公示期|expired", re.IGNORECASE)
# (pattern, kind of record it names, its category or severity); the first match decides.
_CASES: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"异议"), "objection", None),
    (re.compile(r"警告|通报批评|轻微|warning|minor", re.IGNORECASE), repair.PENALTY, Severity.MINOR.value),
    (re.compile(r"红名单|守信|诚信典型|red list", re.IGNORECASE), repair.LIST_ENTRY, ListCategory.REDLIST.value),
    (
        re.compile(r"重点关注|经营异常|异常名录|watch ?list|abnormal", re.IGNORECASE),
        repair.LIST_ENTRY,
        ListCategory.WATCHLIST.value,
    ),  # fmt: skip
    (
        re.compile(
            r"严重失信主体名单|严重失信名单|黑名单|失信名单|失信被执行人|blacklist|serious dishonesty list",
            re.IGNORECASE,
        ),
        repair.LIST_ENTRY,
        ListCategory.BLACKLIST.value,
    ),  # fmt: skip
)


def repair_yes_no(message: str, found: object, ctx: Context) -> Reply | None:
    """The answer to "can / must X be repaired" when X is a kind of record the rule decides; None otherwise."""
    if _EXPIRED.search(message):
        text = _(
            "No need. A penalty leaves public view by itself at the end of its maximum publicity period (general "
            "dishonesty: 1 year, serious dishonesty: 3 years after the decision), without any application."
        )
        return _reply(text, found, ctx)
    objection = _CASES[0][0].search(message)
    answer = None if objection else kind_words.repair_answer(message)  # 许可, 违诺, 行政强制: the kinds' own answers
    if answer is not None:
        return _reply(answer, found, ctx)
    case = next(((kind, value) for pattern, kind, value in _CASES if pattern.search(message)), None)
    if case is None:
        return None
    kind, value = case
    today: date = ctx.today
    if kind == "objection":
        verdict = repair.eligibility(repair.PENALTY, RecordStatus.UNDER_OBJECTION, today)
    elif kind == repair.PENALTY:
        verdict = repair.eligibility(kind, RecordStatus.PUBLISHED, today, decided_on=today, severity=value)
    else:
        verdict = repair.eligibility(kind, RecordStatus.PUBLISHED, today, category=value)
    if verdict.reason is repair.Reason.UNDER_OBJECTION:
        text = _(
            "Not while the objection is being handled: a record under objection cannot be repaired. Apply for "
            "repair after the objection has been answered."
        )
    elif verdict.eligible:  # 严重失信 / 重点关注 entries: removed by the deciding authority under the list's rules
        text = _(
            "Yes. An entry on a dishonesty list (the serious dishonesty list or the key attention list) can be "
            "repaired, that is removed from the list, by the authority that listed the subject, under the rules of "
            "that list: fulfil the obligations, correct the behaviour and remove its effects, make a public credit "
            "commitment, then apply to that authority or online on this site."
        )
    elif kind == repair.PENALTY:
        text = _(
            "No need. A penalty that is only a warning or a public criticism is minor dishonesty: it is not "
            "published as a rule (at most 3 months if it is), so there is nothing to repair."
        )
    else:
        text = _("No need. The red list rewards trustworthy subjects; it is not dishonesty information, so there is "
                 "nothing to repair.")  # fmt: skip
    return _reply(text, found, ctx)


def _reply(text: str, found: object, ctx: Context) -> Reply:
    conditions = knowledge.by_id("repair-conditions")
    sources = [source(conditions.source_title, conditions.source_url)] if conditions else []
    return Reply(
        "faq",
        text,
        "repair_eligibility",
        getattr(found, "confidence", 1.0),
        cards=[{"type": "link", "title": s["title"], "url": s["url"], "data": {}} for s in sources],
        suggestions=menu(_("What materials does credit repair need"), _("How do I file an objection")),
        sources=sources,
    )


def publicity_periods(found: object, ctx: Context, intent: str) -> Reply:
    """How long penalties stay published, from the periods of DOMAIN §5.2 (the same table the importer applies)."""
    minor, general, serious = (PERIOD_MONTHS[s] for s in (Severity.MINOR, Severity.GENERAL, Severity.SERIOUS))
    text = _(
        "How long a penalty stays published (NDRC Order No. 36): minor dishonesty (only a warning or public "
        "criticism) is not published as a rule, at most %(minor)s months if it is; general dishonesty is published "
        "for %(general)s year from the decision date and may be repaired after %(general_min)s months; serious "
        "dishonesty is published for %(serious)s years and may be repaired after %(serious_min)s year. At the end "
        "the record leaves public view by itself. Send the document number of a record to see its own end date.",
        minor=minor[1], general=general[1] // 12, general_min=general[0], serious=serious[1] // 12,
        serious_min=(serious[0] or 0) // 12,
    )  # fmt: skip
    return Reply(
        "faq",
        text,
        intent,
        getattr(found, "confidence", 1.0),
        cards=[{"type": "link", "title": _("Credit publicity guide"), "url": "/guides/publicity", "data": {}}],
        suggestions=menu(_("Can this record be repaired"), _("How do I file an objection")),
        sources=[source(_("Credit publicity guide"), "/guides/publicity")],
    )
