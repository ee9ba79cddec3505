"""What the chat says about each record kind, in one table keyed by RecordKind: the words of a question that asks
for the kind, how one public record reads inside a sentence, and the sentence listing a subject's records of the kind.

A kind registered in portal/kinds.py without an entry here gets the generic wording built from its registry labels,
so a new kind shows in the chat's answers as soon as it is registered. Entries may name kinds that are added by other
branches ("rating", "inspection"): the table is keyed by the kind's value, and an entry for a kind that is not
registered is never used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from markupsafe import escape

from portal import kinds
from portal.chat import kind_phrases as say
from portal.chat.kind_phrases import Described, is_broken, join, label, until
from portal.domain.kinds import RecordKind
from portal.i18n import CATEGORY_LABELS, RECORD_KIND_LABELS
from portal.public.presenters import PublicRecord

__all__ = ["Described", "is_broken", "join", "label", "until"]  # shared with explain.py and grounded.py

SHOWN_PER_KIND = 5  # records named per kind in one answer; the subject page has them all


@dataclass(frozen=True, slots=True)
class KindWords:
    """How the chat words one kind. `heading` and `none` are None for the generic wording from the kind's label."""

    asks: re.Pattern[str] | None = None  # a question naming the kind ("有没有信用承诺", "any honours")
    asks_not: re.Pattern[str] | None = None  # …unless it names this instead ("吊销许可证" is a penalty)
    item: Callable[[PublicRecord], str] = say.generic  # one record inside a sentence
    heading: Callable[[str], str] | None = None  # "Administrative penalties: <items>."
    none: Callable[[], str] | None = None  # "No administrative penalty is under publicity."
    note: Callable[[Sequence[PublicRecord]], str] | None = None  # said after the records (违诺 among commitments)
    by_default: bool = False  # listed when a lookup names no kind
    latest_per_category: bool = False  # only the newest record of each category (the latest grade per scheme)
    each_sentence: bool = False  # one sentence per record instead of a heading and a list (list entries)
    faq: tuple[str, ...] = ()  # the knowledge entries (portal/data/chat/faq.json) that explain the kind
    # "can a <record of this kind> be repaired": (the words of that question, the answer, yes or no first)
    repair: tuple[re.Pattern[str], Callable[[], str]] | None = None
    # a record explained on its own ("株市监罚〔2026〕15号是什么"): None = the kind's name, subject and item
    describe: Callable[[str, Any, str], Described] | None = None
    repairable: Callable[[str], str] | None = None  # why a record the repair rule allows may be repaired (from day)
    nothing_to_repair: Callable[[], str] = say.not_dishonesty  # why a record needs no repair


def _i(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


WORDS: dict[str, KindWords] = {
    RecordKind.PENALTY: KindWords(
        asks=_i(r"处罚|罚|吊销|违法|penalt|fine"),
        item=say.decision,
        by_default=True,
        heading=lambda items: _("Administrative penalties: %(items)s.", items=items),
        none=lambda: _("No administrative penalty is under publicity."),
        describe=say.describe_penalty,
        repairable=say.penalty_repairable,
        nothing_to_repair=say.minor_penalty_not_published,
    ),
    RecordKind.PERMIT: KindWords(
        asks=_i(r"许可|执照|资质|permit|licen[cs]e"),
        asks_not=_i(r"吊销|revoke"),
        item=say.decision,
        heading=lambda items: _("Administrative permits: %(items)s.", items=items),
        none=lambda: _("No administrative permit is under publicity."),
        describe=say.describe_permit,
        repair=(_i(r"许可|permit"), say.permit_needs_no_repair),
    ),
    RecordKind.LIST_ENTRY: KindWords(
        asks=_i(r"名单|名录|失信|守信|黑名单|红名单|\blists?\b|blacklist"),
        by_default=True,
        each_sentence=True,
        item=lambda r: _(
            "Listed on “%(list)s” (%(authority)s, %(until)s).",
            list=escape(r.title),
            authority=escape(r.authority),
            until=until(r),
        ),
        none=lambda: _("No list entry is under publicity."),
        describe=say.describe_list_entry,
        repairable=say.list_entry_repairable,
    ),
    RecordKind.COERCION: KindWords(
        asks=_i(r"强制|查封|扣押|冻结|代履行|划拨|coerc|seiz|seal|freez|enforcement"),
        item=say.coercion,
        # the mandatory measures (强制措施) of joint punishment are no coercion
        asks_not=_i(r"推荐|惩戒|奖惩|激励|名单|强制性|强制的|mandatory"),
        faq=("coercion-what",),
        repair=(_i(r"强制|查封|扣押|冻结|coerc|seiz"), say.coercion_needs_no_repair),
        heading=lambda items: _("Administrative coercion: %(items)s.", items=items),
        none=lambda: _("No administrative coercion decision is under publicity."),
    ),
    RecordKind.HONOUR: KindWords(
        asks=_i(r"荣誉|表彰|嘉奖|奖励|获奖|得奖|拿过.{0,2}奖|称号|先进|示范|守合同重信用|honou?rs?|awards?|commend"),
        item=say.honour,
        faq=("honour-what",),
        heading=lambda items: _("Honours and rewards: %(items)s.", items=items),
        none=lambda: _("No honour or reward is under publicity."),
    ),
    RecordKind.COMMITMENT: KindWords(
        asks=_i(r"承诺|违诺|失诺|践诺|容缺|promise|pledge|commitment|undertaking"),
        item=say.commitment,
        note=say.commitments_note,
        faq=("commitment-what", "commitment-tolerance", "commitment-breach"),
        repair=(
            _i(
                r"违诺|失诺|违背.{0,4}承诺|违反.{0,4}承诺|没(有)?(兑现|履行|做到).{0,4}承诺|承诺.{0,6}没(有)?(兑现|履行|做到)"
                r"|broken commitment|break.{0,12}(commitment|promise|pledge)|breach"
            ),
            say.broken_commitment_repairable,
        ),
        heading=lambda items: _("Credit commitments: %(items)s.", items=items),
        none=lambda: _("No credit commitment is under publicity."),
    ),
    # Kinds of other branches (信用评价, 检查结果): used once they are registered.
    "rating": KindWords(
        asks=_i(r"评价|评级|等级|信用级别|纳税信用|[ABCDM]\s*级|rating|grade"),
        item=say.rating,
        latest_per_category=True,
        faq=("rating-what",),
        heading=lambda items: _("Latest credit rating per scheme: %(items)s.", items=items),
        none=lambda: _("No credit rating is under publicity."),
    ),
    "inspection": KindWords(asks=_i(r"检查|抽查|双随机|inspect")),
}
_DEFAULT = KindWords()


def words(kind: str) -> KindWords:
    return WORDS.get(str(kind), _DEFAULT)


def describe(doc_no: str, record: Any, until_text: str) -> Described:
    """A record explained on its own: its kind's sentence (a detail of penalties, permits and list entries, the
    public record of the other kinds)."""
    w = words(record.kind)
    return (w.describe or say.describe_record(w.item))(doc_no, record, until_text)


def named_kinds(message: str) -> list[str]:
    """The registered kinds a message names, in registry order (none when it names none)."""
    out = []
    for spec in kinds.specs():
        w = words(spec.kind)
        if w.asks and w.asks.search(message) and not (w.asks_not and w.asks_not.search(message)):
            out.append(spec.kind.value)
    return out


def faq_ids(message: str) -> list[str]:
    """The knowledge entries of the kinds a message names ("什么是行政强制" → the 行政强制 entry)."""
    return [entry for kind in named_kinds(message) for entry in words(kind).faq]


def repair_answer(message: str) -> str | None:
    """The answer to "can a <record of a kind> be repaired" when the message asks it of a kind that has one."""
    for kind in named_kinds(message) or [spec.kind.value for spec in kinds.specs()]:
        repair = words(kind).repair
        if repair and repair[0].search(message):
            return repair[1]()
    return None


def asked_kinds(message: str) -> list[str]:
    """The registered kinds a lookup asks about ("有没有行政许可" → permits); the default kinds when it names none."""
    return named_kinds(message) or [spec.kind.value for spec in kinds.specs() if words(spec.kind).by_default]


def shown(kind: str, records: Sequence[PublicRecord]) -> list[PublicRecord]:
    """The records an answer names (newest first): the first few, or the newest of each category."""
    if words(kind).latest_per_category:
        newest: dict[str | None, PublicRecord] = {}
        for r in records:
            newest.setdefault(r.category, r)
        return list(newest.values())[:SHOWN_PER_KIND]
    return list(records[:SHOWN_PER_KIND])


def sentence(kind: str, records: Sequence[PublicRecord]) -> str:
    """The sentence naming a subject's public records of one kind, or saying there are none."""
    w, picked = words(kind), shown(kind, records)
    name = label(RECORD_KIND_LABELS, kind)
    if not picked:
        return w.none() if w.none else _("No records of the kind “%(kind)s” are under publicity.", kind=name)
    if w.each_sentence:
        return "".join(w.item(r) for r in picked)
    items = join(w.item(r) for r in picked)
    text = w.heading(items) if w.heading else _("%(kind)s: %(items)s.", kind=name, items=items)
    return text + (w.note(records) if w.note else "")


def counts_text(counts: dict[str, int]) -> str:
    """Every count of a profile (kinds, and list categories): "Administrative penalties 1, red list 0, …"."""
    parts = []
    for key, n in counts.items():
        name = CATEGORY_LABELS.get(key) or RECORD_KIND_LABELS.get(key)  # type: ignore[call-overload]
        if name is None:  # a derived count, e.g. good_rating (the best grades, already among the ratings)
            continue
        parts.append(_("%(kind)s %(n)s", kind=name, n=n))
    return join(parts)
